import { createClient } from 'redis';

export async function addLike(postId: string): Promise<number> {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    return await client.incr(`likes:${postId}`);
  } finally {
    await client.quit();
  }
}
