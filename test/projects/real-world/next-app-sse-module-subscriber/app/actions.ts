'use server';

import redis from '@/lib/redis';

export async function reportProgress(jobId: string, percent: number) {
  await redis.publish(`jobs:${jobId}`, JSON.stringify({ percent }));
}
