import { Router } from 'express';
import Redis from 'ioredis';

export function createRedis(): Redis {
  return new Redis(process.env.REDIS_URL!);
}

export const healthRouter = Router();

healthRouter.get('/health/redis', async (_req, res) => {
  const probe = createRedis();
  const pong = await probe.ping();
  probe.disconnect();
  res.json({ redis: pong });
});
