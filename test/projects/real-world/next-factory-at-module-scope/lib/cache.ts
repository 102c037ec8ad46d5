import { createRedis } from './redis';

export const redis = createRedis();
