import { createRedis } from './redis';

export function userCache() {
  return createRedis('users:');
}

export const USER_TTL_SECONDS = 300;
