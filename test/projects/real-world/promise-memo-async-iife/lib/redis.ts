import { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

let pending: Promise<Client> | undefined;

export function redisReady(): Promise<Client> {
  if (!pending) {
    pending = (async () => {
      const client = createClient({ url: process.env.REDIS_URL });
      client.on('error', (error) => console.error('redis', error));
      await client.connect();
      return client;
    })();
  }
  return pending;
}
