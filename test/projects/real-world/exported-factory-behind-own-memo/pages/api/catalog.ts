import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function catalog(_req: NextApiRequest, res: NextApiResponse) {
  res.json(await getRedis().lrange('catalog', 0, -1));
}
