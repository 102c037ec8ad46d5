import { createClient } from 'redis';

export async function useRedisConnection() {
  const client = createClient({ url: process.env.NUXT_REDIS_URL });
  client.on('error', (error) => console.error('[redis]', error));
  await client.connect();
  return client;
}
