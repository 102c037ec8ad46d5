import { createCache } from '@shop/cache';

export const cache = createCache(process.env.CACHE_URL ?? 'redis://127.0.0.1:6379');
export const ready = cache.connect();
