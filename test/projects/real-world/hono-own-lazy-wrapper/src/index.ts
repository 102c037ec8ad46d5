import { Hono } from 'hono';
import { getRedis } from './redis';

const app = new Hono();

app.get('/session/:id', async (c) => {
  const redis = await getRedis();
  const session = await redis.hGetAll(`session:${c.req.param('id')}`);
  return c.json(session);
});

export default app;
