import { json } from '@sveltejs/kit';
import { leaderboardClient } from '$lib/server/redis';

export async function GET() {
  const redis = leaderboardClient();
  const top = await redis.zrevrange('leaderboard', 0, 9, 'WITHSCORES');
  redis.disconnect();
  return json(top);
}
