import { NextResponse } from 'next/server';
import { getRedis } from '@/lib/redis';

export async function GET(request: Request) {
  const country = request.headers.get('x-vercel-ip-country') ?? 'unknown';
  const visits = (await getRedis()?.hincrby('countries', country, 1)) ?? 0;
  return NextResponse.json({ country, visits });
}
