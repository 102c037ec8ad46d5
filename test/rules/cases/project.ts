/**
 * Cases whose imports reach small on-disk projects under test/projects/rule-cases/, so the project model resolves
 * them (tsconfig `@/*` paths included): per-request calls of imported factories and classes, `.duplicate()` of an
 * imported client, and the run-once places that keep them silent. The rule tester lints from the file system's root,
 * so origins are shown relative to the linted file's package.
 */
import path from 'node:path';
import type { Invalid, Valid } from './types.js';

const nextApp = path.resolve('test/projects/rule-cases/next-app');
const typed = path.resolve('test/projects/rule-cases/typed');
const serverlessApp = path.resolve('test/projects/rule-cases/serverless-app');
const nodeRedis2App = path.resolve('test/projects/rule-cases/node-redis-2');
const nodeRedis3App = path.resolve('test/projects/rule-cases/node-redis-3');
const expressControllers = path.resolve('test/projects/rule-cases/express-controllers');
const moduleClientHelpers = path.resolve('test/projects/rule-cases/module-client-helpers');
const typedLinting = { parserOptions: { project: './tsconfig.json', tsconfigRootDir: typed } };

/** The injected client's type is an alias from another file: only the type checker knows it is an ioredis client. */
const injectedSubscriber = `import type { SharedClient } from './lib/client-provider.js';

export class EventsController {
  constructor(private readonly redis: SharedClient) {}

  async stream(channel: string) {
    const subscriber = this.redis.duplicate();
    await subscriber.subscribe(channel);
    return subscriber;
  }
}
`;

