import type { Response } from 'express';
import { getRedisClient } from '../redisClient';

export default async function (_: unknown, res: Response) {
  const client = getRedisClient();
  client.incr('visits', (_error, visits) => res.send({ visits }));
}
