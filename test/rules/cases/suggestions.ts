// The quick fix in detail: what moves, what goes with it, and how names and node-redis connects are handled.
import type { Invalid } from './types.js';
import { lazyNodeRedisClient } from './lazy-node-redis-client.js';

const nextApiRoute = 'every request to this Next.js API route';
const getRoute = 'every request to this Next.js route handler `GET`';

export const suggestionCases: Invalid[] = [
  // a per-call quit() goes
  {
    filename: 'pages/api/quit.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  const hits = await redis.incr('hits');
  await redis.quit();
  res.json({ hits });
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
  const hits = await redis.incr('hits');
  res.json({ hits });
}
`,
          },
        ],
      },
    ],
  },
  // a per-call disconnect() goes
  {
    filename: 'lambda/disconnect.mjs',
    code: `import Redis from 'ioredis';

export const handler = async () => {
  const redis = new Redis(process.env.REDIS_URL);
  const hits = await redis.incr('hits');
  redis.disconnect();
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
        data: { construction: 'new Redis()', context: 'every invocation of this AWS Lambda handler `handler`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const handler = async () => {
  const hits = await redis.incr('hits');
  return { statusCode: 200, body: String(hits) };
};
`,
          },
        ],
      },
    ],
  },
  // a per-call on('error') listener moves with the client, registered once
  {
    filename: 'pages/api/listener.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  redis.on('error', (error) => console.error(error));
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
redis.on('error', (error) => console.error(error));
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // an emptied finally goes, and a try with neither catch nor finally is unwrapped
  {
    filename: 'app/api/unwrap/route.ts',
    code: `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL);
  try {
    const hits = await redis.incr('hits');
    return Response.json({ hits });
  } finally {
    await redis.quit();
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function GET() {
  const hits = await redis.incr('hits');
  return Response.json({ hits });
}
`,
          },
        ],
      },
    ],
  },
  // an emptied finally goes; the catch stays
  {
    filename: 'app/api/catch/route.ts',
    code: `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL);
  try {
    return Response.json({ hits: await redis.incr('hits') });
  } catch (error) {
    return Response.json({ error: String(error) }, { status: 500 });
  } finally {
    await redis.quit();
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function GET() {
  try {
    return Response.json({ hits: await redis.incr('hits') });
  } catch (error) {
    return Response.json({ error: String(error) }, { status: 500 });
  }
}
`,
          },
        ],
      },
    ],
  },
  // a finally with other work keeps that work
  {
    filename: 'app/api/timed/route.ts',
    code: `import Redis from 'ioredis';

export async function GET() {
  console.time('hits');
  const redis = new Redis(process.env.REDIS_URL);
  try {
    return Response.json({ hits: await redis.incr('hits') });
  } finally {
    await redis.quit();
    console.timeEnd('hits');
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function GET() {
  console.time('hits');
  try {
    return Response.json({ hits: await redis.incr('hits') });
  } finally {
    console.timeEnd('hits');
  }
}
`,
          },
        ],
      },
    ],
  },
  // an inline construction becomes a module-level const plus a reference
  {
    filename: 'app/api/greeting/route.ts',
    code: `import Redis from 'ioredis';

export async function GET() {
  return new Response(await new Redis(process.env.REDIS_URL).get('greeting'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 29,
        endLine: 4,
        endColumn: 61,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function GET() {
  return new Response(await redis.get('greeting'));
}
`,
          },
        ],
      },
    ],
  },
  // the declaration keeps its text: `let` and a type annotation stay
  {
    filename: 'pages/api/typed.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  let redis: Redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 54,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

let redis: Redis = new Redis(process.env.REDIS_URL);
export default async function handler(req, res) {
  res.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // a declaration inside a nested block moves; comments elsewhere stay
  {
    filename: 'pages/api/nested.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  // only writes count
  if (req.method === 'POST') {
    const redis = new Redis(process.env.REDIS_URL);
    await redis.incr('posts');
  }
  res.end();
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 19,
        endLine: 6,
        endColumn: 51,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default async function handler(req, res) {
  // only writes count
  if (req.method === 'POST') {
    await redis.incr('posts');
  }
  res.end();
}
`,
          },
        ],
      },
    ],
  },
  // two sites in one handler: two reports, each with its own suggestion
  {
    filename: 'pages/api/copy.ts',
    code: `import Redis from 'ioredis';

export default async function handler(req, res) {
  const primary = new Redis(process.env.REDIS_URL);
  const replica = new Redis(process.env.REDIS_REPLICA_URL);
  await primary.set('greeting', 'hello');
  res.json({ greeting: await replica.get('greeting') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 51,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const primary = new Redis(process.env.REDIS_URL);
export default async function handler(req, res) {
  const replica = new Redis(process.env.REDIS_REPLICA_URL);
  await primary.set('greeting', 'hello');
  res.json({ greeting: await replica.get('greeting') });
}
`,
          },
        ],
      },
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 59,
        data: { construction: 'new Redis()', context: nextApiRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const replica = new Redis(process.env.REDIS_REPLICA_URL);
export default async function handler(req, res) {
  const primary = new Redis(process.env.REDIS_URL);
  await primary.set('greeting', 'hello');
  res.json({ greeting: await replica.get('greeting') });
}
`,
          },
        ],
      },
    ],
  },
  // two handlers each declare `redis`: the moved one takes a free name and its references follow
  {
    filename: 'app/api/counter/route.ts',
    code: `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL);
  return Response.json({ hits: Number(await redis.get('hits')) });
}

