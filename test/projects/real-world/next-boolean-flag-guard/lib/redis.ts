import { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

let client: Client;
let initialized = false;

export async function getClient(): Promise<Client> {
  if (initialized) return client;
  client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.error('Redis Client Error', err));
  await client.connect();
  initialized = true;
  return client;
}
