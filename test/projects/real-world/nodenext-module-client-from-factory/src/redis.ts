import { Redis } from 'ioredis';

export function buildRedis(url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Redis {
  return new Redis(url, { keyPrefix: 'tags:' });
}
