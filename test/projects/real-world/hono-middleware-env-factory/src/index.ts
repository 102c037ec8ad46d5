import { Hono } from 'hono';
import type Redis from 'ioredis';
import { makeRedis } from './redis';

type Env = { Bindings: { REDIS_URL: string }; Variables: { redis: Redis } };

const app = new Hono<Env>();

app.use('*', async (c, next) => {
  c.set('redis', makeRedis(c.env.REDIS_URL));
  await next();
  c.get('redis').disconnect();
});

app.get('/count', async (c) => c.json({ count: await c.get('redis').incr('count') }));

export default app;
