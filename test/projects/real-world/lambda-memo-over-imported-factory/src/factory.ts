import Redis from 'ioredis';

export function createRedisClient(): Redis {
  return new Redis(process.env.REDIS_URL!, { connectTimeout: 1000, maxRetriesPerRequest: 2 });
}
