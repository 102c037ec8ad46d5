/** Shared client modules and memoised singletons, written the many ways projects write them. */
import type { RealWorldCase } from './types.js';

export const singletonCases: RealWorldCase[] = [
  {
    name: 'CommonJS memo written as client = client || createClient()',
    filename: 'lib/redis.js',
    sourceType: 'commonjs',
    note: '`x = x || …` is the pre-ES2021 spelling of `x ||= …`: a guarded store to a module binding.',
    code: `const redis = require('redis');

let client;

function getClient() {
  client = client || redis.createClient({ url: process.env.REDIS_URL });
  return client;
}

module.exports = { getClient };
`,
    expected: [],
  },
  {
    name: 'one client per tenant kept in a module-level Map',
    filename: 'lib/tenant-redis.ts',
    note: 'DESIGN: a memoised assignment to a module-level Map guarded by a check of that Map (`cache.get(k) ?? …` + `cache.set`), here spelled with a local.',
    code: `import Redis from 'ioredis';

const clients = new Map<string, Redis>();

export function getTenantRedis(tenantUrl: string): Redis {
  let client = clients.get(tenantUrl);
  if (!client) {
    client = new Redis(tenantUrl, { lazyConnect: true });
    clients.set(tenantUrl, client);
  }
  return client;
}
`,
    expected: [],
  },
  {
    name: 'early-return memo around the node-redis README chain',
    filename: 'lib/redis.ts',
    code: `import { createClient } from 'redis';

export type RedisClient = Awaited<ReturnType<typeof createClient>>;

let client: RedisClient | undefined;

export async function getRedisClient(): Promise<RedisClient> {
  if (client !== undefined) return client;
  client = await createClient({ url: process.env.REDIS_URL })
    .on('error', (err) => console.error('Redis Client Error', err))
    .connect();
  return client;
}
`,
    expected: [],
  },
  {
    name: 'static getInstance() with a status check',
    filename: 'src/redis/connection.ts',
    code: `import Redis, { type RedisOptions } from 'ioredis';

export class RedisConnection {
  private static instance: Redis | null = null;

  static getInstance(options: RedisOptions = {}): Redis {
    if (!RedisConnection.instance || RedisConnection.instance.status === 'end') {
      RedisConnection.instance = new Redis(process.env.REDIS_URL!, { ...options, maxRetriesPerRequest: null });
    }
    return RedisConnection.instance;
  }
}
`,
    expected: [],
  },
  {
    name: 'static private field on this, guarded by isOpen',
    filename: 'src/services/redis.service.ts',
    code: `import { createClient, type RedisClientType } from 'redis';

export default class RedisService {
  static #client: RedisClientType | undefined;

  static async client(): Promise<RedisClientType> {
    if (!this.#client?.isOpen) {
      this.#client = createClient({ url: process.env.REDIS_URL });
      this.#client.on('error', (error) => console.error(error));
      await this.#client.connect();
    }
    return this.#client;
  }
}
`,
    expected: [],
  },
  {
    name: 'closure memo returned by a module-level IIFE',
    filename: 'lib/get-redis.ts',
    code: `import Redis from 'ioredis';

export const getRedis = (() => {
  let instance: Redis | undefined;
  return () => (instance ??= new Redis(process.env.REDIS_URL!));
})();
`,
    expected: [],
  },
  {
    name: 'connection promise memo that resets on failure',
    filename: 'lib/redis-promise.ts',
    note: 'The client flows into the module binding `connecting` through `connect().catch(…)`, under `if (!connecting)`.',
    code: `import { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

let connecting: Promise<Client> | null = null;

export function redis(): Promise<Client> {
  if (!connecting) {
    const client = createClient({ url: process.env.REDIS_URL });
    client.on('error', (err) => console.error('[redis]', err));
    connecting = client.connect().catch((err) => {
      connecting = null;
      throw err;
    });
  }
  return connecting;
}
`,
    expected: [],
  },
  {
    name: 'lodash once() wraps the factory',
    filename: 'lib/redis.js',
    code: `import once from 'lodash/once';
import Redis from 'ioredis';

export const getRedis = once(() => {
  const redis = new Redis(process.env.REDIS_URL, { enableAutoPipelining: true });
  redis.on('error', (err) => console.error('redis error', err));
  return redis;
});
`,
    expected: [],
  },
  {
    name: 'exported connection factory for BullMQ (no memo)',
    filename: 'lib/queue/connection.ts',
    note: 'DESIGN: an exported factory whose callers the rule cannot see stays silent at its own construction; its per-request callers in other files carry the report.',
    code: `import Redis, { type RedisOptions } from 'ioredis';

/** Creates a connection configured for BullMQ workers. */
export function createRedisConnection(overrides: RedisOptions = {}): Redis {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set');
  return new Redis(url, { maxRetriesPerRequest: null, ...overrides });
}
`,
    expected: [],
  },
  {
    name: 'module-level promise with a development global (MongoDB example style)',
    filename: 'lib/kv.ts',
    code: `import { createClient } from 'redis';

const url = process.env.REDIS_URL!;
let clientPromise: Promise<ReturnType<typeof createClient>>;

declare global {
  var _redisClientPromise: Promise<ReturnType<typeof createClient>> | undefined;
}

if (process.env.NODE_ENV === 'development') {
  if (!global._redisClientPromise) {
    global._redisClientPromise = createClient({ url }).connect();
  }
  clientPromise = global._redisClientPromise;
} else {
  clientPromise = createClient({ url }).connect();
}

export default clientPromise;
`,
    expected: [],
  },
  {
    name: 'getter memo on a class instantiated once at module scope',
    filename: 'lib/cache.ts',
    code: `import Redis from 'ioredis';

class Cache {
  private _client?: Redis;

  get client(): Redis {
    return (this._client ??= new Redis(process.env.REDIS_URL!, { keyPrefix: 'cache:' }));
  }

  async remember<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    const hit = await this.client.get(key);
    if (hit) return JSON.parse(hit) as T;
    const value = await load();
    await this.client.set(key, JSON.stringify(value), 'EX', ttl);
    return value;
  }
}

export const cache = new Cache();
`,
    expected: [],
  },
  {
    name: 'redis v3 module: client, subscriber duplicate and promisified helpers',
    filename: 'lib/redis-legacy.js',
    sourceType: 'commonjs',
    code: `const { promisify } = require('util');
const redis = require('redis');

const client = redis.createClient(process.env.REDIS_URL);
const subscriber = client.duplicate();
subscriber.subscribe('invalidate');

module.exports = {
  client,
  subscriber,
  getAsync: promisify(client.get).bind(client),
  setAsync: promisify(client.set).bind(client),
};
`,
    expected: [],
  },
  {
    name: 'helper duplicates the shared client for BLPOP',
    filename: 'lib/jobs.ts',
    note: 'DESIGN: an exported factory whose callers the rule cannot see stays silent at its own construction; its per-request callers in other files carry the report.',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!);

export async function nextJob(queue: string, timeoutSeconds = 5) {
  const blocking = redis.duplicate();
  try {
    const result = await blocking.blpop(queue, timeoutSeconds);
    return result?.[1] ?? null;
  } finally {
    blocking.disconnect();
  }
}
`,
    expected: [],
  },
  {
    name: 'early return on client?.isOpen, then connect',
    filename: 'lib/redis-open.ts',
    code: `import { createClient } from 'redis';

let client: ReturnType<typeof createClient> | undefined;

export async function getRedis() {
  if (client?.isOpen) return client;
  client = createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: (retries) => Math.min(retries * 50, 1000) } });
  client.on('error', (err) => console.error('Redis error', err));
  await client.connect();
  return client;
}
`,
    expected: [],
  },
  {
    name: 'async IIFE at module scope connects the module client',
    filename: 'src/redis/index.ts',
    code: `import { createClient } from 'redis';

let redisClient: ReturnType<typeof createClient>;

(async () => {
  redisClient = createClient({ url: process.env.REDIS_URL });
  redisClient.on('error', (err) => console.error('Redis Client Error', err));
  await redisClient.connect();
})();

export function getRedisClient() {
  return redisClient;
}
`,
    expected: [],
  },
  {
    name: 'top-level await of the README chain',
    filename: 'src/redis.ts',
    code: `import { createClient } from 'redis';

export const client = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.log('Redis Client Error', err))
  .connect();
`,
    expected: [],
  },
];
