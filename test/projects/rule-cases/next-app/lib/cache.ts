import Redis from 'ioredis';

/** A client for the page cache; each call opens its own connection. */
export async function openCache(): Promise<Redis> {
  return new Redis(process.env.CACHE_URL ?? 'redis://127.0.0.1:6379');
}
