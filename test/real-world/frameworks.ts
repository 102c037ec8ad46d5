/** Full-stack frameworks: SvelteKit, Remix / React Router, Nuxt and Nitro. */
import type { RealWorldCase } from './types.js';

export const frameworkCases: RealWorldCase[] = [
  {
    name: 'SvelteKit +server.ts GET',
    filename: 'src/routes/api/visits/+server.ts',
    code: `import { json, type RequestHandler } from '@sveltejs/kit';
import { REDIS_URL } from '$env/static/private';
import Redis from 'ioredis';

export const GET: RequestHandler = async () => {
  const redis = new Redis(REDIS_URL);
  const visits = await redis.incr('visits');
  redis.quit();
  return json({ visits });
};
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request to this SvelteKit endpoint `GET`' },
    ],
  },
  {
    name: 'SvelteKit load and form action (satisfies Actions)',
    filename: 'src/routes/blog/[slug]/+page.server.ts',
    code: `import type { Actions, PageServerLoad } from './$types';
import { env } from '$env/dynamic/private';
import { createClient } from 'redis';

export const load: PageServerLoad = async ({ params }) => {
  const client = createClient({ url: env.REDIS_URL });
  await client.connect();
  const likes = await client.get(\`likes:\${params.slug}\`);
  await client.quit();
  return { likes: Number(likes ?? 0) };
};

export const actions = {
  like: async ({ params }) => {
    const client = createClient({ url: env.REDIS_URL });
    await client.connect();
    await client.incr(\`likes:\${params.slug}\`);
    await client.quit();
  },
} satisfies Actions;
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every request through this SvelteKit `load` function' },
      { at: 'createClient(', nth: 2, messageId: 'perRequestClient', context: 'every request through this SvelteKit form action' },
    ],
  },
  {
    name: 'SvelteKit handle hook puts a new client on locals',
    filename: 'src/hooks.server.ts',
    code: `import type { Handle } from '@sveltejs/kit';
import { REDIS_URL } from '$env/static/private';
import Redis from 'ioredis';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.redis = new Redis(REDIS_URL);
  const response = await resolve(event);
  event.locals.redis.disconnect();
  return response;
};
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request through this SvelteKit `handle` hook' },
    ],
  },
  {
    name: 'SvelteKit handle hook shares a module-level connection',
    filename: 'src/hooks.server.ts',
    code: `import type { Handle } from '@sveltejs/kit';
import IORedis from 'ioredis';
import { REDIS_HOST, REDIS_PASSWORD, REDIS_PORT } from '$env/static/private';

const redisConnection = new IORedis({ host: REDIS_HOST, port: Number(REDIS_PORT), password: REDIS_PASSWORD, maxRetriesPerRequest: null });

export const handle = (async ({ event, resolve }) => {
  event.locals.redis = redisConnection;
  return resolve(event);
}) satisfies Handle;
`,
    expected: [],
  },
  {
    name: 'SvelteKit init hook connects once at server start',
    filename: 'src/hooks.server.ts',
    note: 'SvelteKit documents `init` as running once when the server starts: an app-start hook in DESIGN terms.',
    code: `import type { Handle, ServerInit } from '@sveltejs/kit';
import { REDIS_URL } from '$env/static/private';
import { createClient } from 'redis';

let redis: ReturnType<typeof createClient>;

export const init: ServerInit = async () => {
  redis = createClient({ url: REDIS_URL });
  redis.on('error', (err) => console.error(err));
  await redis.connect();
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.redis = redis;
  return resolve(event);
};
`,
    expected: [],
  },
  {
    name: 'React Router / Remix loader derives TLS options from the URL',
    filename: 'app/routes/api.redis-ping.tsx',
    code: `import type { LoaderFunctionArgs } from 'react-router';
import Redis from 'ioredis';

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = process.env.REDIS_URL!;
  const host = new URL(url).hostname;
  const redis = new Redis(url, { tls: { servername: host }, family: 4 });
  try {
    return new Response(\`OK \${await redis.ping()} \${request.url}\`);
  } finally {
    redis.disconnect();
  }
};

export default function Noop() {
  return null;
}
`,
    expected: [
      {
        at: 'new Redis(',
        messageId: 'perRequestClientUnsafe',
        context: 'every request through this Remix `loader`',
        reason: 'its options use `url`',
      },
    ],
  },
  {
    name: 'Remix loader that is not async returns a promise chain',
    filename: 'app/routes/stop.$id.tsx',
    code: `import { createClient } from 'redis';
import type { LoaderFunctionArgs } from '@remix-run/node';

export function loader({ params }: LoaderFunctionArgs) {
  const client = createClient({ url: process.env.REDIS_URL });
  return client.connect().then(() => client.hGet('stops', params.id!)).then((raw) => JSON.parse(raw ?? '{}'));
}
`,
    expected: [
      {
        at: 'createClient(',
        messageId: 'perRequestClientUnsafe',
        context: 'every request through this Remix `loader`',
        // Also not async; the chain is named because the work on the connection would stay even in an async loader.
        reason: 'it connects the client inside an expression the fix cannot remove',
      },
    ],
  },
  {
    name: 'Remix action imports the shared client from a local module',
    filename: 'app/routes/_index.tsx',
    code: `import { json, type ActionFunctionArgs } from '@remix-run/node';
import { redis } from '~/utils/redis.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  await redis.lpush('messages', String(form.get('message')));
  return json({ ok: true });
}
`,
    expected: [],
  },
  {
    name: 'Remix\'s ioredis example: production vs development global',
    filename: 'app/utils/redis.server.ts',
    code: `import Redis from 'ioredis';

let redis: Redis;

declare global {
  var __redis: Redis | undefined;
}

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) throw new Error('REDIS_URL environment variable is not set');

if (process.env.NODE_ENV === 'production') {
  redis = new Redis(REDIS_URL);
} else {
  if (!global.__redis) {
    global.__redis = new Redis(REDIS_URL);
  }
  redis = global.__redis;
}

export { redis };
`,
    expected: [],
  },
  {
    name: 'Nuxt server route reads useRuntimeConfig per request',
    filename: 'server/api/counter.post.ts',
    code: `import Redis from 'ioredis';

export default defineEventHandler(async (event) => {
  const config = useRuntimeConfig(event);
  const redis = new Redis(config.redisUrl);
  const body = await readBody<{ key: string }>(event);
  const value = await redis.incr(body.key);
  await redis.quit();
  return { value };
});
`,
    expected: [
      {
        at: 'new Redis(',
        messageId: 'perRequestClientUnsafe',
        context: 'every request to this Nuxt event handler',
        reason: 'its options use `config`',
      },
    ],
  },
  {
    name: 'Nuxt server util memoises the client (if (!redis))',
    filename: 'server/utils/redis.ts',
    code: `import IORedis from 'ioredis';

let redis: IORedis | undefined;

export function useRedis() {
  if (!redis) {
    const { redis: redisConfig } = useRuntimeConfig();
    redis = new IORedis({ ...redisConfig, maxRetriesPerRequest: null });
  }
  return redis;
}
`,
    expected: [],
  },
  {
    name: 'Nuxt plugin memoises through a conditional expression',
    filename: 'plugins/redis.server.ts',
    note: 'Nuxt plugins run for every SSR request; the `if (!redis)` guard on the module binding makes it a memoised assignment.',
    code: `import { Redis } from 'ioredis';

let redis: InstanceType<typeof Redis> | undefined;

export default defineNuxtPlugin(() => {
  const { redisUrl } = useRuntimeConfig();
  if (!redis) {
    redis = redisUrl?.length ? new Redis(redisUrl) : undefined;
  }
  return { provide: { redis } };
});
`,
    expected: [],
  },
  {
    name: 'Nuxt util splits the memo into a guarded call of initRedis()',
    filename: 'server/utils/redis-init.ts',
    note: 'The guard `if (!redis)` sits in the only caller of the non-exported `initRedis()`: a memo split across two functions, so it runs once.',
    code: `import Redis from 'ioredis';

let redis: Redis | null = null;

const initRedis = () => {
  const { redis: { host, port, password } } = useRuntimeConfig();
  redis = new Redis({ host, port, password: password || undefined });
};

export const useRedis = () => {
  if (!redis) initRedis();
  return redis!;
};
`,
    expected: [],
  },
  {
    name: 'Nitro plugin builds the client once at server start',
    filename: 'server/plugins/redis.ts',
    note: 'A Nitro plugin runs once when the server starts: an app-start hook.',
    code: `import Redis from 'ioredis';

export default defineNitroPlugin((nitroApp) => {
  const redis = new Redis(process.env.NUXT_REDIS_URL!);
  nitroApp.hooks.hook('request', (event) => {
    event.context.redis = redis;
  });
  nitroApp.hooks.hook('close', async () => {
    await redis.quit();
  });
});
`,
    expected: [],
  },
];
