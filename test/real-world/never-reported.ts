/** Code that opens no Redis connection the rule tracks: HTTP clients, mocks, local modules, look-alikes. */
import type { RealWorldCase } from './types.js';

export const neverReportedCases: RealWorldCase[] = [
  {
    name: '@upstash/redis and @upstash/ratelimit in a route handler',
    filename: 'app/api/ratelimit/route.ts',
    code: `import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

export async function POST(request: Request) {
  const redis = Redis.fromEnv();
  const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, '10 s') });
  const { success } = await ratelimit.limit(request.headers.get('x-forwarded-for') ?? 'anon');
  return success ? Response.json({ ok: true }) : new Response('Too Many Requests', { status: 429 });
}
`,
    expected: [],
  },
  {
    name: 'Cloudflare Worker with @upstash/redis/cloudflare',
    filename: 'src/worker.ts',
    code: `import { Redis } from '@upstash/redis/cloudflare';

export interface Env {
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const redis = new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN });
    const count = await redis.incr('count');
    return new Response(JSON.stringify({ count, path: new URL(request.url).pathname }));
  },
};
`,
    expected: [],
  },
  {
    name: '@vercel/kv createClient in a pages API route',
    filename: 'pages/api/kv.js',
    code: `import { createClient } from '@vercel/kv';

export default async function handler(req, res) {
  const kv = createClient({ url: process.env.KV_REST_API_URL, token: process.env.KV_REST_API_TOKEN });
  const views = await kv.incr(\`views:\${req.query.slug}\`);
  res.json({ views });
}
`,
    expected: [],
  },
  {
    name: 'Supabase createClient next to Redis text in comments and strings',
    filename: 'app/api/migrations/route.ts',
    code: `import { createClient } from '@supabase/supabase-js';

// We used to do \`const redis = new Redis(process.env.REDIS_URL)\` here, once per request.
export async function GET() {
  const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);
  const { data } = await supabase.from('redis_migrations').select('*');
  return Response.json({ data, note: 'new Redis() is no longer used' });
}
`,
    expected: [],
  },
  {
    name: 'local lib/redis module exporting createClient',
    filename: 'app/api/local/route.ts',
    code: `import { createClient } from '@/lib/redis';

export async function GET() {
  const client = await createClient();
  return Response.json({ pong: await client.ping() });
}
`,
    expected: [],
  },
  {
    name: 'ioredis-mock in a jest test',
    filename: '__tests__/queue.test.ts',
    code: `import RedisMock from 'ioredis-mock';
import { enqueue } from '../src/queue';

test('enqueue pushes a job', async () => {
  const redis = new RedisMock();
  await enqueue(redis, { id: 1 });
  expect(await redis.llen('jobs')).toBe(1);
});
`,
    expected: [],
  },
  {
    name: 'type-only imports in a helper signature',
    filename: 'src/types.ts',
    code: `import type { Redis } from 'ioredis';
import type { RedisClientType } from 'redis';

export type Clients = { cache: Redis; sessions: RedisClientType };

export function describeClient(client: Redis | RedisClientType): string {
  return 'status' in client ? \`ioredis (\${client.status})\` : \`node-redis (\${client.isOpen ? 'open' : 'closed'})\`;
}
`,
    expected: [],
  },
  {
    name: 'a local class named Redis in a Remix route',
    filename: 'app/routes/demo.tsx',
    code: `import type { LoaderFunctionArgs } from '@remix-run/node';

class Redis {
  constructor(readonly url: string) {}
  async get(key: string) {
    return \`\${this.url}/\${key}\`;
  }
}

export async function loader({ params }: LoaderFunctionArgs) {
  const redis = new Redis(process.env.REDIS_URL ?? 'memory://');
  return { value: await redis.get(params.key ?? 'x') };
}
`,
    expected: [],
  },
  {
    name: 'NestJS microservice over the Redis transport',
    filename: 'src/main.ts',
    code: `import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AppModule, {
    transport: Transport.REDIS,
    options: { host: process.env.REDIS_HOST, port: 6379 },
  });
  await app.listen();
}
bootstrap();
`,
    expected: [],
  },
];
