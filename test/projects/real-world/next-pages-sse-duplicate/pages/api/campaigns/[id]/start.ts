import type { NextApiRequest, NextApiResponse } from 'next';
import { redis } from '../../../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await redis.publish(`campaign:${req.query.id}`, JSON.stringify({ status: 'started' }));
  res.status(202).json({ ok: true });
}
