import { Redis } from 'ioredis';

export function openRedis(url: string): Redis {
  return new Redis(url);
}
