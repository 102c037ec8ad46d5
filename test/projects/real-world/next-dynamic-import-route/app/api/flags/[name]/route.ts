import { NextResponse } from 'next/server';

export async function PUT(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL!);
  await redis.hset('feature-flags', name, await request.text());
  redis.disconnect();
  return new NextResponse(null, { status: 204 });
}
