import type { Response } from 'express';
import redis from 'redis';

export async function pageViews(_: unknown, res: Response) {
  const client = redis.createClient({ host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT) });
  client.incr('page-views', (_error, views) => res.send({ views }));
}
