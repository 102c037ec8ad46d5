import { createClient } from 'redis';

export async function connectRedis() {
  const client = createClient({ url: process.env.NITRO_REDIS_URL });
  await client.connect();
  return client;
}
