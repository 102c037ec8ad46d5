import Redis from 'ioredis';

export const DEFAULT_TTL = 60;

export async function openCache(): Promise<Redis> {
  const cache = new Redis(process.env.CACHE_URL!, { lazyConnect: true, keyPrefix: 'pages:' });
  await cache.connect();
  return cache;
}
