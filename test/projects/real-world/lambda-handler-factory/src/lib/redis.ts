import Redis from 'ioredis';

export function redisClient(): Redis {
  return new Redis({ host: process.env.REDIS_HOST, port: 6379, connectTimeout: 2000 });
}
