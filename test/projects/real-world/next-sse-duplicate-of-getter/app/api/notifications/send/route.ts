import { getRedis } from '@/lib/redis';

export async function POST(request: Request) {
  const { userId, text } = (await request.json()) as { userId: string; text: string };
  const redis = await getRedis();
  await redis.publish(`notify:${userId}`, text);
  return new Response(null, { status: 204 });
}
