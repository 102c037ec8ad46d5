// Every handler shape the rule recognises, each named in the message's context phrase.
import type { Invalid } from './types.js';

const tsx = { parserOptions: { ecmaFeatures: { jsx: true } } };

export const handlerCases: Invalid[] = [
  // Next.js pages/api: default-exported arrow, under src/
  {
    filename: 'src/pages/api/hits.ts',
    code: `import Redis from 'ioredis';

export default async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Next.js API route' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default async (req, res) => {
  res.json({ hits: await redis.incr('hits') });
};
`,
          },
        ],
      },
    ],
  },
  // Next.js pages/api: a const exported by name at the end
  {
    filename: 'pages/api/views.js',
    code: `import Redis from 'ioredis';

const handler = async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ views: await redis.incr('views') });
};

export default handler;
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Next.js API route' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
const handler = async (req, res) => {
  res.json({ views: await redis.incr('views') });
};

export default handler;
`,
          },
        ],
      },
    ],
  },
  // Next.js App Router: method exported as a const
  {
    filename: 'app/api/events/route.ts',
    code: `import Redis from 'ioredis';

export const POST = async (request: Request) => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.lpush('events', await request.text());
  return new Response(null, { status: 204 });
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Next.js route handler `POST`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const POST = async (request: Request) => {
  await redis.lpush('events', await request.text());
  return new Response(null, { status: 204 });
};
`,
          },
        ],
      },
    ],
  },
  // Next.js App Router: dynamic segment under src/app
  {
    filename: 'src/app/api/items/[id]/route.ts',
    code: `import Redis from 'ioredis';

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.del('item:' + (await params).id);
  return new Response(null, { status: 204 });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Next.js route handler `DELETE`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  await redis.del('item:' + (await params).id);
  return new Response(null, { status: 204 });
}
`,
          },
        ],
      },
    ],
  },
  // 'use server' file: exported function
  {
    filename: 'app/actions.ts',
    code: `'use server';

import Redis from 'ioredis';

export async function addToCart(productId: string) {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.sadd('cart', productId);
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 17,
        endLine: 6,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every call to this server action `addToCart`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `'use server';

import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function addToCart(productId: string) {
  await redis.sadd('cart', productId);
}
`,
          },
        ],
      },
    ],
  },
  // 'use server' file: exported arrow
  {
    filename: 'app/cart/actions.ts',
    code: `'use server';

import Redis from 'ioredis';

export const removeFromCart = async (productId: string) => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.srem('cart', productId);
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 17,
        endLine: 6,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every call to this server action `removeFromCart`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `'use server';

import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const removeFromCart = async (productId: string) => {
  await redis.srem('cart', productId);
};
`,
          },
        ],
      },
    ],
  },
  // 'use server' inside a function of a component file
  {
    filename: 'app/page.tsx',
    languageOptions: tsx,
    code: `import Redis from 'ioredis';

export default function Page() {
  async function like() {
    'use server';
    const redis = new Redis(process.env.REDIS_URL);
    await redis.incr('likes');
  }
  return (
    <form action={like}>
      <button type="submit">Like</button>
    </form>
  );
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 19,
        endLine: 6,
        endColumn: 51,
        data: { construction: 'new Redis()', context: 'every call to this server action `like`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default function Page() {
  async function like() {
    'use server';
    await redis.incr('likes');
  }
  return (
    <form action={like}>
      <button type="submit">Like</button>
    </form>
  );
}
`,
          },
        ],
      },
    ],
  },
  // getServerSideProps in a .tsx page
  {
    filename: 'pages/index.tsx',
    languageOptions: tsx,
    code: `import Redis from 'ioredis';

export default function Home({ hits }: { hits: number }) {
  return <p>{hits} visits</p>;
}

export async function getServerSideProps() {
  const redis = new Redis(process.env.REDIS_URL);
  const hits = await redis.incr('hits');
  return { props: { hits } };
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 8,
        column: 17,
        endLine: 8,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through `getServerSideProps`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

export default function Home({ hits }: { hits: number }) {
  return <p>{hits} visits</p>;
}

const redis = new Redis(process.env.REDIS_URL);
export async function getServerSideProps() {
  const hits = await redis.incr('hits');
  return { props: { hits } };
}
`,
          },
        ],
      },
    ],
  },
  // A server component is any other function
  {
    filename: 'app/stats/page.tsx',
    languageOptions: tsx,
    code: `import Redis from 'ioredis';

export default async function Page() {
  const redis = new Redis(process.env.REDIS_URL);
  const hits = await redis.incr('hits');
  return <p>{hits} visits</p>;
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every call to `Page()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default async function Page() {
  const hits = await redis.incr('hits');
  return <p>{hits} visits</p>;
}
`,
          },
        ],
      },
    ],
  },
  // Next.js middleware.ts
  {
    filename: 'middleware.ts',
    code: `import Redis from 'ioredis';
import { NextResponse, type NextRequest } from 'next/server';

export async function middleware(request: NextRequest) {
  const redis = new Redis(process.env.REDIS_URL);
  const blocked = await redis.sismember('blocked', request.nextUrl.pathname);
  return blocked ? new NextResponse(null, { status: 403 }) : NextResponse.next();
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this Next.js middleware' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { NextResponse, type NextRequest } from 'next/server';

const redis = new Redis(process.env.REDIS_URL);
export async function middleware(request: NextRequest) {
  const blocked = await redis.sismember('blocked', request.nextUrl.pathname);
  return blocked ? new NextResponse(null, { status: 403 }) : NextResponse.next();
}
`,
          },
        ],
      },
    ],
  },
  // Next.js middleware as a default export under src/
  {
    filename: 'src/middleware.ts',
    code: `import Redis from 'ioredis';
import { NextResponse } from 'next/server';

export default async function middleware() {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.incr('requests');
  return NextResponse.next();
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this Next.js middleware' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { NextResponse } from 'next/server';

const redis = new Redis(process.env.REDIS_URL);
export default async function middleware() {
  await redis.incr('requests');
  return NextResponse.next();
}
`,
          },
        ],
      },
    ],
  },
  // Next.js 16 proxy.ts
  {
    filename: 'proxy.ts',
    code: `import Redis from 'ioredis';
import { NextResponse, type NextRequest } from 'next/server';

export async function proxy(request: NextRequest) {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.incr('requests:' + request.nextUrl.pathname);
  return NextResponse.next();
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this Next.js middleware' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { NextResponse, type NextRequest } from 'next/server';

const redis = new Redis(process.env.REDIS_URL);
export async function proxy(request: NextRequest) {
  await redis.incr('requests:' + request.nextUrl.pathname);
  return NextResponse.next();
}
`,
          },
        ],
      },
    ],
  },
  // AWS Lambda: exported function declaration
  {
    filename: 'lambda/index.ts',
    code: `import Redis from 'ioredis';

export async function handler(event: { id: string }) {
  const redis = new Redis(process.env.REDIS_URL);
  return { statusCode: 200, body: (await redis.get('item:' + event.id)) ?? '' };
}
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
export async function handler(event: { id: string }) {
  return { statusCode: 200, body: (await redis.get('item:' + event.id)) ?? '' };
}
`,
          },
        ],
      },
    ],
  },
  // AWS Lambda: CommonJS .js with a function expression
  {
    filename: 'index.js',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis');

exports.handler = async function (event) {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.lpush('events', JSON.stringify(event));
  return { statusCode: 204 };
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
            output: `const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);
exports.handler = async function (event) {
  await redis.lpush('events', JSON.stringify(event));
  return { statusCode: 204 };
};
`,
          },
        ],
      },
    ],
  },
  // AWS Lambda: any export whose event parameter is typed from aws-lambda, whatever it is named
  {
    filename: 'src/scan.ts',
    code: `import Redis from 'ioredis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const scan = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const redis = new Redis(process.env.REDIS_URL);
  return { statusCode: 200, body: JSON.stringify(await redis.keys(event.path)) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every invocation of this AWS Lambda handler `scan`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const redis = new Redis(process.env.REDIS_URL);
export const scan = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  return { statusCode: 200, body: JSON.stringify(await redis.keys(event.path)) };
};
`,
          },
        ],
      },
    ],
  },
  // AWS Lambda: an export declared with a handler type from aws-lambda
  {
    filename: 'src/main.ts',
    code: `import { createClient } from 'redis';
import * as lambda from 'aws-lambda';

export const main: lambda.APIGatewayProxyHandlerV2 = async () => {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  return { statusCode: 200, body: String(await client.dbSize()) };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 24,
        endLine: 5,
        endColumn: 68,
        data: { construction: 'createClient()', context: 'every invocation of this AWS Lambda handler `main`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { createClient } from 'redis';
import * as lambda from 'aws-lambda';

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
let clientConnection: ReturnType<typeof connectClient> | undefined;

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
  clientConnection ??= connectClient();
  return clientConnection;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  try {
    await client.connect();
  } catch (error) {
    clientConnection = undefined;
    throw error;
  }
  client.on('error', (error: unknown) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    clientConnection = undefined;
    void client.disconnect().catch(() => undefined);
  });
  return client;
}

export const main: lambda.APIGatewayProxyHandlerV2 = async () => {
  const client = await getClient();
  return { statusCode: 200, body: String(await client.dbSize()) };
};
`,
          },
        ],
      },
    ],
  },
  // AWS Lambda: module.exports.handler
  {
    filename: 'lambda/exports.cjs',
    languageOptions: { parserOptions: { sourceType: 'script' } },
    code: `const Redis = require('ioredis');

module.exports.handler = async () => {
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
        data: { construction: 'new Redis()', context: 'every invocation of this AWS Lambda handler `handler`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);
module.exports.handler = async () => {
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
          },
        ],
      },
    ],
  },
  // Netlify function
  {
    filename: 'netlify/functions/hits.ts',
    code: `import Redis from 'ioredis';

export default async (req: Request) => {
  const redis = new Redis(process.env.REDIS_URL);
  return Response.json({ hits: await redis.incr('hits') });
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every invocation of this Netlify function' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default async (req: Request) => {
  return Response.json({ hits: await redis.incr('hits') });
};
`,
          },
        ],
      },
    ],
  },
  // Vercel function under the root api/ folder
  {
    filename: 'api/hits.ts',
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
        data: { construction: 'new Redis()', context: 'every invocation of this Vercel function' },
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
  // Express route callback, .mjs
  {
    filename: 'server.mjs',
    code: `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/hits', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
});

app.listen(3000);
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
            output: `import express from 'express';
import Redis from 'ioredis';

const app = express();

const redis = new Redis(process.env.REDIS_URL);
app.get('/hits', async (req, res) => {
  res.json({ hits: await redis.incr('hits') });
});

app.listen(3000);
`,
          },
        ],
      },
    ],
  },
  // Express Router
  {
    filename: 'src/routes/events.ts',
    code: `import { Router } from 'express';
import Redis from 'ioredis';

export const router = Router();

router.post('/events', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.lpush('events', JSON.stringify(req.body));
  res.sendStatus(204);
});
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
            output: `import { Router } from 'express';
import Redis from 'ioredis';

export const router = Router();

const redis = new Redis(process.env.REDIS_URL);
router.post('/events', async (req, res) => {
  await redis.lpush('events', JSON.stringify(req.body));
  res.sendStatus(204);
});
`,
          },
        ],
      },
    ],
  },
  // Express route with a middleware before the callback
  {
    filename: 'src/routes/me.ts',
    code: `import express from 'express';
import Redis from 'ioredis';
import { authenticate } from './auth.js';

export const app = express();

app.get('/me', authenticate, async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ visits: await redis.incr('visits:me') });
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 8,
        column: 17,
        endLine: 8,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Express route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import express from 'express';
import Redis from 'ioredis';
import { authenticate } from './auth.js';

export const app = express();

const redis = new Redis(process.env.REDIS_URL);
app.get('/me', authenticate, async (req, res) => {
  res.json({ visits: await redis.incr('visits:me') });
});
`,
          },
        ],
      },
    ],
  },
  // Express middleware (app.use)
  {
    filename: 'src/app.js',
    code: `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.use(async (req, res, next) => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.incr('requests');
  next();
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Express middleware' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import express from 'express';
import Redis from 'ioredis';

const app = express();

const redis = new Redis(process.env.REDIS_URL);
app.use(async (req, res, next) => {
  await redis.incr('requests');
  next();
});
`,
          },
        ],
      },
    ],
  },
  // Koa middleware
  {
    filename: 'src/koa.js',
    code: `import Koa from 'koa';
import Redis from 'ioredis';

const app = new Koa();

app.use(async (ctx) => {
  const redis = new Redis(process.env.REDIS_URL);
  ctx.body = { hits: await redis.incr('hits') };
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Koa middleware' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Koa from 'koa';
import Redis from 'ioredis';

const app = new Koa();

const redis = new Redis(process.env.REDIS_URL);
app.use(async (ctx) => {
  ctx.body = { hits: await redis.incr('hits') };
});
`,
          },
        ],
      },
    ],
  },
  // Fastify shorthand route
  {
    filename: 'src/fastify.ts',
    code: `import Fastify from 'fastify';
import Redis from 'ioredis';

const app = Fastify();

app.get('/hits', async () => {
  const redis = new Redis(process.env.REDIS_URL);
  return { hits: await redis.incr('hits') };
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Fastify route handler' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Fastify from 'fastify';
import Redis from 'ioredis';

const app = Fastify();

const redis = new Redis(process.env.REDIS_URL);
app.get('/hits', async () => {
  return { hits: await redis.incr('hits') };
});
`,
          },
        ],
      },
    ],
  },
  // Fastify route({ handler })
  {
    filename: 'src/fastify-route.ts',
    code: `import Fastify from 'fastify';
import Redis from 'ioredis';

const app = Fastify();

app.route({
  method: 'GET',
  url: '/hits',
  handler: async () => {
    const redis = new Redis(process.env.REDIS_URL);
    return { hits: await redis.incr('hits') };
  },
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 10,
        column: 19,
        endLine: 10,
        endColumn: 51,
        data: { construction: 'new Redis()', context: 'every request to this Fastify route handler' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Fastify from 'fastify';
import Redis from 'ioredis';

const app = Fastify();

const redis = new Redis(process.env.REDIS_URL);
app.route({
  method: 'GET',
  url: '/hits',
  handler: async () => {
    return { hits: await redis.incr('hits') };
  },
});
`,
          },
        ],
      },
    ],
  },
  // Hono route handler
  {
    filename: 'src/index.ts',
    code: `import { Hono } from 'hono';
import Redis from 'ioredis';

const app = new Hono();

app.get('/hits', async (c) => {
  const redis = new Redis(process.env.REDIS_URL);
  return c.json({ hits: await redis.incr('hits') });
});

export default app;
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Hono route handler' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { Hono } from 'hono';
import Redis from 'ioredis';

const app = new Hono();

const redis = new Redis(process.env.REDIS_URL);
app.get('/hits', async (c) => {
  return c.json({ hits: await redis.incr('hits') });
});

export default app;
`,
          },
        ],
      },
    ],
  },
  // A route callback whose framework the file's imports do not name
  {
    filename: 'src/routes.ts',
    code: `import Redis from 'ioredis';
import { app } from './app.js';

app.get('/hits', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this route callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { app } from './app.js';

const redis = new Redis(process.env.REDIS_URL);
app.get('/hits', async (req, res) => {
  res.json({ hits: await redis.incr('hits') });
});
`,
          },
        ],
      },
    ],
  },
  // SvelteKit endpoint
  {
    filename: 'src/routes/api/hits/+server.ts',
    code: `import Redis from 'ioredis';
import { json } from '@sveltejs/kit';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL);
  return json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this SvelteKit endpoint `GET`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { json } from '@sveltejs/kit';

const redis = new Redis(process.env.REDIS_URL);
export async function GET() {
  return json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // SvelteKit load
  {
    filename: 'src/routes/+page.server.ts',
    code: `import Redis from 'ioredis';

export const load = async () => {
  const redis = new Redis(process.env.REDIS_URL);
  return { hits: await redis.incr('hits') };
};
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this SvelteKit `load` function' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const load = async () => {
  return { hits: await redis.incr('hits') };
};
`,
          },
        ],
      },
    ],
  },
  // SvelteKit handle hook
  {
    filename: 'src/hooks.server.ts',
    code: `import Redis from 'ioredis';

