import { createClient } from 'redis';

export function createCache(url: string) {
  const client = createClient({ url });
  client.on('error', (error) => console.error('cache', error));
  return client;
}
