import Redis from 'ioredis';

const pool = new Map<string, Redis>();

export function clientFor(url: string): Redis {
  if (pool.has(url)) return pool.get(url)!;
  const client = new Redis(url, { lazyConnect: false });
  pool.set(url, client);
  return client;
}
