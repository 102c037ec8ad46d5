'use server';

import { revalidatePath } from 'next/cache';
import { connectRedis } from '@/lib/redis';

export async function publishPost(formData: FormData) {
  const redis = connectRedis();
  await redis.lpush('posts', String(formData.get('title')));
  await redis.quit();
  revalidatePath('/posts');
}
