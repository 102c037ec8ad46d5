import { assertSuccessful, loadHandler, type DriverSession } from './types.js';

interface HandlerResult {
  statusCode: number;
  body: string;
}
type LambdaHandler = (event: unknown) => Promise<HandlerResult>;

export async function open(projectDir: string): Promise<DriverSession> {
  const views = await loadHandler<LambdaHandler>(projectDir, 'src/handler.ts', 'handler');
  const orders = await loadHandler<LambdaHandler>(projectDir, 'src/orders.ts', 'handler');

  const invocations: ((index: number) => Promise<HandlerResult>)[] = [
    // API Gateway proxy events carry the route parameter and the raw JSON body.
    (index) => views({ pathParameters: { slug: `post-${index % 7}` } }),
    (index) => orders({ body: JSON.stringify({ sku: `sku-${index % 5}`, quantity: 1 }) }),
  ];
  return {
    async call(index) {
      const result = await invocations[index % invocations.length](index);
      assertSuccessful(index % 2 ? 'src/orders.ts handler' : 'src/handler.ts handler', result.statusCode, result.body);
    },
  };
}
