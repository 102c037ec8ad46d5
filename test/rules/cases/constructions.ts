// Every way of building a connection, resolved by import source: ioredis and node-redis, every import form.
import type { Invalid } from './types.js';
import { lazyNodeRedisClient } from './lazy-node-redis-client.js';

const nextApiRoute = 'every request to this Next.js API route';
const lambda = 'every invocation of this AWS Lambda handler `handler`';
const getRoute = 'every request to this Next.js route handler `GET`';

export const constructionCases: Invalid[] = [
  // ioredis: default import
  {
    filename: 'pages/api/hits.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: no arguments at all
  {
    filename: 'pages/api/ping.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis();
  res.send(await redis.ping());
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 28,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis();
export default async function handler(req, res) {
  res.send(await redis.ping());
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: named import, plain JavaScript
  {
    filename: 'pages/api/count.js',
    code: `import { Redis } from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.status(200).json({ count: await redis.get('count') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.status(200).json({ count: await redis.get('count') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: default import under another name, .mjs
  {
    filename: 'functions/visits.mjs',
    code: `import IORedis from 'ioredis';

export const handler = async (event) => {
  const redis = new IORedis(process.env.REDIS_URL);
  const visits = await redis.incr('visits');
  return { statusCode: 200, body: JSON.stringify({ visits }) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 51,
        data: { construction: 'new IORedis()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import IORedis from 'ioredis';

const redis = new IORedis(process.env.REDIS_URL);
export const handler = async (event) => {
  const visits = await redis.incr('visits');
  return { statusCode: 200, body: JSON.stringify({ visits }) };
};
`,
          },
        ],
      },
    ],
  },
  // ioredis: aliased named import
  {
    filename: 'pages/api/session.ts',
    code: `import { Redis as RedisClient } from 'ioredis';

export default async function handler(req, res) {
  const store = new RedisClient(process.env.REDIS_URL);
  res.json({ user: await store.get('session:user') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 55,
        data: { construction: 'new RedisClient()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { Redis as RedisClient } from 'ioredis';

const store = new RedisClient(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.json({ user: await store.get('session:user') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: named Cluster
  {
    filename: 'pages/api/cluster.ts',
    code: `import { Cluster } from 'ioredis';

export default async function handler(req, res) {
  const cluster = new Cluster([{ host: 'redis-1', port: 6379 }]);
  res.json({ hits: await cluster.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 65,
        data: { construction: 'new Cluster()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { Cluster } from 'ioredis';

const cluster = new Cluster([{ host: 'redis-1', port: 6379 }]);
export default async function handler(req, res) {
  res.json({ hits: await cluster.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: Redis.Cluster on the default export
  {
    filename: 'pages/api/cluster-hits.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const cluster = new Redis.Cluster([{ host: 'redis-1', port: 6379 }]);
  res.json({ hits: await cluster.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 71,
        data: { construction: 'new Redis.Cluster()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const cluster = new Redis.Cluster([{ host: 'redis-1', port: 6379 }]);
export default async function handler(req, res) {
  res.json({ hits: await cluster.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: static Redis.createClient()
  {
    filename: 'pages/api/legacy.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = Redis.createClient(6379, 'localhost');
  res.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 54,
        data: { construction: 'Redis.createClient()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = Redis.createClient(6379, 'localhost');
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: namespace import, .Redis
  {
    filename: 'pages/api/ns.ts',
    code: `import * as IORedis from 'ioredis';

export default async function handler(req, res) {
  const redis = new IORedis.Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 57,
        data: { construction: 'new IORedis.Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import * as IORedis from 'ioredis';

const redis = new IORedis.Redis(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: namespace import, .Cluster
  {
    filename: 'pages/api/ns-cluster.ts',
    code: `import * as IORedis from 'ioredis';

export default async function handler(req, res) {
  const cluster = new IORedis.Cluster([{ host: 'redis-1', port: 6379 }]);
  res.json({ hits: await cluster.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 73,
        data: { construction: 'new IORedis.Cluster()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import * as IORedis from 'ioredis';

const cluster = new IORedis.Cluster([{ host: 'redis-1', port: 6379 }]);
export default async function handler(req, res) {
  res.json({ hits: await cluster.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: namespace import, .default
  {
    filename: 'pages/api/ns-default.ts',
    code: `import * as ioredis from 'ioredis';

export default async function handler(req, res) {
  const redis = new ioredis.default(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 59,
        data: { construction: 'new ioredis.default()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import * as ioredis from 'ioredis';

const redis = new ioredis.default(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: require('ioredis') is the class
  {
    filename: 'handler.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis');

exports.handler = async (event) => {
  const redis = new Redis(process.env.REDIS_URL);
  const hits = await redis.incr('hits');
  return { statusCode: 200, body: String(hits) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);
exports.handler = async (event) => {
  const hits = await redis.incr('hits');
  return { statusCode: 200, body: String(hits) };
};
`,
          },
        ],
      },
    ],
  },
  // ioredis: destructured require, Express
  {
    filename: 'server.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const express = require('express');
const { Redis } = require('ioredis');

const app = express();

app.get('/hits', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
});

module.exports = app;
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Express route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const express = require('express');
const { Redis } = require('ioredis');

const app = express();

const redis = new Redis(process.env.REDIS_URL);
app.get('/hits', async (req, res) => {
  res.json({ hits: await redis.incr('hits') });
});

module.exports = app;
`,
          },
        ],
      },
    ],
  },
  // ioredis: destructured require under another name
  {
    filename: 'cluster.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const { Cluster: RedisCluster } = require('ioredis');

exports.handler = async () => {
  const cluster = new RedisCluster([{ host: 'redis-1', port: 6379 }]);
  return { statusCode: 200, body: String(await cluster.incr('hits')) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 70,
        data: { construction: 'new RedisCluster()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const { Cluster: RedisCluster } = require('ioredis');

const cluster = new RedisCluster([{ host: 'redis-1', port: 6379 }]);
exports.handler = async () => {
  return { statusCode: 200, body: String(await cluster.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // ioredis: require('ioredis').default
  {
    filename: 'default-require.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis').default;

exports.handler = async () => {
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
        data: { construction: 'new Redis()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const Redis = require('ioredis').default;

const redis = new Redis(process.env.REDIS_URL);
exports.handler = async () => {
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // ioredis: TypeScript import-equals
  {
    filename: 'lambda/hits.ts',
    code: `import Redis = require('ioredis');

export const handler = async () => {
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
        data: { construction: 'new Redis()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);
export const handler = async () => {
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // ioredis: .duplicate() of a module-level client
  {
    filename: 'pages/api/replica.ts',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);

export default async function handler(req, res) {
  const replica = redis.duplicate();
  res.json({ hits: await replica.get('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 19,
        endLine: 6,
        endColumn: 36,
        data: { construction: 'redis.duplicate()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);

const replica = redis.duplicate();
export default async function handler(req, res) {
  res.json({ hits: await replica.get('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // ioredis: options over several lines (the report spans them; the declaration keeps its text)
  {
    filename: 'pages/api/options.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis({
    host: 'localhost',
    port: 6379,
  });
  res.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 7,
        endColumn: 5,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis({
  host: 'localhost',
  port: 6379,
});
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: createClient from 'redis' in an App Router route handler
  {
    filename: 'app/api/hits/route.ts',
    code: `import { createClient } from 'redis';

export async function GET() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const hits = await client.incr('hits');
  return Response.json({ hits });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: { construction: 'createClient()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient } from 'redis';

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })', typescript: true })}
export async function GET() {
  const client = await getClient();
  const hits = await client.incr('hits');
  return Response.json({ hits });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: createClient from '@redis/client'
  {
    filename: 'pages/api/redis-client.ts',
    code: `import { createClient } from '@redis/client';

export default async function handler(req, res) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  res.json({ hits: await client.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: { construction: 'createClient()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient } from '@redis/client';

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })', typescript: true })}
export default async function handler(req, res) {
  const client = await getClient();
  res.json({ hits: await client.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: createCluster
  {
    filename: 'app/api/cluster/route.ts',
    code: `import { createCluster } from 'redis';

export async function GET() {
  const cluster = createCluster({ rootNodes: [{ url: 'redis://redis-1:6379' }] });
  await cluster.connect();
  return Response.json({ hits: await cluster.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 82,
        data: { construction: 'createCluster()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createCluster } from 'redis';

${lazyNodeRedisClient({ name: 'cluster', construction: "createCluster({ rootNodes: [{ url: 'redis://redis-1:6379' }] })", typescript: true })}
export async function GET() {
  const cluster = await getCluster();
  return Response.json({ hits: await cluster.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: createSentinel
  {
    filename: 'app/api/sentinel/route.ts',
    code: `import { createSentinel } from 'redis';

export async function GET() {
  const sentinel = createSentinel({ name: 'mymaster', sentinelRootNodes: [{ host: 'localhost', port: 26379 }] });
  await sentinel.connect();
  return Response.json({ hits: await sentinel.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 113,
        data: { construction: 'createSentinel()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createSentinel } from 'redis';

${lazyNodeRedisClient({ name: 'sentinel', construction: "createSentinel({ name: 'mymaster', sentinelRootNodes: [{ host: 'localhost', port: 26379 }] })", typescript: true, close: 'destroy' })}
export async function GET() {
  const sentinel = await getSentinel();
  return Response.json({ hits: await sentinel.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: createClientPool
  {
    filename: 'app/api/pool/route.ts',
    code: `import { createClientPool } from 'redis';

export async function GET() {
  const pool = createClientPool({ url: process.env.REDIS_URL });
  await pool.connect();
  return Response.json({ hits: await pool.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 64,
        data: { construction: 'createClientPool()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClientPool } from 'redis';

${lazyNodeRedisClient({ name: 'pool', construction: 'createClientPool({ url: process.env.REDIS_URL })', typescript: true, close: 'destroy' })}
export async function GET() {
  const pool = await getPool();
  return Response.json({ hits: await pool.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: namespace import
  {
    filename: 'app/api/events/route.ts',
    code: `import * as redis from 'redis';

export async function POST(request: Request) {
  const client = redis.createClient({ url: process.env.REDIS_URL });
  await client.connect();
  await client.lPush('events', await request.text());
  return new Response(null, { status: 204 });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 68,
        data: {
          construction: 'redis.createClient()',
          context: 'every request to this Next.js route handler `POST`',
        },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import * as redis from 'redis';

${lazyNodeRedisClient({ name: 'client', construction: 'redis.createClient({ url: process.env.REDIS_URL })', typescript: true })}
export async function POST(request: Request) {
  const client = await getClient();
  await client.lPush('events', await request.text());
  return new Response(null, { status: 204 });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: require('redis') module object, Express
  {
    filename: 'events.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const express = require('express');
const redis = require('redis');

const app = express();

app.post('/events', async (req, res) => {
  const client = redis.createClient({ url: process.env.REDIS_URL });
  await client.connect();
  await client.lPush('events', JSON.stringify(req.body));
  res.sendStatus(204);
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 68,
        data: { construction: 'redis.createClient()', context: 'every request to this Express route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const express = require('express');
const redis = require('redis');

const app = express();

${lazyNodeRedisClient({ name: 'client', construction: 'redis.createClient({ url: process.env.REDIS_URL })' })}
app.post('/events', async (req, res) => {
  const client = await getClient();
  await client.lPush('events', JSON.stringify(req.body));
  res.sendStatus(204);
});
`,
          },
        ],
      },
    ],
  },
  // node-redis: destructured require
  {
    filename: 'hits.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const { createClient } = require('redis');

exports.handler = async () => {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return { statusCode: 200, body: String(await client.incr('hits')) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: { construction: 'createClient()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const { createClient } = require('redis');

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })' })}
exports.handler = async () => {
  const client = await getClient();
  return { statusCode: 200, body: String(await client.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // node-redis: aliased named import, .mjs
  {
    filename: 'functions/counter.mjs',
    code: `import { createClient as createRedisClient } from 'redis';

export const handler = async () => {
  const client = createRedisClient({ url: process.env.REDIS_URL });
  await client.connect();
  return { statusCode: 200, body: String(await client.incr('hits')) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 67,
        data: { construction: 'createRedisClient()', context: lambda },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient as createRedisClient } from 'redis';

${lazyNodeRedisClient({ name: 'client', construction: 'createRedisClient({ url: process.env.REDIS_URL })' })}
export const handler = async () => {
  const client = await getClient();
  return { statusCode: 200, body: String(await client.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // node-redis: the client class's static create
  {
    filename: 'app/api/static-create/route.ts',
    code: `import { RedisClient } from '@redis/client';

export async function GET() {
  const client = RedisClient.create({ url: process.env.REDIS_URL });
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
        endColumn: 68,
        data: { construction: 'RedisClient.create()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { RedisClient } from '@redis/client';

${lazyNodeRedisClient({ name: 'client', construction: 'RedisClient.create({ url: process.env.REDIS_URL })', typescript: true })}
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
  // node-redis: .duplicate() of a module-level client
  {
    filename: 'app/api/reader/route.ts',
    code: `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
await client.connect();

export async function GET() {
  const reader = client.duplicate();
  await reader.connect();
  return Response.json({ hits: await reader.get('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 36,
        data: { construction: 'client.duplicate()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
await client.connect();

${lazyNodeRedisClient({ name: 'reader', construction: 'client.duplicate()', typescript: true, local: 'reader' })}
export async function GET() {
  const reader = await getReader();
  return Response.json({ hits: await reader.get('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // a subclass of the ioredis class opens its connection in super()
  {
    filename: 'pages/api/subclass.ts',
    code: `import Redis from 'ioredis';

class AppRedis extends Redis {
  constructor() {
    super(process.env.REDIS_URL!);
  }
}

export default async function handler(req, res) {
  const redis = new AppRedis();
  res.json(await redis.get('x'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 10,
        column: 17,
        endLine: 10,
        endColumn: 31,
        data: { construction: 'new AppRedis()', context: 'every request to this Next.js API route' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

class AppRedis extends Redis {
  constructor() {
    super(process.env.REDIS_URL!);
  }
}

const redis = new AppRedis();
export default async function handler(req, res) {
  res.json(await redis.get('x'));
}
`,
          },
        ],
      },
    ],
  },
  // a subclass of the class require('ioredis') returns
  {
    filename: 'lambda/cache.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis');

class Cache extends Redis {}

exports.handler = async () => {
  const cache = new Cache(process.env.REDIS_URL);
  return cache.get('x');
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 17,
        endLine: 6,
        endColumn: 49,
        data: { construction: 'new Cache()', context: 'every invocation of this AWS Lambda handler `handler`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const Redis = require('ioredis');

class Cache extends Redis {}

const cache = new Cache(process.env.REDIS_URL);
exports.handler = async () => {
  return cache.get('x');
};
`,
          },
        ],
      },
    ],
  },
];
