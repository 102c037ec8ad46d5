import { createClient } from 'redis';

let client: ReturnType<typeof createClient> | undefined;

export async function getRedis() {
  if (client?.isOpen) return client;
  client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return client;
}
