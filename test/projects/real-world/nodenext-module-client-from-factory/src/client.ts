import { buildRedis } from './redis.js';

export const redis = buildRedis();
