import { createClient } from 'redis';

export async function connectRedis() {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (error) => console.error('redis', error));
  await client.connect();
  return client;
}