export const projectInvalidCases: Invalid[] = [
  // a helper with one plain parameter that connects and closes the module's client, called per request elsewhere
  {
    filename: path.join(moduleClientHelpers, 'src/routes.ts'),
    code: `import { Router } from 'express';
import { tokenBalance } from './tokens';

export const router = Router();

router.get('/balance', async (req, res) => {
  res.json({ balance: await tokenBalance(String(req.query.key)) });
});
`,
    errors: [
      {
        messageId: 'perRequestClientFromUnsafe',
        line: 7,
        column: 29,
        endLine: 7,
        endColumn: 64,
        data: {
          construction: 'tokenBalance()',
          origin: 'src/tokens.ts:8',
          context: 'every request to this Express route callback',
          reason: "it connects the module's client `client` again on every call; connect it once, behind a memoised promise, and remove the per-call `connect()` and `disconnect()`",
        },
      },
    ],
  },
  // an imported factory called per request: reported at the call, naming where the client is built
  {
    filename: path.join(nextApp, 'app/api/pages/route.ts'),
    code: `import { openCache } from '@/lib/cache';

export async function GET(request: Request) {
  const cache = await openCache();
  const page = await cache.get(new URL(request.url).pathname);
  return new Response(page ?? '');
}
`,
    errors: [
      {
        messageId: 'perRequestClientFrom',
        line: 4,
        column: 23,
        endLine: 4,
        endColumn: 34,
        data: { construction: 'openCache()', origin: 'lib/cache.ts:5', context: 'every request to this Next.js route handler `GET`' },
      },
    ],
  },
  // a class whose field builds a node-redis client, built per request in another file: a field cannot await the shared one
  {
    filename: path.join(nextApp, 'app/api/session/route.ts'),
    code: `import { SessionStore } from '../../../lib/session-store';

export async function GET(request: Request) {
  const store = new SessionStore();
  return Response.json({ session: await store.read(request.headers.get('x-session') ?? '') });
}
`,
    errors: [
      {
        messageId: 'perRequestClientFromUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 35,
        data: {
          construction: 'new SessionStore()',
          origin: 'lib/session-store.ts:4',
          context: 'every request to this Next.js route handler `GET`',
          reason: 'it is built in a class field, which cannot await the shared connection',
        },
      },
    ],
  },
  // an SSE route duplicates the shared client to subscribe: a dedicated connection per request
  {
    filename: path.join(nextApp, 'app/api/events/route.ts'),
    code: `import { redis } from '@/lib/redis';

export async function GET() {
  const subscriber = redis.duplicate();
  const stream = new ReadableStream({
    async start(controller) {
      await subscriber.subscribe('events');
      subscriber.on('message', (_channel, message) => controller.enqueue(message));
    },
    cancel() {
      subscriber.disconnect();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}
`,
    errors: [
      {
        messageId: 'perRequestClientFromUnsafe',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 39,
        data: {
          construction: 'redis.duplicate()',
          origin: 'lib/redis.ts:3',
          context: 'every request to this Next.js route handler `GET`',
          reason: 'it subscribes (`subscribe`), which needs a connection of its own',
        },
      },
    ],
  },
  // a cast receiver keeps its spaces in the message; unsubscribing shows a subscriber even when a helper subscribes
  {
    filename: path.join(nextApp, 'pages/api/feed.ts'),
    code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { listen } from '../../lib/channels';
import { redis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const subscriber = (redis as any).duplicate();
  await listen(subscriber, ['feed'], (message) => res.write(\`data: \${message}\\n\\n\`));
  req.on('close', () => {
    void subscriber.unsubscribe('feed').finally(() => subscriber.quit());
  });
}
`,
    errors: [
      {
        messageId: 'perRequestClientFromUnsafe',
        line: 6,
        column: 22,
        endLine: 6,
        endColumn: 48,
        data: {
          construction: '(redis as any).duplicate()',
          origin: 'lib/redis.ts:3',
          context: 'every request to this Next.js API route',
          reason: 'it unsubscribes (`unsubscribe`), so it holds a subscription, which needs a connection of its own',
        },
      },
    ],
  },
  // the client library loaded inside the handler: reported, without a suggestion (module scope cannot reach it)
  {
    filename: path.join(nextApp, 'app/api/flags/route.ts'),
    code: `export async function GET() {
  const { createClient } = await import('redis');
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  return Response.json(await client.hGetAll('flags'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 3,
        column: 24,
        endLine: 3,
        endColumn: 68,
        data: { construction: 'createClient()', context: 'every request to this Next.js route handler `GET`' },
        suggestions: [],
      },
    ],
  },
  // with typed linting, the checker confirms the injected value is an ioredis client
  {
    // The rule tester puts a typed case's file under `tsconfigRootDir`.
    filename: 'src/events.ts',
    languageOptions: typedLinting,
    code: injectedSubscriber,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 24,
        endLine: 7,
        endColumn: 46,
        data: {
          construction: 'this.redis.duplicate()',
          context: 'every call to `EventsController.stream()`',
          reason: 'it subscribes (`subscribe`), which needs a connection of its own',
        },
      },
    ],
  },
  // serverless.yml names `create` in src/functions/orders as a Lambda handler (an unquoted entry with a comment after it)
  {
    filename: path.join(serverlessApp, 'src/functions/orders.ts'),
    code: `import Redis from 'ioredis';

export async function create(event: { body: string }) {
  const redis = new Redis(process.env.REDIS_URL);
  const id = await redis.incr('orders:next');
  return { statusCode: 201, body: JSON.stringify({ id, order: JSON.parse(event.body) }) };
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every invocation of this AWS Lambda handler `create`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function create(event: { body: string }) {
  const id = await redis.incr('orders:next');
  return { statusCode: 201, body: JSON.stringify({ id, order: JSON.parse(event.body) }) };
}
`,
          },
        ],
      },
    ],
  },
  // serverless.yml names `list` of the same module in a quoted entry: an arrow function export
  {
    filename: path.join(serverlessApp, 'src/functions/orders.ts'),
    code: `import Redis from 'ioredis';

export const list = async () => {
  const redis = new Redis(process.env.REDIS_URL);
  return { statusCode: 200, body: JSON.stringify(await redis.lrange('orders', 0, -1)) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every invocation of this AWS Lambda handler `list`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const list = async () => {
  return { statusCode: 200, body: JSON.stringify(await redis.lrange('orders', 0, -1)) };
};
`,
          },
        ],
      },
    ],
  },
  // node-redis 2 (the package's manifest) connects by itself, so nothing awaits; the codemod writes no code for it
  {
    filename: path.join(nodeRedis2App, 'src/rooms.js'),
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const express = require('express');
const redis = require('redis');

const router = express.Router();

router.get('/rooms', (req, res) => {
  const client = redis.createClient({ host: process.env.REDIS_HOST });
  client.smembers('rooms', (error, rooms) => res.json(rooms));
});

module.exports = router;
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 70,
        data: {
          construction: 'redis.createClient()',
          context: 'every request to this Express route callback',
          reason: 'node-redis ^2.8.0 is older than 3, which the codemod does not write code for',
        },
      },
    ],
  },
  // node-redis 3 connects by itself: a callback that is not async can use a client built once, as it is
  {
    filename: path.join(nodeRedis3App, 'src/visits.js'),
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const express = require('express');
const redis = require('redis');

const router = express.Router();

router.get('/visits', (req, res) => {
  const client = redis.createClient({ host: process.env.REDIS_HOST });
  client.incr('visits', (error, visits) => res.json({ visits }));
});

module.exports = router;
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 70,
        data: { construction: 'redis.createClient()', context: 'every request to this Express route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const express = require('express');
const redis = require('redis');

const router = express.Router();

const client = redis.createClient({ host: process.env.REDIS_HOST });
client.on('error', (err) => console.error('Redis client error', err));
router.get('/visits', (req, res) => {
  client.incr('visits', (error, visits) => res.json({ visits }));
});

module.exports = router;
`,
          },
        ],
      },
    ],
  },
  // a controller's default export, registered by reference in a route file: every GET / calls the factory
  {
    filename: path.join(expressControllers, 'src/controllers/root.ts'),
    code: `import type { Response } from 'express';
import { getRedisClient } from '../redisClient';

export default async function (_: unknown, res: Response) {
  const client = getRedisClient();
  client.incr('visits', (_error, visits) => res.send({ visits }));
}
`,
    errors: [
      {
        messageId: 'perRequestClientFrom',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 34,
        data: {
          construction: 'getRedisClient()',
          origin: 'src/redisClient.ts:4',
          context: 'every request to the Express route callback in src/routes/root.ts:8',
        },
      },
    ],
  },
  // a named export registered by reference in a route file builds its client on every request
  {
    filename: path.join(expressControllers, 'src/controllers/pages.ts'),
    code: `import type { Response } from 'express';
import redis from 'redis';

export async function pageViews(_: unknown, res: Response) {
  const client = redis.createClient({ host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT) });
  client.incr('page-views', (_error, views) => res.send({ views }));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 108,
        data: { construction: 'redis.createClient()', context: 'every request to the Express route callback in src/routes/root.ts:9' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import type { Response } from 'express';
import redis from 'redis';

const client = redis.createClient({ host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT) });
client.on('error', (err) => console.error('Redis client error', err));
export async function pageViews(_: unknown, res: Response) {
  client.incr('page-views', (_error, views) => res.send({ views }));
}
`,
          },
        ],
      },
    ],
  },
  // in a Next.js package the quick fix keeps the client on globalThis and builds it on first use, as `fix` does
  {
    filename: path.join(nextApp, 'app/api/hits/route.ts'),
    code: `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL!);
  const hits = await redis.incr('hits');
  await redis.quit();
  return new Response(String(hits));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 50,
        data: { construction: 'new Redis()', context: 'every request to this Next.js route handler `GET`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

// One Redis client per process, built on first use: every call reuses its connection instead of opening one.
function createRedis() {
  return new Redis(process.env.REDIS_URL!);
}

// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis as unknown as { appApiHitsRouteRedisClient?: ReturnType<typeof createRedis> };

function getRedis() {
  globalForRedis.appApiHitsRouteRedisClient ??= createRedis();
  return globalForRedis.appApiHitsRouteRedisClient;
}

export async function GET() {
  const redis = getRedis();
  const hits = await redis.incr('hits');
  return new Response(String(hits));
}
`,
          },
        ],
      },
    ],
  },
];

