import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/redis';

export default async function handler(_req: NextApiRequest, res: NextApiResponse) {
  const redis = await getClient();
  res.json(await redis.hGetAll('flags'));
}
