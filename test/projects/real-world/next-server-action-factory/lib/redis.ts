import Redis from 'ioredis';

export const connectRedis = () => new Redis(process.env.REDIS_URL!);
