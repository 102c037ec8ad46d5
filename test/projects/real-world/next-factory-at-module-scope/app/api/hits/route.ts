import { NextResponse } from 'next/server';
import { redis } from '@/lib/cache';

export async function POST(request: Request) {
  const { path } = (await request.json()) as { path: string };
  const hits = await redis.hincrby('hits', path, 1);
  return NextResponse.json({ hits });
}
