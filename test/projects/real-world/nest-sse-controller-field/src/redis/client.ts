import Redis from 'ioredis';

export const sharedRedis = new Redis({ host: process.env.REDIS_HOST, port: Number(process.env.REDIS_PORT ?? 6379) });
