import Redis from 'ioredis';

export function newRedisConnection() {
  return new Redis(process.env.REDIS_URL!, { lazyConnect: true });
}
