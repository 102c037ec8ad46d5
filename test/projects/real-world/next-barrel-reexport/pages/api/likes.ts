import type { NextApiRequest, NextApiResponse } from 'next';
import { newRedisConnection } from '@/lib/redis';

export default async function likes(req: NextApiRequest, res: NextApiResponse) {
  const redis = newRedisConnection();
  await redis.connect();
  const total = req.method === 'POST' ? await redis.incr('likes') : Number(await redis.get('likes'));
  await redis.quit();
  res.json({ total });
}
