// Per-request sites that cannot simply be shared: reported with the reason, never with a suggestion.
import type { Invalid } from './types.js';

const nextApiRoute = 'every request to this Next.js API route';
const getRoute = 'every request to this Next.js route handler `GET`';
const lambda = 'every invocation of this AWS Lambda handler `handler`';
const subscribes = (command: string) => `it subscribes (\`${command}\`), which needs a connection of its own`;
const blocking = (command: string) => `it runs the blocking command \`${command}\`, which holds its connection`;

export const unsafeCases: Invalid[] = [
  // a loader that connects and chains its work on the connection: sharing the client would connect it twice
  {
    filename: 'app/routes/stop.$id.tsx',
    code: `import { createClient } from 'redis';

export async function loader({ params }) {
  const client = createClient({ url: process.env.REDIS_URL });
  return client.connect().then(() => client.get(\`stop:\${params.id}\`));
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: { construction: 'createClient()', context: 'every request through this Remix `loader`', reason: 'it connects the client inside an expression the fix cannot remove' },
        suggestions: [],
      },
    ],
  },
  // a connect raced against a timeout: the race is the code that remains
  {
    filename: 'pages/api/open.ts',
    code: `import { createClient } from 'redis';

export default async function handler(req, res) {
  const client = createClient();
  await Promise.race([client.connect(), new Promise((_, reject) => setTimeout(reject, 2000))]);
  res.json({ size: await client.dbSize() });
  await client.quit();
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 32,
        data: { construction: 'createClient()', context: nextApiRoute, reason: 'it connects the client inside an expression the fix cannot remove' },
        suggestions: [],
      },
    ],
  },
  // options read the request (the report spans several lines)
  {
    filename: 'pages/api/tenant.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis({
    host: 'localhost',
    db: Number(req.query.db),
  });
  res.json({ size: await redis.dbsize() });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 7,
        endColumn: 5,
        data: { construction: 'new Redis()', context: nextApiRoute, reason: 'its options use `req`' },
        suggestions: [],
      },
    ],
  },
  // options read `this`
  {
    filename: 'src/cache.js',
    code: `import Redis from 'ioredis';

export class Cache {
  constructor(options) {
    this.options = options;
  }

  async open() {
    this.redis = new Redis(this.options);
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 9,
        column: 18,
        endLine: 9,
        endColumn: 41,
        data: { construction: 'new Redis()', context: 'every call to `Cache.open()`', reason: 'its options use `this`' },
        suggestions: [],
      },
    ],
  },
  // options read the Lambda event
  {
    filename: 'lambda/tenant.mjs',
    code: `import Redis from 'ioredis';

export const handler = async (event) => {
  const redis = new Redis(event.redisUrl);
  return { statusCode: 200, body: await redis.get('greeting') };
};
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 42,
        data: { construction: 'new Redis()', context: lambda, reason: 'its options use `event`' },
        suggestions: [],
      },
    ],
  },
  // `await createClient().connect()`: the report is on the inner createClient() call
  {
    filename: 'pages/api/per-tenant.ts',
    code: `import { createClient } from 'redis';

export default async function handler(req, res) {
  const client = await createClient({ url: req.headers['x-redis-url'] }).connect();
  res.json({ hits: await client.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 73,
        data: { construction: 'createClient()', context: nextApiRoute, reason: 'its options use `req`' },
        suggestions: [],
      },
    ],
  },
  // request-scoped NestJS provider built from an injected service
  {
    filename: 'src/session/session.service.ts',
    code: `import { Injectable, Scope } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

@Injectable({ scope: Scope.REQUEST })
export class SessionService {
  private readonly redis: Redis;

  constructor(config: ConfigService) {
    this.redis = new Redis(config.get('REDIS_URL'));
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 10,
        column: 18,
        endLine: 10,
        endColumn: 52,
        data: {
          construction: 'new Redis()',
          context: 'every request to this request-scoped NestJS provider `SessionService`',
          reason: 'its options use `config`',
        },
        suggestions: [],
      },
    ],
  },
  // subscriber mode: subscribe (a server-sent events route)
  {
    filename: 'app/api/stream/route.ts',
    code: `import Redis from 'ioredis';

export async function GET() {
  const subscriber = new Redis(process.env.REDIS_URL);
  await subscriber.subscribe('events');
  const stream = new ReadableStream({
    start(controller) {
      subscriber.on('message', (_channel, message) => controller.enqueue(message));
    },
  });
  return new Response(stream);
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 54,
        data: { construction: 'new Redis()', context: getRoute, reason: subscribes('subscribe') },
        suggestions: [],
      },
    ],
  },
  // subscriber mode: psubscribe
  {
    filename: 'src/news.mjs',
    code: `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/news', async (req, res) => {
  const subscriber = new Redis(process.env.REDIS_URL);
  await subscriber.psubscribe('news:*');
  subscriber.on('pmessage', (_pattern, _channel, message) => res.write(message));
});
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 22,
        endLine: 7,
        endColumn: 54,
        data: {
          construction: 'new Redis()',
          context: 'every request to this Express route callback',
          reason: subscribes('psubscribe'),
        },
        suggestions: [],
      },
    ],
  },
  // subscriber mode: ssubscribe (sharded)
  {
    filename: 'app/api/shard/route.ts',
    code: `import { Cluster } from 'ioredis';

export async function GET() {
  const cluster = new Cluster([{ host: 'redis-1', port: 6379 }]);
  await cluster.ssubscribe('orders');
  return new Response('subscribed');
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 65,
        data: { construction: 'new Cluster()', context: getRoute, reason: subscribes('ssubscribe') },
        suggestions: [],
      },
    ],
  },
  // subscriber mode: node-redis pSubscribe
  {
    filename: 'app/api/patterns/route.ts',
    code: `import { createClient } from 'redis';

export async function GET() {
  const subscriber = createClient({ url: process.env.REDIS_URL });
  await subscriber.connect();
  await subscriber.pSubscribe('news:*', (message) => console.log(message));
  return new Response('subscribed');
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 66,
        data: { construction: 'createClient()', context: getRoute, reason: subscribes('pSubscribe') },
        suggestions: [],
      },
    ],
  },
  // subscriber mode: node-redis sSubscribe
  {
    filename: 'app/api/sharded/route.ts',
    code: `import { createCluster } from 'redis';

export async function GET() {
  const cluster = createCluster({ rootNodes: [{ url: 'redis://redis-1:6379' }] });
  await cluster.connect();
  await cluster.sSubscribe('orders', (message) => console.log(message));
  return new Response('subscribed');
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 82,
        data: { construction: 'createCluster()', context: getRoute, reason: subscribes('sSubscribe') },
        suggestions: [],
      },
    ],
  },
  // subscriber mode on a node-redis duplicate
  {
    filename: 'app/api/listen/route.ts',
    code: `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
await client.connect();

export async function GET() {
  const subscriber = client.duplicate();
  await subscriber.connect();
  await subscriber.subscribe('events', (message) => console.log(message));
  return new Response('subscribed');
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 22,
        endLine: 7,
        endColumn: 40,
        data: { construction: 'client.duplicate()', context: getRoute, reason: subscribes('subscribe') },
        suggestions: [],
      },
    ],
  },
  // an outer binding assigned on every call without a guard is still per call
  {
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
let subscriber;

export async function GET() {
  subscriber = redis.duplicate();
  await subscriber.subscribe('events');
  return new Response('subscribed');
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 16,
        endLine: 7,
        endColumn: 33,
        data: { construction: 'redis.duplicate()', context: getRoute, reason: subscribes('subscribe') },
        suggestions: [],
      },
    ],
  },
  // blocking: BLPOP (ioredis)
  {
    filename: 'lambda/worker.mjs',
    code: `import Redis from 'ioredis';

export const handler = async () => {
  const redis = new Redis(process.env.REDIS_URL);
  const job = await redis.blpop('jobs', 5);
  return { statusCode: 200, body: JSON.stringify(job) };
};
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: lambda, reason: blocking('BLPOP') },
        suggestions: [],
      },
    ],
  },
  // blocking: node-redis blPop, named upper-case
  {
    filename: 'app/api/next-job/route.ts',
    code: `import { createClient } from 'redis';

export async function GET() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return Response.json(await client.blPop('jobs', 5));
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: { construction: 'createClient()', context: getRoute, reason: blocking('BLPOP') },
        suggestions: [],
      },
    ],
  },
  // blocking: BRPOP
  {
    filename: 'pages/api/pop.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ job: await redis.brpop('jobs', 0) });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: nextApiRoute, reason: blocking('BRPOP') },
        suggestions: [],
      },
    ],
  },
  // blocking: BLMOVE
  {
    filename: 'pages/api/claim.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ job: await redis.blmove('jobs', 'processing', 'LEFT', 'RIGHT', 0) });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: nextApiRoute, reason: blocking('BLMOVE') },
        suggestions: [],
      },
    ],
  },
  // blocking: BZPOPMIN
  {
    filename: 'pages/api/lowest.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ lowest: await redis.bzpopmin('scores', 0) });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: nextApiRoute, reason: blocking('BZPOPMIN') },
        suggestions: [],
      },
    ],
  },
  // blocking: XREAD ... BLOCK
  {
    filename: 'pages/api/tail.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ entries: await redis.xread('BLOCK', 5000, 'STREAMS', 'events', '$') });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: nextApiRoute, reason: blocking('XREAD') },
        suggestions: [],
      },
    ],
  },
  // SELECT (ioredis)
  {
    filename: 'pages/api/analytics.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.select(2);
  res.json({ views: await redis.get('views') });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: {
          construction: 'new Redis()',
          context: nextApiRoute,
          reason: 'it switches databases with `SELECT`, which would change the database for every user of a shared client',
        },
        suggestions: [],
      },
    ],
  },
  // SELECT (node-redis)
  {
    filename: 'app/api/reports/route.ts',
    code: `import { createClient } from 'redis';

export async function GET() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  await client.select(3);
  return Response.json({ reports: await client.keys('report:*') });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 62,
        data: {
          construction: 'createClient()',
          context: getRoute,
          reason: 'it switches databases with `SELECT`, which would change the database for every user of a shared client',
        },
        suggestions: [],
      },
    ],
  },
  // WATCH
  {
    filename: 'app/api/withdraw/route.ts',
    code: `import Redis from 'ioredis';

export async function POST() {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.watch('balance');
  const balance = Number(await redis.get('balance'));
  await redis.multi().set('balance', balance - 10).exec();
  return new Response(null, { status: 204 });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: {
          construction: 'new Redis()',
          context: 'every request to this Next.js route handler `POST`',
          reason: 'it uses `WATCH`, which ties a transaction to its connection',
        },
        suggestions: [],
      },
    ],
  },
  // MONITOR
  {
    filename: 'pages/api/debug.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  const monitor = await redis.monitor();
  monitor.on('monitor', (time, args) => res.write(args.join(' ') + '\\n'));
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: {
          construction: 'new Redis()',
          context: nextApiRoute,
          reason: 'it runs `MONITOR`, which needs a connection of its own',
        },
        suggestions: [],
      },
    ],
  },
  // the variable holding the client is reassigned
  {
    filename: 'pages/api/reassigned.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  let client = new Redis(process.env.REDIS_URL);
  try {
    res.json({ hits: await client.incr('hits') });
  } finally {
    await client.quit();
    client = undefined;
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 48,
        data: { construction: 'new Redis()', context: nextApiRoute, reason: 'the variable `client` is reassigned' },
        suggestions: [],
      },
    ],
  },
  // node-redis in a callback that is not async
  {
    filename: 'src/sync-route.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const express = require('express');
const { createClient } = require('redis');

const app = express();

app.get('/hits', (req, res) => {
  const client = createClient({ url: process.env.REDIS_URL });
  client.connect();
  client.incr('hits').then((hits) => res.json({ hits }));
});
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 62,
        data: {
          construction: 'createClient()',
          context: 'every request to this Express route callback',
          reason: 'it is in a function that is not async, so it cannot await the shared connection',
        },
        suggestions: [],
      },
    ],
  },
  // an ES5 constructor with prototype methods, built on every request: its client is per request too
  {
    filename: 'src/rooms.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const express = require('express');
const redis = require('redis');

function Rooms() {
  this.client = redis.createClient({ url: process.env.REDIS_URL });
}

Rooms.prototype.list = function (callback) {
  this.client.hGetAll('rooms').then((rooms) => callback(null, rooms), callback);
};

const app = express();
app.get('/rooms', (req, res) => {
  new Rooms().list((error, rooms) => res.json(rooms));
});
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 67,
        data: {
          construction: 'redis.createClient()',
          context: 'every call to `Rooms()`',
          reason: 'it is in a function that is not async, so it cannot await the shared connection',
        },
        suggestions: [],
      },
    ],
  },
  // a module binding declared below the handler: moved above it, the client would read it before it exists
  {
    filename: 'pages/api/late.js',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(REDIS_URL);
  res.json(await redis.get('x'));
}

