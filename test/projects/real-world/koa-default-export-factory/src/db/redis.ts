import { createClient } from 'redis';

export default async function connect() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return client;
}
