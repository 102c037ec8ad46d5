/** Next.js: pages and app router handlers, server actions, middleware, shared modules. */
import type { RealWorldCase } from './types.js';

export const nextCases: RealWorldCase[] = [
  {
    name: 'pages router API route opens and closes ioredis per request',
    filename: 'pages/api/views/[slug].ts',
    code: `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const slug = req.query.slug as string;
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    const views = await redis.incr(\`views:\${slug}\`);
    res.status(200).json({ views });
  } finally {
    redis.disconnect();
  }
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request to this Next.js API route' },
    ],
  },
  {
    name: 'pages router handler typed as NextApiHandler uses the node-redis README chain',
    filename: 'pages/api/signup.ts',
    note: 'DESIGN: `on(\'error\', …)` on the client is per-call cleanup the fix removes, not a reason the client cannot be shared.',
    code: `import type { NextApiHandler } from 'next';
import { createClient } from 'redis';

const handler: NextApiHandler = async (req, res) => {
  const client = await createClient({ url: process.env.REDIS_URL })
    .on('error', (err) => console.error('Redis Client Error', err))
    .connect();
  await client.lPush('signups', String(req.body.email));
  await client.quit();
  res.status(201).end();
};

export default handler;
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every request to this Next.js API route' },
    ],
  },
  {
    name: 'pages router handler exported through a wrapper',
    filename: 'pages/api/leaderboard.js',
    code: `import Redis from 'ioredis';
import { withSentry } from '@sentry/nextjs';

async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  const top = await redis.zrevrange('leaderboard', 0, 9, 'WITHSCORES');
  redis.quit();
  res.json(top);
}

export default withSentry(handler);
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request to this Next.js API route' },
    ],
  },
  {
    name: 'app router GET and DELETE each connect node-redis',
    filename: 'app/api/cache/[key]/route.ts',
    code: `import { NextRequest, NextResponse } from 'next/server';
import { createClient } from 'redis';

export async function GET(_req: NextRequest, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const value = await client.get(key);
  await client.disconnect();
  return NextResponse.json({ key, value });
}

export const DELETE = async (_req: NextRequest, { params }: { params: Promise<{ key: string }> }) => {
  const { key } = await params;
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  await client.del(key);
  return new NextResponse(null, { status: 204 });
};
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every request to this Next.js route handler `GET`' },
      { at: 'createClient(', nth: 2, messageId: 'perRequestClient', context: 'every request to this Next.js route handler `DELETE`' },
    ],
  },
  {
    name: 'server-sent events route duplicates the shared client to subscribe',
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const subscriber = redis.duplicate();
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      await subscriber.subscribe('notifications');
      subscriber.on('message', (_channel, message) => {
        controller.enqueue(encoder.encode(\`data: \${message}\\n\\n\`));
      });
      req.signal.addEventListener('abort', () => {
        subscriber.quit();
        controller.close();
      });
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
}
`,
    expected: [
      {
        at: 'redis.duplicate(',
        messageId: 'perRequestClientUnsafe',
        context: 'every request to this Next.js route handler `GET`',
        reason: 'it subscribes (`subscribe`), which needs a connection of its own',
      },
    ],
  },
  {
    name: '\'use server\' actions share a private connect() helper',
    filename: 'app/actions.ts',
    code: `'use server';

import Redis from 'ioredis';
import { revalidatePath } from 'next/cache';

function connect() {
  return new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2 });
}

export async function upvote(postId: string) {
  const redis = connect();
  await redis.zincrby('posts:score', 1, postId);
  await redis.quit();
  revalidatePath('/');
}

export async function downvote(postId: string) {
  const redis = connect();
  await redis.zincrby('posts:score', -1, postId);
  await redis.quit();
  revalidatePath('/');
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to `connect()`' },
    ],
  },
  {
    name: 'lib/redis.ts: the seed fix with declare global and a local factory',
    filename: 'lib/redis.ts',
    code: `import Redis from 'ioredis';

declare global {
  // eslint-disable-next-line no-var
  var redisClient: Redis | undefined;
}

const createRedis = () =>
  new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379', {
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
  });

export const redis = globalThis.redisClient ?? createRedis();

if (process.env.NODE_ENV !== 'production') globalThis.redisClient = redis;

export default redis;
`,
    expected: [],
  },
  {
    name: 'lazy getter keeps the client on globalThis under a symbol key',
    filename: 'src/lib/redis.ts',
    code: `import IORedis from 'ioredis';

const REDIS_KEY = Symbol.for('app.redis');

export function getRedis(): IORedis {
  const g = globalThis as unknown as Record<symbol, IORedis | undefined>;
  if (!g[REDIS_KEY]) {
    g[REDIS_KEY] = new IORedis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  }
  return g[REDIS_KEY]!;
}
`,
    expected: [],
  },
  {
    name: 'getServerSideProps on a page with JSX',
    filename: 'pages/products/[id].tsx',
    code: `import type { GetServerSideProps } from 'next';
import Redis from 'ioredis';

type Props = { product: { id: string; name: string } | null };

