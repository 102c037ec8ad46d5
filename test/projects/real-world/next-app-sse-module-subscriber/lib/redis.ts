import { createClient } from 'redis';

const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (error) => console.error('redis', error));
if (!redis.isOpen) void redis.connect();

export default redis;
