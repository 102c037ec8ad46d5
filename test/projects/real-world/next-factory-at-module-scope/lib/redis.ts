import Redis from 'ioredis';

export function createRedis(): Redis {
  return new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 3 });
}
