import { createClient } from 'redis';
import { lazy } from './util/lazy';

export const getRedis = lazy(() => createClient({ url: process.env.REDIS_URL }).connect());
