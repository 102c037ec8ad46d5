// The options: extra client sources, Lambda handler names, once-wrappers, functions allowed to build clients.
import type { Invalid, Valid } from './types.js';
import { lazyNodeRedisClient } from './lazy-node-redis-client.js';

const valkeyHandler = `import Valkey from 'iovalkey';

export default async function handler(req, res) {
  const valkey = new Valkey(process.env.VALKEY_URL);
  res.json({ hits: await valkey.incr('hits') });
}
`;

const bullmqRoute = `import express from 'express';
import { Queue } from 'bullmq';

const app = express();

app.post('/emails', async (req, res) => {
  const queue = new Queue('emails', { connection: { host: 'localhost', port: 6379 } });
  await queue.add('send', req.body);
  await queue.close();
  res.sendStatus(202);
});
`;

const lazyClient = `import Redis from 'ioredis';
import { lazy } from './lazy.js';

export const getRedis = lazy(() => new Redis(process.env.REDIS_URL));
`;

const testClientFactory = `import express from 'express';
import Redis from 'ioredis';

const app = express();

function createTestClient() {
  return new Redis(process.env.REDIS_URL);
}

app.get('/debug/ping', async (_req, res) => {
  res.json({ pong: await createTestClient().ping() });
});
`;

export const optionValidCases: Valid[] = [
  // an unknown module is not a client without `sources`
  { filename: 'pages/api/valkey.ts', code: valkeyHandler },
  // BullMQ builds connections only when declared in `sources`
  { filename: 'src/emails.mjs', code: bullmqRoute },
  // only the listed exports of a custom source count
  {
    filename: 'src/worker.mjs',
    options: [{ sources: [{ module: 'bullmq', exports: ['Queue'] }] }],
    code: `import express from 'express';
import { Worker } from 'bullmq';

const app = express();

app.post('/workers', async (req, res) => {
  const worker = new Worker('emails', async (job) => job.data, { connection: { host: 'localhost' } });
  res.json({ id: worker.id });
});
`,
  },
  // a wrapper named in `onceWrappers` runs its callback once
  { filename: 'lib/lazy-redis.ts', options: [{ onceWrappers: ['lazy'] }], code: lazyClient },
  // a function named in `allowInFunctions` may build clients
  { filename: 'test/helpers.ts', options: [{ allowInFunctions: ['createTestClient'] }], code: testClientFactory },
];

export const optionInvalidCases: Invalid[] = [
  // `sources`: an ioredis fork
  {
    filename: 'pages/api/valkey.ts',
    options: [{ sources: [{ module: 'iovalkey', like: 'ioredis' }] }],
    code: valkeyHandler,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 52,
        data: { construction: 'new Valkey()', context: 'every request to this Next.js API route' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Valkey from 'iovalkey';

const valkey = new Valkey(process.env.VALKEY_URL);
export default async function handler(req, res) {
  res.json({ hits: await valkey.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // `sources`: BullMQ's Queue opens its own connection; its per-call close() goes
  {
    filename: 'src/emails.mjs',
    options: [{ sources: [{ module: 'bullmq', exports: ['Queue', 'Worker'] }] }],
    code: bullmqRoute,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 87,
        data: { construction: 'new Queue()', context: 'every request to this Express route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import express from 'express';
import { Queue } from 'bullmq';

const app = express();

const queue = new Queue('emails', { connection: { host: 'localhost', port: 6379 } });
app.post('/emails', async (req, res) => {
  await queue.add('send', req.body);
  res.sendStatus(202);
});
`,
          },
        ],
      },
    ],
  },
  // `sources`: a default export named in `exports`
  {
    filename: 'pages/api/acme.ts',
    options: [{ sources: [{ module: '@acme/cache', exports: ['default'] }] }],
    code: `import AcmeCache from '@acme/cache';

export default async function handler(req, res) {
  const cache = new AcmeCache(process.env.REDIS_URL);
  res.json({ hits: await cache.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 53,
        data: { construction: 'new AcmeCache()', context: 'every request to this Next.js API route' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import AcmeCache from '@acme/cache';

const cache = new AcmeCache(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.json({ hits: await cache.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // `sources`: a wrapper with node-redis's API gets node-redis's fix
  {
    filename: 'app/api/acme/route.ts',
    options: [{ sources: [{ module: '@acme/redis', like: 'node-redis' }] }],
    code: `import { createClient } from '@acme/redis';

export async function GET() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return Response.json({ hits: await client.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: { construction: 'createClient()', context: 'every request to this Next.js route handler `GET`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient } from '@acme/redis';

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })', typescript: true })}
export async function GET() {
  const client = await getClient();
  return Response.json({ hits: await client.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // `handlerNames`: another Lambda export name
  {
    filename: 'lambda/main.mjs',
    options: [{ handlerNames: ['main'] }],
    code: `import Redis from 'ioredis';

export const main = async () => {
  const redis = new Redis(process.env.REDIS_URL);
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every invocation of this AWS Lambda handler `main`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const main = async () => {
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // `onceWrappers` default: an unknown wrapper's callback is any other callback
  {
    filename: 'lib/lazy-redis.ts',
    code: lazyClient,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 36,
        endLine: 4,
        endColumn: 68,
        data: { construction: 'new Redis()', context: 'every call to this callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { lazy } from './lazy.js';

const redis = new Redis(process.env.REDIS_URL);
export const getRedis = lazy(() => redis);
`,
          },
        ],
      },
    ],
  },
  // `allowInFunctions` default: the factory is reported
  {
    filename: 'test/helpers.ts',
    code: testClientFactory,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 10,
        endLine: 7,
        endColumn: 42,
        data: { construction: 'new Redis()', context: 'every call to `createTestClient()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import express from 'express';
import Redis from 'ioredis';

const app = express();

const redis = new Redis(process.env.REDIS_URL);
function createTestClient() {
  return redis;
}

app.get('/debug/ping', async (_req, res) => {
  res.json({ pong: await createTestClient().ping() });
});
`,
          },
        ],
      },
    ],
  },
];