export const projectValidCases: Valid[] = [
  // a 'use client' component runs in the browser: its event handlers never open a connection on the server
  {
    filename: path.join(nextApp, 'app/sign-in/page.tsx'),
    code: `'use client';

import { createClient } from 'redis';

export default function SignInPage() {
  async function onSubmit(form: FormData) {
    const client = await createClient({ url: process.env.NEXT_PUBLIC_REDIS_URL }).connect();
    await client.incr(\`sign-in:\${String(form.get('name'))}\`);
  }
  return <form action={onSubmit}><input name="name" /></form>;
}
`,
  },
  // the same export name in a module serverless.yml does not name: an ordinary export whose callers carry any report
  {
    filename: path.join(serverlessApp, 'src/jobs/cleanup.ts'),
    code: `import Redis from 'ioredis';

export async function create(event: { body: string }) {
  const redis = new Redis(process.env.REDIS_URL);
  const id = await redis.incr('orders:next');
  return { statusCode: 201, body: JSON.stringify({ id, order: JSON.parse(event.body) }) };
}
`,
  },
  // without type information the alias says nothing, and the rule stays silent rather than guess from names
  { filename: path.join(typed, 'src/events.ts'), code: injectedSubscriber },
  // the factory's only call runs once, at module scope (top-level await)
  {
    filename: path.join(nextApp, 'app/api/cached/route.ts'),
    code: `import { openCache } from '@/lib/cache';

const cache = await openCache();

export async function GET() {
  return Response.json({ hits: await cache.incr('hits') });
}
`,
  },
  // the project's own run-once wrapper, imported from another file
  {
    filename: path.join(nextApp, 'lib/queue-redis.ts'),
    code: `import Redis from 'ioredis';
import { singleton } from './singleton';

export const queueRedis = singleton('queue', () => new Redis(process.env.QUEUE_URL ?? 'redis://127.0.0.1:6379'));
`,
  },
  // the factory itself: its callers, not its own file, decide how often it runs
  {
    filename: path.join(nextApp, 'lib/cache.ts'),
    code: `import Redis from 'ioredis';

/** A client for the page cache; each call opens its own connection. */
export async function openCache(): Promise<Redis> {
  return new Redis(process.env.CACHE_URL ?? 'redis://127.0.0.1:6379');
}
`,
  },
  // a memoised getter over the imported factory: the guarded call runs once
  {
    filename: path.join(nextApp, 'lib/page-cache.ts'),
    code: `import type Redis from 'ioredis';
import { openCache } from './cache';

let cache: Promise<Redis> | undefined;

export function pageCache(): Promise<Redis> {
  cache ??= openCache();
  return cache;
}
`,
  },
];
