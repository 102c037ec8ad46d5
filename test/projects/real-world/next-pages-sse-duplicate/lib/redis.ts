import { createClient } from 'redis';

export const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (err) => console.error('Redis Client Error', err));
redis.connect().catch((err) => console.error('Redis connect failed', err));
