import { Hono } from 'hono';
import { cache, ready } from './cache';

const app = new Hono();

app.get('/cart/:id', async (c) => {
  await ready;
  return c.json(await cache.hGetAll(`cart:${c.req.param('id')}`));
});

export default app;
