import { createClient } from 'redis';

export async function connectRedis() {
  return createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();
}

export const holder: { client?: Awaited<ReturnType<typeof connectRedis>> } = {};
