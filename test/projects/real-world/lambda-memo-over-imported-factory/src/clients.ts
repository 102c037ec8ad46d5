import type Redis from 'ioredis';
import { createRedisClient } from './factory';

let cached: Redis | undefined;

export function getRedis(): Redis {
  if (!cached) cached = createRedisClient();
  return cached;
}
