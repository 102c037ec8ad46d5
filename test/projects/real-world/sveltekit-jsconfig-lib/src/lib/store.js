import { createClient } from 'redis';

export async function openStore() {
  const store = createClient({ url: process.env.LINKS_REDIS_URL });
  await store.connect();
  return store;
}
