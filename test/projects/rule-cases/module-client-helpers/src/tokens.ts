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

// Returns its own argument: reading what it returns must not take the parameter for a function.
export async function rememberToken(key: string, token: string) {
  await client.connect();
  await client.set(key, token);
  await client.disconnect();
  return token;
}
