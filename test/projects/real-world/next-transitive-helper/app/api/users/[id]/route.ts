import { NextResponse } from 'next/server';
import { USER_TTL_SECONDS, userCache } from '@/lib/users';

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const cache = userCache();
  const user = await cache.get(id);
  await cache.expire(id, USER_TTL_SECONDS);
  cache.disconnect();
  return NextResponse.json(user ? JSON.parse(user) : null);
}
