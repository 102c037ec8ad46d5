import Redis from 'ioredis';

export function createCacheClient(): Redis {
  return new Redis(process.env.REDIS_URL!, { keyPrefix: 'profiles:' });
}
