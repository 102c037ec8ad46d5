import { createClient } from 'redis';

export const pubClient = createClient({ url: process.env.REDIS_URL });
