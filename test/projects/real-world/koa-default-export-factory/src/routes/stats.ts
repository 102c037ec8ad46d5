import Router from '@koa/router';
import connect from '../db/redis';

export const stats = new Router();

stats.get('/stats', async (ctx) => {
  const redis = await connect();
  ctx.body = { visitors: await redis.pfCount('visitors') };
  await redis.quit();
});
