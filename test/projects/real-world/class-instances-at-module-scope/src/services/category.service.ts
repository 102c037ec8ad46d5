import RedisCache from './redis.cache';

const redisCache: RedisCache = new RedisCache();

export async function forgetCategories(): Promise<void> {
  await redisCache.client.del('categories');
}
