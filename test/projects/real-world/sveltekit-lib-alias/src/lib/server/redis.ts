import Redis from 'ioredis';
import { env } from '$env/dynamic/private';

export function leaderboardClient() {
  return new Redis(env.REDIS_URL);
}
