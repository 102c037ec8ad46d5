import type { VercelRequest, VercelResponse } from '@vercel/node';
import getRedis from '@/lib/redis';

export default async function track(req: VercelRequest, res: VercelResponse) {
  const redis = await getRedis();
  await redis.xAdd('events', '*', { path: String(req.query.path ?? '/') });
  await redis.quit();
  res.status(204).end();
}
