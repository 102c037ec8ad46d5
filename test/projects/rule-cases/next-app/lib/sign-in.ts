'use server';

import { createClient } from 'redis';

/** A server action that opens its own connection on every call (reported where it is defined). */
export async function signIn(name: string) {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  const attempts = await client.incr(`sign-in:${name}`);
  await client.quit();
  return attempts;
}