export async function handle({ event, resolve }) {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.incr('requests');
  return resolve(event);
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this SvelteKit `handle` hook' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export async function handle({ event, resolve }) {
  await redis.incr('requests');
  return resolve(event);
}
`,
          },
        ],
      },
    ],
  },
  // Remix loader
  {
    filename: 'app/routes/hits.tsx',
    languageOptions: tsx,
    code: `import Redis from 'ioredis';
import { json } from '@remix-run/node';

export async function loader() {
  const redis = new Redis(process.env.REDIS_URL);
  return json({ hits: await redis.incr('hits') });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this Remix `loader`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { json } from '@remix-run/node';

const redis = new Redis(process.env.REDIS_URL);
export async function loader() {
  return json({ hits: await redis.incr('hits') });
}
`,
          },
        ],
      },
    ],
  },
  // Remix action
  {
    filename: 'app/routes/subscribe.tsx',
    languageOptions: tsx,
    code: `import Redis from 'ioredis';
import { redirect } from '@remix-run/node';

export async function action({ request }) {
  const redis = new Redis(process.env.REDIS_URL);
  const form = await request.formData();
  await redis.sadd('emails', String(form.get('email')));
  return redirect('/thanks');
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this Remix `action`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import { redirect } from '@remix-run/node';

const redis = new Redis(process.env.REDIS_URL);
export async function action({ request }) {
  const form = await request.formData();
  await redis.sadd('emails', String(form.get('email')));
  return redirect('/thanks');
}
`,
          },
        ],
      },
    ],
  },
  // Nuxt server route, auto-imported defineEventHandler
  {
    filename: 'server/api/hits.ts',
    code: `import Redis from 'ioredis';

export default defineEventHandler(async () => {
  const redis = new Redis(process.env.REDIS_URL);
  return { hits: await redis.incr('hits') };
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Nuxt event handler' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default defineEventHandler(async () => {
  return { hits: await redis.incr('hits') };
});
`,
          },
        ],
      },
    ],
  },
  // h3 event handler, imported
  {
    filename: 'server/routes/views.ts',
    code: `import { defineEventHandler } from 'h3';
import Redis from 'ioredis';

export default defineEventHandler(async (event) => {
  const redis = new Redis(process.env.REDIS_URL);
  return { views: await redis.incr('views:' + event.path) };
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request to this Nuxt event handler' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { defineEventHandler } from 'h3';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export default defineEventHandler(async (event) => {
  return { views: await redis.incr('views:' + event.path) };
});
`,
          },
        ],
      },
    ],
  },
  // tRPC createContext
  {
    filename: 'src/server/context.ts',
    code: `import Redis from 'ioredis';
import type { CreateNextContextOptions } from '@trpc/server/adapters/next';

export async function createContext({ req }: CreateNextContextOptions) {
  const redis = new Redis(process.env.REDIS_URL);
  return { req, redis };
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every request through this tRPC `createContext`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';
import type { CreateNextContextOptions } from '@trpc/server/adapters/next';

const redis = new Redis(process.env.REDIS_URL);
export async function createContext({ req }: CreateNextContextOptions) {
  return { req, redis };
}
`,
          },
        ],
      },
    ],
  },
  // tRPC procedure
  {
    filename: 'src/server/router.ts',
    code: `import { initTRPC } from '@trpc/server';
import Redis from 'ioredis';

const t = initTRPC.create();

export const appRouter = t.router({
  hits: t.procedure.query(async () => {
    const redis = new Redis(process.env.REDIS_URL);
    return redis.incr('hits');
  }),
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 8,
        column: 19,
        endLine: 8,
        endColumn: 51,
        data: { construction: 'new Redis()', context: 'every call to this tRPC procedure' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { initTRPC } from '@trpc/server';
import Redis from 'ioredis';

const t = initTRPC.create();

const redis = new Redis(process.env.REDIS_URL);
export const appRouter = t.router({
  hits: t.procedure.query(async () => {
    return redis.incr('hits');
  }),
});
`,
          },
        ],
      },
    ],
  },
  // GraphQL resolver (arrow property)
  {
    filename: 'src/graphql.ts',
    code: `import { ApolloServer } from '@apollo/server';
import Redis from 'ioredis';

const resolvers = {
  Query: {
    user: async (_parent, args) => {
      const redis = new Redis(process.env.REDIS_URL);
      return JSON.parse((await redis.get('user:' + args.id)) ?? 'null');
    },
  },
};

export const server = new ApolloServer({ typeDefs: 'type Query { user(id: ID!): String }', resolvers });
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 21,
        endLine: 7,
        endColumn: 53,
        data: { construction: 'new Redis()', context: 'every call to this GraphQL resolver `Query.user`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { ApolloServer } from '@apollo/server';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
const resolvers = {
  Query: {
    user: async (_parent, args) => {
      return JSON.parse((await redis.get('user:' + args.id)) ?? 'null');
    },
  },
};

export const server = new ApolloServer({ typeDefs: 'type Query { user(id: ID!): String }', resolvers });
`,
          },
        ],
      },
    ],
  },
  // GraphQL resolver (method shorthand on Mutation)
  {
    filename: 'src/resolvers.js',
    code: `import { ApolloServer } from '@apollo/server';
import Redis from 'ioredis';

const resolvers = {
  Mutation: {
    async like(_parent, { postId }) {
      const redis = new Redis(process.env.REDIS_URL);
      return redis.incr('likes:' + postId);
    },
  },
};

export const server = new ApolloServer({ typeDefs: 'type Mutation { like(postId: ID!): Int }', resolvers });
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 21,
        endLine: 7,
        endColumn: 53,
        data: { construction: 'new Redis()', context: 'every call to this GraphQL resolver `Mutation.like`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { ApolloServer } from '@apollo/server';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
const resolvers = {
  Mutation: {
    async like(_parent, { postId }) {
      return redis.incr('likes:' + postId);
    },
  },
};

export const server = new ApolloServer({ typeDefs: 'type Mutation { like(postId: ID!): Int }', resolvers });
`,
          },
        ],
      },
    ],
  },
  // GraphQL per-request context function
  {
    filename: 'src/standalone.ts',
    code: `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import Redis from 'ioredis';

const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });

await startStandaloneServer(server, {
  context: async ({ req }) => {
    const redis = new Redis(process.env.REDIS_URL);
    return { redis, token: req.headers.authorization };
  },
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 9,
        column: 19,
        endLine: 9,
        endColumn: 51,
        data: { construction: 'new Redis()', context: 'every request through this GraphQL `context` function' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import Redis from 'ioredis';

const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });

const redis = new Redis(process.env.REDIS_URL);
await startStandaloneServer(server, {
  context: async ({ req }) => {
    return { redis, token: req.headers.authorization };
  },
});
`,
          },
        ],
      },
    ],
  },
  // socket.io connection callback
  {
    filename: 'src/socket.ts',
    code: `import { Server } from 'socket.io';
import Redis from 'ioredis';

const io = new Server(3000);

io.on('connection', async (socket) => {
  const redis = new Redis(process.env.REDIS_URL);
  socket.emit('hits', await redis.incr('connections'));
});
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every socket.io connection' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { Server } from 'socket.io';
import Redis from 'ioredis';

const io = new Server(3000);

const redis = new Redis(process.env.REDIS_URL);
io.on('connection', async (socket) => {
  socket.emit('hits', await redis.incr('connections'));
});
`,
          },
        ],
      },
    ],
  },
  // React cache() memoises per request, not per process
  {
    filename: 'lib/redis.ts',
    code: `import { cache } from 'react';
import Redis from 'ioredis';

export const getRedis = cache(() => new Redis(process.env.REDIS_URL));
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 37,
        endLine: 4,
        endColumn: 69,
        data: { construction: 'new Redis()', context: 'every request through this React `cache()` callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { cache } from 'react';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export const getRedis = cache(() => redis);
`,
          },
        ],
      },
    ],
  },
  // NestJS request-scoped provider: the module-level client goes above the decorator
  {
    filename: 'src/cart/cart.service.ts',
    code: `import { Injectable, Scope } from '@nestjs/common';
import Redis from 'ioredis';

@Injectable({ scope: Scope.REQUEST })
export class CartService {
  private readonly redis = new Redis(process.env.REDIS_URL);

  count() {
    return this.redis.scard('cart');
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 28,
        endLine: 6,
        endColumn: 60,
        data: {
          construction: 'new Redis()',
          context: 'every request to this request-scoped NestJS provider `CartService`',
        },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import { Injectable, Scope } from '@nestjs/common';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
@Injectable({ scope: Scope.REQUEST })
export class CartService {
  private readonly redis = redis;

  count() {
    return this.redis.scard('cart');
  }
}
`,
          },
        ],
      },
    ],
  },
  // Any other function: a non-exported helper called from a handler
  {
    filename: 'pages/api/greeting.ts',
    code: `import Redis from 'ioredis';

function connect() {
  return new Redis(process.env.REDIS_URL);
}

export default async function handler(req, res) {
  res.send(await connect().get('greeting'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 10,
        endLine: 4,
        endColumn: 42,
        data: { construction: 'new Redis()', context: 'every call to `connect()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
function connect() {
  return redis;
}

export default async function handler(req, res) {
  res.send(await connect().get('greeting'));
}
`,
          },
        ],
      },
    ],
  },
  // Any other function: a method
  {
    filename: 'src/store.js',
    code: `import Redis from 'ioredis';

export class Store {
  async connect() {
    this.client = new Redis(process.env.REDIS_URL);
    await this.client.ping();
  }
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 51,
        data: { construction: 'new Redis()', context: 'every call to `Store.connect()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
export class Store {
  async connect() {
    this.client = redis;
    await this.client.ping();
  }
}
`,
          },
        ],
      },
    ],
  },
  // Any other function: an anonymous callback
  {
    filename: 'src/heartbeat.mjs',
    code: `import Redis from 'ioredis';

setInterval(async () => {
  const redis = new Redis(process.env.REDIS_URL);
  await redis.set('heartbeat', Date.now());
  await redis.quit();
}, 1000);
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 49,
        data: { construction: 'new Redis()', context: 'every call to this callback' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
setInterval(async () => {
  await redis.set('heartbeat', Date.now());
}, 1000);
`,
          },
        ],
      },
    ],
  },
  // Constructor of a class built on every request
  {
    filename: 'pages/api/session.js',
    code: `import Redis from 'ioredis';

class SessionStore {
  constructor() {
    this.redis = new Redis(process.env.REDIS_URL);
  }

  get(id) {
    return this.redis.get('session:' + id);
  }
}

export default async function handler(req, res) {
  const store = new SessionStore();
  res.json({ session: await store.get(req.query.id) });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 50,
        data: { construction: 'new Redis()', context: 'every `new SessionStore()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
class SessionStore {
  constructor() {
    this.redis = redis;
  }

  get(id) {
    return this.redis.get('session:' + id);
  }
}

export default async function handler(req, res) {
  const store = new SessionStore();
  res.json({ session: await store.get(req.query.id) });
}
`,
          },
        ],
      },
    ],
  },
  // Instance field of a class built on every request
  {
    filename: 'app/api/rate/route.ts',
    code: `import Redis from 'ioredis';

class RateLimiter {
  redis = new Redis(process.env.REDIS_URL);

  async hit(key: string) {
    return this.redis.incr('rate:' + key);
  }
}

export async function POST(request: Request) {
  const limiter = new RateLimiter();
  return Response.json({ count: await limiter.hit(request.url) });
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 4,
        column: 11,
        endLine: 4,
        endColumn: 43,
        data: { construction: 'new Redis()', context: 'every `new RateLimiter()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
class RateLimiter {
  redis = redis;

  async hit(key: string) {
    return this.redis.incr('rate:' + key);
  }
}

export async function POST(request: Request) {
  const limiter = new RateLimiter();
  return Response.json({ count: await limiter.hit(request.url) });
}
`,
          },
        ],
      },
    ],
  },
  // an initializer that a handler calls without a guard is still per call
  {
    filename: 'pages/api/init.js',
    code: `import Redis from 'ioredis';

let redis;

function initRedis() {
  redis = new Redis(process.env.REDIS_URL);
}

export default async function handler(req, res) {
  initRedis();
  res.json(await redis.get('x'));
}
`,
    errors: [
      {
        messageId: 'perRequestClient',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 43,
        data: { construction: 'new Redis()', context: 'every call to `initRedis()`' },
        suggestions: [
          {
            messageId: 'moveToModuleScope',
            output: `import Redis from 'ioredis';

let redis;

const sharedRedis = new Redis(process.env.REDIS_URL);
function initRedis() {
  redis = sharedRedis;
}

export default async function handler(req, res) {
  initRedis();
  res.json(await redis.get('x'));
}
`,
          },
        ],
      },
    ],
  },
];
