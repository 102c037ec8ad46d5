import { createRedis } from '@acme/redis';
import { Router } from 'express';

export const orders = Router();

orders.get('/:id/status', async (req, res) => {
  const redis = createRedis('api');
  const status = await redis.hget(`order:${req.params.id}`, 'status');
  await redis.quit();
  res.json({ status });
});
