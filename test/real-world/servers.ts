/** Long-running servers: Express, Fastify, Koa, Hono, Bun, socket.io, GraphQL, tRPC. */
import type { RealWorldCase } from './types.js';

export const serverCases: RealWorldCase[] = [
  {
    name: 'Express router opens node-redis per request (CommonJS)',
    filename: 'src/routes/cache.js',
    sourceType: 'commonjs',
    code: `const express = require('express');
const { createClient } = require('redis');

const router = express.Router();

router.get('/cache/:key', async (req, res, next) => {
  const client = createClient({ url: process.env.REDIS_URL });
  try {
    await client.connect();
    const value = await client.get(req.params.key);
    res.json({ key: req.params.key, value });
  } catch (err) {
    next(err);
  } finally {
    await client.quit();
  }
});

module.exports = router;
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every request to this Express route callback' },
    ],
  },
  {
    name: 'exported Express middleware attaches a client to res.locals',
    filename: 'src/middleware/redis.ts',
    note: 'DESIGN\'s hoistability criteria: options from process.env only, no subscriber/blocking/SELECT/WATCH use, so the site is shareable.',
    code: `import type { NextFunction, Request, Response } from 'express';
import Redis from 'ioredis';

export function attachRedis(req: Request, res: Response, next: NextFunction) {
  const redis = new Redis(process.env.REDIS_URL!);
  res.locals.redis = redis;
  res.on('finish', () => redis.disconnect());
  next();
}
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to `attachRedis()`' },
    ],
  },
  {
    name: 'Express server: module client, subscriber built in the listen callback',
    filename: 'src/server.ts',
    code: `import express from 'express';
import { createClient } from 'redis';

const app = express();
const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (err) => console.error('Redis error', err));

app.get('/health', async (_req, res) => {
  res.json({ redis: await redis.ping() });
});

app.listen(3000, async () => {
  const subscriber = redis.duplicate();
  await Promise.all([redis.connect(), subscriber.connect()]);
  await subscriber.subscribe('cache:invalidate', (key) => console.log('invalidate', key));
  console.log('listening on 3000');
});
`,
    expected: [],
  },
  {
    name: 'Express admin route duplicates the session client to SELECT another db',
    filename: 'src/app.ts',
    code: `import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import Redis from 'ioredis';

const app = express();
const redisClient = new Redis(process.env.REDIS_URL!);

app.use(session({ store: new RedisStore({ client: redisClient, prefix: 'sess:' }), secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));

app.get('/admin/stats/:db', async (req, res) => {
  const stats = redisClient.duplicate();
  await stats.select(Number(req.params.db));
  const size = await stats.dbsize();
  stats.disconnect();
  res.json({ db: req.params.db, size });
});

export default app;
`,
    expected: [
      {
        at: 'redisClient.duplicate(',
        messageId: 'perRequestClientUnsafe',
        context: 'every request to this Express route callback',
        reason: 'it switches databases with `SELECT`, which would change the database for every user of a shared client',
      },
    ],
  },
  {
    name: 'fastify-plugin decorates the instance with one client',
    filename: 'src/plugins/redis.ts',
    code: `import fp from 'fastify-plugin';
import Redis from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

export default fp(async (fastify) => {
  const redis = new Redis(process.env.REDIS_URL!);
  fastify.decorate('redis', redis);
  fastify.addHook('onClose', async () => {
    await redis.quit();
  });
});
`,
    expected: [],
  },
  {
    name: 'Fastify route and preHandler hook inside a route plugin',
    filename: 'src/routes/counter.ts',
    code: `import type { FastifyPluginAsync } from 'fastify';
import Redis from 'ioredis';

const counterRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.get<{ Params: { name: string } }>('/counter/:name', async (request) => {
    const redis = new Redis(process.env.REDIS_URL!);
    const value = await redis.incr(\`counter:\${request.params.name}\`);
    await redis.quit();
    return { value };
  });

  fastify.addHook('preHandler', async (request) => {
    const redis = new Redis(process.env.REDIS_URL!);
    request.log.info({ banned: await redis.sismember('banned', request.ip) });
    redis.disconnect();
  });
};

export default counterRoutes;
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request to this Fastify route handler' },
      { at: 'new Redis(', nth: 2, messageId: 'perRequestClient', context: 'every request to this Fastify `preHandler` hook' },
    ],
  },
  {
    name: 'Fastify onReady probe and a route() handler',
    filename: 'src/index.ts',
    code: `import Fastify from 'fastify';
import { createClient } from 'redis';

const app = Fastify({ logger: true });

app.addHook('onReady', async () => {
  const probe = createClient({ url: process.env.REDIS_URL });
  await probe.connect();
  app.log.info(await probe.info('server'));
  await probe.quit();
});

app.route({
  method: 'POST',
  url: '/jobs',
  handler: async (request, reply) => {
    const client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
    await client.rPush('jobs', JSON.stringify(request.body));
    await client.quit();
    return reply.code(202).send();
  },
});

await app.listen({ port: 3000 });
`,
    expected: [
      { at: 'createClient(', nth: 2, messageId: 'perRequestClient', context: 'every request to this Fastify route handler' },
    ],
  },
  {
    name: 'Koa router callback',
    filename: 'src/routes/items.js',
    code: `import Router from '@koa/router';
import Redis from 'ioredis';

const router = new Router({ prefix: '/items' });

router.get('/:id', async (ctx) => {
  const redis = new Redis({ host: process.env.REDIS_HOST, port: 6379 });
  const item = await redis.hgetall(\`item:\${ctx.params.id}\`);
  redis.quit();
  ctx.body = item;
});

export default router;
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request to this Koa route callback' },
    ],
  },
  {
    name: 'exported Koa middleware stores a client on ctx.state',
    filename: 'src/middleware/redis-state.ts',
    code: `import type { Context, Next } from 'koa';
import { createClient } from 'redis';

export async function redisMiddleware(ctx: Context, next: Next) {
  ctx.state.redis = createClient({ url: process.env.REDIS_URL });
  await ctx.state.redis.connect();
  await next();
  await ctx.state.redis.quit();
}
`,
    expected: [
      { at: 'createClient(', messageId: 'perRequestClient', context: 'every call to `redisMiddleware()`' },
    ],
  },
  {
    name: 'Hono middleware and route each build ioredis',
    filename: 'src/index.ts',
    code: `import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';

const app = new Hono();

app.use('*', async (c, next) => {
  const redis = new Redis({ host: process.env.REDIS_HOST ?? 'localhost', port: 6379 });
  c.set('redis', redis);
  await next();
  await redis.quit();
});

app.get('/redis', async (c) => {
  const redis = new Redis({ host: process.env.REDIS_HOST ?? 'localhost', port: 6379 });
  const value = (await redis.get('test')) ?? 'Hello Redis!';
  await redis.set('test', \`You last visited at \${new Date().toISOString()}\`);
  return c.text(value);
});

serve({ fetch: app.fetch, port: 3000 });
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request to this Hono middleware' },
      { at: 'new Redis(', nth: 2, messageId: 'perRequestClient', context: 'every request to this Hono route handler' },
    ],
  },
  {
    name: 'Bun.serve fetch method',
    filename: 'server.ts',
    note: 'Bun.serve is not named in DESIGN; fetch() runs per request, so the generic phrase.',
    code: `import Redis from 'ioredis';

Bun.serve({
  port: 3000,
  async fetch(req) {
    const url = new URL(req.url);
    const redis = new Redis(process.env.REDIS_URL!);
    const hits = await redis.incr(\`hits:\${url.pathname}\`);
    redis.disconnect();
    return new Response(String(hits));
  },
});
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to `fetch()`' },
    ],
  },
  {
    name: 'socket.io: a subscriber per connection',
    filename: 'src/realtime.ts',
    code: `import { Server } from 'socket.io';
import { createClient } from 'redis';

export function attachRealtime(io: Server) {
  io.on('connection', async (socket) => {
    const subscriber = createClient({ url: process.env.REDIS_URL });
    await subscriber.connect();
    await subscriber.subscribe(\`user:\${socket.data.userId}\`, (message) => {
      socket.emit('notification', JSON.parse(message));
    });
    socket.on('disconnect', () => {
      void subscriber.quit();
    });
  });
}
`,
    expected: [
      {
        at: 'createClient(',
        messageId: 'perRequestClientUnsafe',
        context: 'every socket.io connection',
        reason: 'it subscribes (`subscribe`), which needs a connection of its own',
      },
    ],
  },
  {
    name: 'socket.io legacy server (var, function callbacks, redis v3)',
    filename: 'server/index.js',
    sourceType: 'commonjs',
    code: `var app = require('express')();
var server = require('http').Server(app);
var io = require('socket.io')(server);
var redis = require('redis');

server.listen(9090);

io.on('connection', function (socket) {
  var redisClient = redis.createClient();
  redisClient.subscribe('user_registration');
  redisClient.on('message', function (channel, message) {
    socket.emit(channel, message);
  });
  socket.on('disconnect', function () {
    redisClient.quit();
  });
});
`,
    expected: [
      {
        at: 'redis.createClient(',
        messageId: 'perRequestClientUnsafe',
        context: 'every socket.io connection',
        reason: 'it subscribes (`subscribe`), which needs a connection of its own',
      },
    ],
  },
  {
    name: 'Apollo standalone server builds a client in context',
    filename: 'src/graphql/server.ts',
    code: `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import Redis from 'ioredis';
import { typeDefs } from './schema.js';

const resolvers = {
  Query: {
    trending: async (_: unknown, __: unknown, { redis }: { redis: Redis }) => redis.zrevrange('trending', 0, 9),
  },
};

const server = new ApolloServer({ typeDefs, resolvers });

const { url } = await startStandaloneServer(server, {
  context: async ({ req }) => ({
    redis: new Redis(process.env.REDIS_URL!),
    token: req.headers.authorization,
  }),
  listen: { port: 4000 },
});
console.log(url);
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request through this GraphQL `context` function' },
    ],
  },
  {
    name: 'GraphQL resolvers map in CommonJS',
    filename: 'src/resolvers.js',
    sourceType: 'commonjs',
    code: `const Redis = require('ioredis');

const resolvers = {
  Query: {
    async session(_parent, { id }) {
      const redis = new Redis(process.env.REDIS_URL);
      const data = await redis.get(\`session:\${id}\`);
      redis.disconnect();
      return data && JSON.parse(data);
    },
  },
  Mutation: {
    async logout(_parent, { id }) {
      const redis = new Redis(process.env.REDIS_URL);
      await redis.del(\`session:\${id}\`);
      redis.disconnect();
      return true;
    },
  },
};

module.exports = { resolvers };
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to this GraphQL resolver `Query.session`' },
      { at: 'new Redis(', nth: 2, messageId: 'perRequestClient', context: 'every call to this GraphQL resolver `Mutation.logout`' },
    ],
  },
  {
    name: 'tRPC query and mutation procedures',
    filename: 'src/server/routers/stats.ts',
    code: `import { z } from 'zod';
import Redis from 'ioredis';
import { router, publicProcedure } from '../trpc';

export const statsRouter = router({
  pageViews: publicProcedure.input(z.object({ path: z.string() })).query(async ({ input }) => {
    const redis = new Redis(process.env.REDIS_URL!);
    const views = await redis.get(\`views:\${input.path}\`);
    redis.disconnect();
    return Number(views ?? 0);
  }),
  track: publicProcedure.input(z.object({ path: z.string() })).mutation(async ({ input }) => {
    const redis = new Redis(process.env.REDIS_URL!);
    await redis.incr(\`views:\${input.path}\`);
    redis.disconnect();
  }),
});
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every call to this tRPC procedure' },
      { at: 'new Redis(', nth: 2, messageId: 'perRequestClient', context: 'every call to this tRPC procedure' },
    ],
  },
  {
    name: 'tRPC createContext (Fastify adapter)',
    filename: 'src/server/context.ts',
    code: `import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import Redis from 'ioredis';
import { prisma } from './prisma';

export function createContext({ req, res }: CreateFastifyContextOptions) {
  const redis = new Redis({ host: process.env.REDIS_HOST });
  return { req, res, prisma, redis };
}

export type Context = Awaited<ReturnType<typeof createContext>>;
`,
    expected: [
      { at: 'new Redis(', messageId: 'perRequestClient', context: 'every request through this tRPC `createContext`' },
    ],
  },
];
