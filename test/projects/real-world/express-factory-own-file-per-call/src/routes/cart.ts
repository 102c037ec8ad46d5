import { Router } from 'express';
import { createRedis } from '../redis';

export const cartRouter = Router();

cartRouter.post('/cart/:id/items', async (req, res) => {
  const redis = createRedis();
  await redis.rpush(`cart:${req.params.id}`, JSON.stringify(req.body));
  redis.disconnect();
  res.sendStatus(201);
});
