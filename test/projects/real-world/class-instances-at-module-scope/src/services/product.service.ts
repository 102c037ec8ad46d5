import RedisCache from './redis.cache';

const redisCache = new RedisCache();

export async function cachedProducts(): Promise<string | null> {
  return redisCache.client.get('products');
}
