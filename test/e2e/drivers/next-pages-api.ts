import { assertSuccessful, loadHandler, type DriverSession } from './types.js';

type ApiHandler = (req: ApiRequest, res: ApiResponse) => unknown;

interface ApiRequest {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

const ROUTES = ['pages/api/hits.ts', 'pages/api/session.ts', 'pages/api/stats.ts'];

/** The part of Next.js's `NextApiResponse` these handlers use: chainable `status()`, then a body. */
class ApiResponse {
  statusCode = 200;
  body: unknown;
  finished = false;
  readonly headers = new Map<string, unknown>();

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  setHeader(name: string, value: unknown): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  json(body: unknown): void {
    this.body = body;
    this.finished = true;
  }

  send(body: unknown): void {
    this.body = body;
    this.finished = true;
  }

  end(): void {
    this.finished = true;
  }
}

export async function open(projectDir: string): Promise<DriverSession> {
  const handlers = await Promise.all(ROUTES.map((route) => loadHandler<ApiHandler>(projectDir, route, 'default')));
  return {
    async call(index) {
      const route = ROUTES[index % ROUTES.length];
      const res = new ApiResponse();
      await handlers[index % handlers.length]({ method: 'GET', query: {}, headers: {} }, res);
      if (!res.finished) throw new Error(`${route} returned without sending a response`);
      assertSuccessful(route, res.statusCode, res.body);
    },
  };
}
