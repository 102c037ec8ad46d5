import Redis from 'ioredis';

export async function connectSessionStore() {
  const store = new Redis(process.env.SESSION_REDIS_URL, { lazyConnect: true });
  await store.connect();
  return store;
}
