// Code that builds a client once per process: module scope, memoised assignments, run-once contexts. Never reported.
import type { Valid } from './types.js';

export const runOnceCases: Valid[] = [
  // module scope: the shared module
  {
    filename: 'lib/redis.ts',
    code: `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL);
`,
  },
  // an export typed with the project's own event type is not taken for a Lambda handler: its callers decide
  {
    filename: 'src/jobs/scan.ts',
    code: `import Redis from 'ioredis';
import type { ScanEvent } from './events';

export const scan = async (event: ScanEvent) => {
  const redis = new Redis(process.env.REDIS_URL);
  return redis.keys(event.pattern);
};
`,
  },
  // module scope of a handler file: the fixed handler
  {
    filename: 'pages/api/hits.ts',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);

export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
  },
  // the seed fix: a module-level instance kept on globalThis for hot reload
  {
    filename: 'lib/redis.ts',
    code: `import Redis from 'ioredis';

const globalForRedis = globalThis as unknown as { redis?: Redis };

export const redis = globalForRedis.redis ?? new Redis(process.env.REDIS_URL!);

if (process.env.NODE_ENV !== 'production') globalForRedis.redis = redis;

export default redis;
`,
  },
  // node-redis at module scope, connected once with top-level await
  {
    filename: 'lib/redis.mjs',
    code: `import { createClient } from 'redis';

export const client = createClient({ url: process.env.REDIS_URL });
client.on('error', (err) => console.error('Redis client error', err));
await client.connect();
`,
  },
  // CommonJS module scope
  {
    filename: 'lib/redis.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

exports.handler = async () => ({ statusCode: 200, body: String(await redis.incr('hits')) });
`,
  },
  // top-level block and if
  {
    filename: 'lib/optional.js',
    code: `import Redis from 'ioredis';

export let redis;
if (process.env.REDIS_URL) {
  redis = new Redis(process.env.REDIS_URL);
}
{
  const probe = new Redis(process.env.REDIS_URL);
  probe.disconnect();
}
`,
  },
  // top-level try
  {
    filename: 'lib/guarded.js',
    code: `import Redis from 'ioredis';

let redis;
try {
  redis = new Redis(process.env.REDIS_URL);
} catch (error) {
  console.error(error);
}

export { redis };
`,
  },
  // class static block
  {
    filename: 'lib/cache.js',
    code: `import Redis from 'ioredis';

export class Cache {
  static redis;

  static {
    Cache.redis = new Redis(process.env.REDIS_URL);
  }
}
`,
  },
  // static field
  {
    filename: 'lib/store.ts',
    code: `import Redis from 'ioredis';

export class Store {
  static redis = new Redis(process.env.REDIS_URL);
}
`,
  },
  // IIFE evaluated at module scope
  {
    filename: 'lib/iife.ts',
    code: `import Redis from 'ioredis';

export const redis = (() => new Redis(process.env.REDIS_URL))();
`,
  },
  // async IIFE at module scope (a script)
  {
    filename: 'scripts/seed.mjs',
    code: `import Redis from 'ioredis';

(async () => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.set('seeded-at', Date.now());
  await redis.quit();
})();
`,
  },
  // a main() called once at module top level
  {
    filename: 'scripts/flush.ts',
    code: `import Redis from 'ioredis';

async function main() {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.flushdb();
  await redis.quit();
}

main();
`,
  },
  // main().catch(...)
  {
    filename: 'scripts/warm.mjs',
    code: `import { createClient } from 'redis';

async function main() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  await client.set('warm', '1');
  await client.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`,
  },
  // await main() at top level
  {
    filename: 'scripts/migrate.mjs',
    code: `import Redis from 'ioredis';

async function migrate() {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.rename('visits', 'hits');
  redis.disconnect();
}

await migrate();
`,
  },
  // a local factory used only inside a memoised assignment
  {
    filename: 'lib/client.js',
    code: `import Redis from 'ioredis';

let client;

function createRedisClient() {
  return new Redis(process.env.REDIS_URL);
}

export function getClient() {
  if (!client) client = createRedisClient();
  return client;
}
`,
  },
  // memo: if (!x) x = ...
  {
    filename: 'lib/redis.ts',
    code: `import Redis from 'ioredis';

let redis: Redis | undefined;

