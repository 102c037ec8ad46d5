import Redis from 'ioredis';
import { singleton } from '~/utils/singleton.server';

export const redis = singleton('redis', () => new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
