import { createClient } from 'redis';

export function openRedis() {
  return createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();
}
