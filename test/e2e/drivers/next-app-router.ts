import { assertSuccessful, loadHandler, type DriverSession } from './types.js';

const ROUTE = 'src/app/api/counter/route.ts';
const ACTIONS = 'src/app/actions.ts';

export async function open(projectDir: string): Promise<DriverSession> {
  const GET = await loadHandler<() => Promise<Response>>(projectDir, ROUTE, 'GET');
  const POST = await loadHandler<(request: Request) => Promise<Response>>(projectDir, ROUTE, 'POST');
  const addToCart = await loadHandler<(item: string) => Promise<unknown>>(projectDir, ACTIONS, 'addToCart');

  const invocations: (() => Promise<void>)[] = [
    async () => {
      const response = await GET();
      assertSuccessful(`GET ${ROUTE}`, response.status, await response.text());
    },
    async () => {
      const request = new Request('http://localhost/api/counter', { method: 'POST', body: JSON.stringify({ by: 1 }) });
      const response = await POST(request);
      assertSuccessful(`POST ${ROUTE}`, response.status, await response.text());
    },
    async () => {
      await addToCart('x');
    },
  ];
  return {
    call: (index) => invocations[index % invocations.length](),
  };
}
