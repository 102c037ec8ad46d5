import Redis from 'ioredis';

export function createRedis(prefix: string) {
  return new Redis(process.env.REDIS_URL!, { keyPrefix: prefix });
}
