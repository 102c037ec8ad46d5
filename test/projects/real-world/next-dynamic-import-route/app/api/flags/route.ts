import { NextResponse } from 'next/server';

export async function GET() {
  const { createClient } = await import('redis');
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  const flags = await client.hGetAll('feature-flags');
  await client.quit();
  return NextResponse.json(flags);
}