const REDIS_URL = process.env.REDIS_URL;
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 37,
        data: {
          construction: 'new Redis()',
          context: 'every request to this Next.js API route',
          reason: 'it reads `REDIS_URL`, which is declared further down the file',
        },
        suggestions: [],
      },
    ],
  },
  // a module client connected and disconnected by a helper on every request: a new connection each call
  {
    filename: 'src/balance.ts',
    code: `import express from 'express';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', (err) => console.error('Redis client error', err));

async function readBalance(key: string) {
  try {
    await client.connect();
    return await client.get(key);
  } finally {
    await client.disconnect();
  }
}

const app = express();
app.get('/balance', async (req, res) => {
  res.json({ balance: await readBalance(String(req.query.key)) });
});
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 27,
        data: {
          construction: 'client.connect()',
          context: 'every call to `readBalance()`',
          reason: "it connects the module's client `client` again on every call; connect it once, behind a memoised promise, and remove the per-call `connect()` and `disconnect()`",
        },
        suggestions: [],
      },
    ],
  },
  // connect, command, disconnect in sequence in a route handler
  {
    filename: 'app/api/users/route.ts',
    code: `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });

export async function POST(request: Request) {
  const { key, value } = await request.json();
  await client.connect();
  await client.setEx(key, 3600, value);
  await client.disconnect();
  return Response.json({ saved: key });
}
`,
    errors: [
      {
        messageId: 'perRequestClientUnsafe',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 25,
        data: {
          construction: 'client.connect()',
          context: 'every request to this Next.js route handler `POST`',
          reason: "it connects the module's client `client` again on every call; connect it once, behind a memoised promise, and remove the per-call `connect()` and `disconnect()`",
        },
        suggestions: [],
      },
    ],
  },
];
