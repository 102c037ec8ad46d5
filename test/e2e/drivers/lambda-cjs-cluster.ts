import { assertSuccessful, loadHandler, type DriverSession } from './types.js';

interface HandlerResult {
  statusCode: number;
  body: string;
}
type LambdaHandler = (event: unknown) => Promise<HandlerResult>;

/** `exports.handler` of a CommonJS Lambda that talks to a Redis Cluster (REDIS_HOST/REDIS_PORT of one node). */
export async function open(projectDir: string): Promise<DriverSession> {
  const handler = await loadHandler<LambdaHandler>(projectDir, 'handler.js', 'handler');
  return {
    async call(index) {
      const result = await handler({ pathParameters: { id: `item-${index % 10}` } });
      assertSuccessful('handler.js handler', result.statusCode, result.body);
    },
  };
}