export default function ProductPage({ product }: Props) {
  if (!product) return <p>Not found</p>;
  return <h1>{product.name}</h1>;
}

export const getServerSideProps: GetServerSideProps<Props> = async ({ params }) => {
  const redis = new Redis(process.env.REDIS_URL as string);
  const raw = await redis.get(\`product:\${params?.id}\`);
  redis.disconnect();
  return { props: { product: raw ? JSON.parse(raw) : null } };
};
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request through `getServerSideProps`' },
    ],
  },
  {
    name: 'middleware rate limit on the Node.js runtime',
    filename: 'middleware.ts',
    code: `import { NextResponse, type NextRequest } from 'next/server';
import Redis from 'ioredis';

export const config = { matcher: '/api/:path*', runtime: 'nodejs' };

export async function middleware(request: NextRequest) {
  const ip = request.headers.get('x-forwarded-for') ?? 'anonymous';
  const redis = new Redis(process.env.REDIS_URL!);
  const count = await redis.incr(\`rate:\${ip}\`);
  if (count === 1) await redis.expire(\`rate:\${ip}\`, 60);
  redis.disconnect();
  return count > 100 ? new NextResponse('Too Many Requests', { status: 429 }) : NextResponse.next();
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request through this Next.js middleware' },
    ],
  },
  {
    name: 'async server component counts visits',
    filename: 'app/page.tsx',
    note: 'Not a named handler in DESIGN, but a server component renders per request: "any other function not proven to run once".',
    code: `import Redis from 'ioredis';

export const revalidate = 0;

export default async function Home() {
  const redis = new Redis(process.env.REDIS_URL!);
  const visits = await redis.incr('home:visits');
  await redis.quit();
  return <main>Visits: {visits}</main>;
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to `Home()`' },
    ],
  },
  {
    name: 'React cache() around the client memoises per request only',
    filename: 'lib/redis.ts',
    code: `import 'server-only';
import Redis from 'ioredis';
import { cache } from 'react';

export const getRedis = cache(() => new Redis(process.env.REDIS_URL!));
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request through this React `cache()` callback' },
    ],
  },
  {
    name: 'instrumentation register() builds the client at boot',
    filename: 'instrumentation.ts',
    code: `import Redis from 'ioredis';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const redis = new Redis(process.env.REDIS_URL!);
    await redis.ping();
    globalThis.__redis = redis;
  }
}
`,
    expected: [],
  },
  {
    name: 'app router POST wrapped in an error-handling HOF',
    filename: 'app/api/webhooks/stripe/route.ts',
    code: `import { createClient } from 'redis';
import { withErrorHandling } from '@/lib/api';

export const runtime = 'nodejs';

export const POST = withErrorHandling(async (req: Request) => {
  const event = await req.json();
  const redis = createClient({ url: process.env.REDIS_URL });
  redis.on('error', (err) => console.error(err));
  await redis.connect();
  await redis.set(\`stripe:event:\${event.id}\`, '1', { EX: 86400, NX: true });
  await redis.quit();
  return Response.json({ received: true });
});
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every request to this Next.js route handler `POST`' },
    ],
  },
  {
    name: 'ioredis Cluster per request, options from a module-level constant',
    filename: 'pages/api/cluster-info.ts',
    code: `import { Cluster } from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

const nodes = (process.env.REDIS_NODES ?? '').split(',').map((hostPort) => {
  const [host, port] = hostPort.split(':');
  return { host, port: Number(port) };
});

export default async function handler(_req: NextApiRequest, res: NextApiResponse) {
  const cluster = new Cluster(nodes, { redisOptions: { password: process.env.REDIS_PASSWORD } });
  const info = await cluster.cluster('INFO');
  cluster.disconnect();
  res.send(info);
}
`,
    expected: [
      { at: 'new Cluster(', messageId: 'perRequestClient', context: 'every request to this Next.js API route' },
    ],
  },
  {
    name: 'next-connect router callback',
    filename: 'pages/api/user/[id].ts',
    note: 'next-connect is not a framework DESIGN names, so the callback gets the generic phrase; it is still per request.',
    code: `import { createRouter } from 'next-connect';
import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

const router = createRouter<NextApiRequest, NextApiResponse>();

router.get(async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL!);
  const user = await redis.hgetall(\`user:\${req.query.id}\`);
  await redis.quit();
  res.json(user);
});

export default router.handler({ onError: (err, _req, res) => res.status(500).end(String(err)) });
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to this callback' },
    ],
  },
  {
    name: 'instance field of a class built in every request',
    filename: 'app/api/orders/route.ts',
    code: `import Redis from 'ioredis';

class OrderCache {
  private readonly redis = new Redis(process.env.REDIS_URL!);

  async get(id: string) {
    return this.redis.get(\`order:\${id}\`);
  }
}

export async function GET(request: Request) {
  const id = new URL(request.url).searchParams.get('id') ?? '';
  const cache = new OrderCache();
  return Response.json({ order: await cache.get(id) });
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every `new OrderCache()`' },
    ],
  },
];