export function getRedis() {
  if (!redis) redis = new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo: if (!x) { x = ... } with a request-scoped argument
  {
    filename: 'lib/tenant.js',
    code: `import Redis from 'ioredis';

let redis;

export function getRedis(url) {
  if (!redis) {
    redis = new Redis(url);
  }
  return redis;
}
`,
  },
  // memo: x == null
  {
    filename: 'lib/null-check.js',
    code: `import Redis from 'ioredis';

let redis = null;

export function getRedis() {
  if (redis == null) redis = new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo: x === undefined
  {
    filename: 'lib/undefined-check.js',
    code: `import Redis from 'ioredis';

let redis;

export function getRedis() {
  if (redis === undefined) redis = new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo: typeof x === 'undefined'
  {
    filename: 'lib/typeof-check.js',
    code: `import Redis from 'ioredis';

let redis;

export function getRedis() {
  if (typeof redis === 'undefined') redis = new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo: early return
  {
    filename: 'lib/early-return.ts',
    code: `import Redis from 'ioredis';

let redis: Redis | undefined;

export function getRedis() {
  if (redis) return redis;
  redis = new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo: ??=
  {
    filename: 'lib/nullish-assign.ts',
    code: `import Redis from 'ioredis';

let redis: Redis | undefined;

export const getRedis = () => (redis ??= new Redis(process.env.REDIS_URL));
`,
  },
  // memo: ||=
  {
    filename: 'lib/or-assign.js',
    code: `import Redis from 'ioredis';

let redis;

export function getRedis() {
  redis ||= new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo: x ?? (x = ...)
  {
    filename: 'lib/nullish-or-assign.js',
    code: `import Redis from 'ioredis';

let redis;

export function getRedis() {
  return redis ?? (redis = new Redis(process.env.REDIS_URL));
}
`,
  },
  // memo in a handler on a module-level let
  {
    filename: 'pages/api/memo.js',
    code: `import Redis from 'ioredis';

let redis;

export default async function handler(req, res) {
  redis ??= new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
  },
  // memo on globalThis
  {
    filename: 'lib/global-this.js',
    code: `import Redis from 'ioredis';

export function getRedis() {
  if (!globalThis.redis) globalThis.redis = new Redis(process.env.REDIS_URL);
  return globalThis.redis;
}
`,
  },
  // an ES5 constructor with prototype methods, built once for the whole process by `module.exports = new Rooms()`
  {
    filename: 'lib/rooms.js',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const redis = require('redis');

function Rooms() {
  this.client = redis.createClient({ url: process.env.REDIS_URL });
}

Rooms.prototype.list = function (callback) {
  this.client.hgetall('rooms', callback);
};

module.exports = new Rooms();
`,
  },
  // memo on Node's global, CommonJS
  {
    filename: 'lib/global.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis');

function getRedis() {
  global.redis ??= new Redis(process.env.REDIS_URL);
  return global.redis;
}

module.exports = { getRedis };
`,
  },
  // memo on a static property of a class (Class.instance)
  {
    filename: 'lib/connection.js',
    code: `import Redis from 'ioredis';

export class RedisConnection {
  static instance;

  static get() {
    if (!RedisConnection.instance) {
      RedisConnection.instance = new Redis(process.env.REDIS_URL);
    }
    return RedisConnection.instance;
  }
}
`,
  },
  // memo in a module-level Map guarded by has()
  {
    filename: 'lib/clients.js',
    code: `import Redis from 'ioredis';

const clients = new Map();

export function clientFor(url) {
  if (!clients.has(url)) clients.set(url, new Redis(url));
  return clients.get(url);
}
`,
  },
  // memo in a module-level Map: cache.get(k) ?? ...
  {
    filename: 'lib/client-cache.js',
    code: `import Redis from 'ioredis';

const clients = new Map();

export function clientFor(url) {
  return clients.get(url) ?? clients.set(url, new Redis(url)).get(url);
}
`,
  },
  // memo whose guard also tests isOpen (node-redis)
  {
    filename: 'lib/node-redis.ts',
    code: `import { createClient } from 'redis';

let client: ReturnType<typeof createClient> | undefined;

export async function getClient() {
  if (!client || !client.isOpen) {
    client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
  }
  return client;
}
`,
  },
  // memo whose guard uses optional chaining on isOpen
  {
    filename: 'lib/optional-chain.js',
    code: `import { createClient } from 'redis';

let client;

export async function getClient() {
  if (!client?.isOpen) {
    client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
  }
  return client;
}
`,
  },
  // memo whose guard also tests status (ioredis)
  {
    filename: 'lib/status.js',
    code: `import Redis from 'ioredis';

let redis;

export function getRedis() {
  if (!redis || redis.status === 'end') redis = new Redis(process.env.REDIS_URL);
  return redis;
}
`,
  },
  // memo of a dedicated subscriber: subscribing once is fine
  {
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
let subscriber: Redis | undefined;

export async function GET() {
  if (!subscriber) {
    subscriber = redis.duplicate();
    await subscriber.subscribe('events');
  }
  return new Response('subscribed');
}
`,
  },
  // a duplicate at module scope
  {
    filename: 'lib/subscriber.ts',
    code: `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL);
export const subscriber = redis.duplicate();
await subscriber.subscribe('events');
`,
  },
  // once()
  {
    filename: 'lib/once.ts',
    code: `import once from 'lodash/once';
import Redis from 'ioredis';

export const getRedis = once(() => new Redis(process.env.REDIS_URL));
`,
  },
  // memoize()
  {
    filename: 'lib/memoize.ts',
    code: `import { memoize } from 'lodash-es';
import Redis from 'ioredis';

export const clientFor = memoize((url: string) => new Redis(url));
`,
  },
  // _.once()
  {
    filename: 'lib/lodash-once.js',
    code: `import _ from 'lodash';
import Redis from 'ioredis';

export const getRedis = _.once(() => new Redis(process.env.REDIS_URL));
`,
  },
  // NestJS useFactory provider
  {
    filename: 'src/redis/redis.module.ts',
    code: `import { Module } from '@nestjs/common';
import Redis from 'ioredis';

@Module({
  providers: [
    {
      provide: 'REDIS',
      useFactory: () => new Redis(process.env.REDIS_URL),
    },
  ],
  exports: ['REDIS'],
})
export class RedisModule {}
`,
  },
  // Next.js instrumentation register()
  {
    filename: 'instrumentation.ts',
    code: `import Redis from 'ioredis';

export async function register() {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.set('booted-at', Date.now());
}
`,
  },
  // test lifecycle hooks: beforeAll
  {
    filename: 'test/cache.test.ts',
    code: `import Redis from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';

let redis: Redis;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL);
});

afterAll(async () => {
  await redis.quit();
});

it('counts', async () => {
  expect(await redis.incr('hits')).toBe(1);
});
`,
  },
  // test lifecycle hooks: beforeEach
  {
    filename: 'test/queue.test.js',
    code: `import { createClient } from 'redis';
import { afterEach, beforeEach, it } from 'vitest';

let client;

beforeEach(async () => {
  client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
});

afterEach(async () => {
  await client.quit();
});

it('pushes', async () => {
  await client.lPush('jobs', 'a');
});
`,
  },
  // a Fastify plugin passed to register
  {
    filename: 'src/plugins/redis.ts',
    code: `import Fastify from 'fastify';
import Redis from 'ioredis';

const app = Fastify();

app.register(async (instance) => {
  const redis = new Redis(process.env.REDIS_URL);
  instance.decorate('redis', redis);
});
`,
  },
  // an app-start hook (Fastify onReady)
  {
    filename: 'src/ready.ts',
    code: `import Fastify from 'fastify';
import Redis from 'ioredis';

const app = Fastify();

app.addHook('onReady', async () => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.ping();
  await redis.quit();
});
`,
  },
  // an app-start callback (Express listen)
  {
    filename: 'src/start.mjs',
    code: `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.listen(3000, async () => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.set('started-at', Date.now());
  redis.disconnect();
});
`,
  },
  // a class whose constructor builds a client, instantiated only at module scope
  {
    filename: 'lib/cache-instance.js',
    code: `import Redis from 'ioredis';

class Cache {
  constructor() {
    this.redis = new Redis(process.env.REDIS_URL);
  }
}

export const cache = new Cache();
`,
  },
  // a class whose instance field builds a client, instantiated only at module scope
  {
    filename: 'lib/limiter.ts',
    code: `import Redis from 'ioredis';

class RateLimiter {
  redis = new Redis(process.env.REDIS_URL);
}

export const limiter = new RateLimiter();
`,
  },
  // a memo split across two functions: the only caller guards the call of the non-exported initializer
  {
    filename: 'server/utils/redis.ts',
    code: `import Redis from 'ioredis';

let redis: Redis | undefined;

function initRedis() {
  redis = new Redis(process.env.REDIS_URL!);
}

export function useRedis(): Redis {
  if (!redis) initRedis();
  return redis!;
}
`,
  },
  // a commander action: registered at module scope, it runs once per run of the CLI
  {
    filename: 'bin/flush.mjs',
    code: `import { program } from 'commander';
import Redis from 'ioredis';

program.command('flush').action(async () => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
});

