export { newRedisConnection } from './factory';
export type { Redis } from 'ioredis';
