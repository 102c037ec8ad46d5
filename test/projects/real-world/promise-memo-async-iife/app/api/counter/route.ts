import { NextResponse } from 'next/server';
import { redisReady } from '@/lib/redis';

export async function POST() {
  const redis = await redisReady();
  return NextResponse.json({ value: await redis.incr('counter') });
}
