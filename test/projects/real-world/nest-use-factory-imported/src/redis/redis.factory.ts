import type { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export function createRedisClient(config: ConfigService): Redis {
  return new Redis(config.getOrThrow<string>('REDIS_URL'), { lazyConnect: false });
}
