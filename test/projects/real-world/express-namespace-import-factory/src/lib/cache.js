import { createClient } from 'redis';

export const TTL_SECONDS = 600;

export async function connect() {
  const client = createClient({ url: process.env.REDIS_URL, database: 2 });
  await client.connect();
  return client;
}
