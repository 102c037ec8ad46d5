import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', (error) => console.error('Redis error', error));

export async function tokenBalance(key: string) {
  try {
    await client.connect();
    return Number(await client.get(key));
  } finally {
    await client.disconnect();
  }
}
