import Redis from 'ioredis';

export function createRedisClient(): Redis {
  return new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false });
}

let shared: Redis | null = null;

export function getRedis(): Redis {
  if (shared === null) shared = createRedisClient();
  return shared;
}