export async function POST() {
  const redis = new Redis(process.env.REDIS_URL);
  return Response.json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const sharedRedis = new Redis(process.env.REDIS_URL);
export async function GET() {
  return Response.json({ hits: Number(await sharedRedis.get('hits')) });
}

export async function POST() {
  const redis = new Redis(process.env.REDIS_URL);
  return Response.json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
      {
        messageId: 'perRequestClient',
        line: 9,
        column: 17,
        endLine: 9,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Next.js route handler `POST`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL);
  return Response.json({ hits: Number(await redis.get('hits')) });
}

const sharedRedis = new Redis(process.env.REDIS_URL);
export async function POST() {
  return Response.json({ hits: await sharedRedis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: the listener is attached only once the first connect succeeds; the connect and the quit in finally go
  {
    filename: 'pages/api/node-redis.ts',
    code: `import { createClient } from 'redis';

export default async function handler(req, res) {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.error(err));
  await client.connect();
  try {
    res.json({ hits: await client.incr('hits') });
  } finally {
    await client.quit();
  }
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
            output: `import { createClient } from 'redis';

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })', typescript: true, listener: '(err) => console.error(err)' })}
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
  // node-redis: destroy() goes
  {
    filename: 'app/api/destroy/route.ts',
    code: `import { createClient } from 'redis';

export async function GET() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const greeting = await client.get('greeting');
  client.destroy();
  return new Response(greeting);
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
  const greeting = await client.get('greeting');
  return new Response(greeting);
}
`,
          },
        ],
      },
    ],
  },
  // node-redis in a route written with 4 spaces, no semicolons and double quotes: the getter is written the same way
  {
    filename: 'app/api/greeting/route.ts',
    code: `import { createClient } from "redis"

export async function GET() {
    const client = createClient({ url: process.env.REDIS_URL })
    await client.connect()
    const greeting = await client.get("greeting")
    client.destroy()
    return new Response(greeting)
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 64,
        data: { construction: 'createClient()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient } from "redis"

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
let clientConnection: ReturnType<typeof connectClient> | undefined

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
    clientConnection ??= connectClient()
    return clientConnection
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectClient() {
    const client = createClient({ url: process.env.REDIS_URL })
    try {
        await client.connect()
    } catch (error) {
        clientConnection = undefined
        throw error
    }
    client.on("error", (error: unknown) => {
        console.error("Redis client error", error)
        // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
        clientConnection = undefined
        void client.disconnect().catch(() => undefined)
    })
    return client
}

export async function GET() {
    const client = await getClient()
    const greeting = await client.get("greeting")
    return new Response(greeting)
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: close() goes
  {
    filename: 'app/api/close/route.ts',
    code: `import { createClient } from 'redis';

export async function GET() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const greeting = await client.get('greeting');
  await client.close();
  return new Response(greeting);
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
  const greeting = await client.get('greeting');
  return new Response(greeting);
}
`,
          },
        ],
      },
    ],
  },
  // node-redis: disconnect() goes (an Express callback)
  {
    filename: 'src/visits.mjs',
    code: `import express from 'express';
import { createClient } from 'redis';

const app = express();

app.get('/visits', async (req, res) => {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const visits = await client.incr('visits');
  await client.disconnect();
  res.json({ visits });
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 18,
        endLine: 7,
        endColumn: 62,
        data: { construction: 'createClient()', context: 'every request to this Express route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import express from 'express';
import { createClient } from 'redis';

const app = express();

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })' })}
app.get('/visits', async (req, res) => {
  const client = await getClient();
  const visits = await client.incr('visits');
  res.json({ visits });
});
`,
          },
        ],
      },
    ],
  },
  // an outer binding assigned without a guard keeps its name: the hoisted client takes another
  {
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis';

let redis;

export async function GET() {
  redis = new Redis(process.env.REDIS_URL);
  return Response.json(await redis.get('events'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 43,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

let redis;

const sharedRedis = new Redis(process.env.REDIS_URL);
export async function GET() {
  redis = sharedRedis;
  return Response.json(await redis.get('events'));
}
`,
          },
        ],
      },
    ],
  },
  // the name the module already binds gives way to one from the env var; a file without semicolons gets none
  {
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis'

let redis

export async function GET() {
    redis = new Redis(process.env.EVENTS_REDIS_URL, {
        lazyConnect: true,
    })
    return Response.json(await redis.get('events'))
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 13,
        endLine: 8,
        endColumn: 7,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis'

let redis

const eventsRedis = new Redis(process.env.EVENTS_REDIS_URL, {
    lazyConnect: true,
})
export async function GET() {
    redis = eventsRedis
    return Response.json(await redis.get('events'))
}
`,
          },
        ],
      },
    ],
  },
  // every name the hoisted client could take is bound already: reported, with no suggestion rather than a numbered name
  {
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis';

let redis;
let sharedRedis;

export async function GET() {
  redis = new Redis(process.env.REDIS_URL);
  sharedRedis ??= redis;
  return Response.json(await redis.get('events'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 43,
        data: { construction: 'new Redis()', context: getRoute },
        suggestions: [],
      },
    ],
  },
  // a listener registered only to close the client goes with it
  {
    filename: 'src/middleware/redis.js',
    code: `import Redis from 'ioredis';

export function attachRedis(req, res, next) {
  const redis = new Redis(process.env.REDIS_URL);
  res.locals.redis = redis;
  res.on('finish', () => redis.disconnect());
  next();
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every call to `attachRedis()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export function attachRedis(req, res, next) {
  res.locals.redis = redis;
  next();
}
`,
          },
        ],
      },
    ],
  },
];
