import type { Valid } from './types.js';

/**
 * Exported factories: every call opens a connection, but the callers are in other files. The rule, which sees one
 * file, stays silent at the construction; a per-request call in an importing file carries the report (see the
 * multi-file cases in project.ts), and `redis-singleton fix` decides the factory from all of its callers.
 */
export const exportedFactoryCases: Valid[] = [
  {
    filename: 'lib/replica.ts',
    code: `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL);

export function getReplica() {
  return new Redis(process.env.REDIS_REPLICA_URL);
}
`,
  },
  {
    filename: 'lib/greeting.js',
    code: `import Redis from 'ioredis';

export async function readGreeting(redis) {
  return redis.get('greeting');
}

export function getClient() {
  return new Redis(process.env.REDIS_URL);
}
`,
  },
  {
    filename: 'lib/connect.ts',
    code: `import Redis from 'ioredis';

export function connect(url: string) {
  return new Redis(url);
}
`,
  },
  {
    filename: 'lib/connect-to.js',
    code: `import Redis from 'ioredis';

export function connectTo(host, port) {
  return new Redis(Number(port), host);
}
`,
  },
  {
    filename: 'lib/client.ts',
    code: `import { createClient } from 'redis';

export function getClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  client.connect();
  return client;
}
`,
  },
  {
    filename: 'lib/redis.ts',
    code: `import Redis from 'ioredis';

export function getClient() {
  return new Redis(process.env.REDIS_URL);
}
`,
  },
  {
    filename: 'lib/redis.js',
    code: `import Redis from 'ioredis';

export const getClient = () => new Redis(process.env.REDIS_URL);
`,
  },
  {
    filename: 'lambda/handler.mjs',
    code: `import Redis from 'ioredis';

export const handler = async () => {
  const redis = new Redis(process.env.REDIS_URL);
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
    options: [{ handlerNames: ['main'] }],
  },
];