await program.parseAsync(process.argv);
`,
  },
  // a subclass of the client class built once at module scope
  {
    filename: 'lib/cache.ts',
    code: `import { Redis } from 'ioredis';

class Cache extends Redis {
  async getJson(key: string) {
    const text = await this.get(key);
    return text === null ? null : JSON.parse(text);
  }
}

export const cache = new Cache(process.env.REDIS_URL!);
`,
  },
  // the module client connects once: behind a test of its own state, or at start-up
  {
    filename: 'src/cache.ts',
    code: `import express from 'express';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });

async function cached(key: string) {
  if (!client.isOpen) await client.connect();
  return client.get(key);
}

const app = express();
app.get('/cached', async (req, res) => {
  res.json({ value: await cached(String(req.query.key)) });
});
`,
  },
  {
    filename: 'src/server.ts',
    code: `import express from 'express';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
const app = express();
app.get('/hits', async (req, res) => {
  res.json({ hits: await client.incr('hits') });
});

async function main() {
  await client.connect();
  app.listen(3000);
}

main();
`,
  },
  // connected on every invocation but never closed: a second connect fails on the open socket, it opens nothing new
  {
    filename: 'src/handler.ts',
    code: `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });

export const handler = async () => {
  await client.connect();
  await client.set('seen', String(Date.now()));
  return { statusCode: 204 };
};
`,
  },
  // the client's own reconnect when its connection ends
  {
    filename: 'src/reconnect.ts',
    code: `import { createClient } from 'redis';

export const client = createClient({ url: process.env.REDIS_URL });
client.on('end', () => {
  client.connect().catch((error) => console.error('Redis reconnect failed', error));
});
`,
  },
];
