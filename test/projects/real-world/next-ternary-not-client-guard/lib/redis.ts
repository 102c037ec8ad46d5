import Redis from 'ioredis';

let cached: Redis | undefined;

export const getRedis = (): Redis | undefined =>
  process.env.REDIS_URL && !cached ? (cached = new Redis(process.env.REDIS_URL)) : cached;
