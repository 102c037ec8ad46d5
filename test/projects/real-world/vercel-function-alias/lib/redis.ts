import { createClient } from 'redis';

export default async function getRedis() {
  return createClient({ url: process.env.KV_URL }).on('error', console.error).connect();
}
