import { useRedisConnection } from '~/server/utils/redis';

export default defineEventHandler(async () => {
  const redis = await useRedisConnection();
  const visits = await redis.incr('visits');
  await redis.quit();
  return { visits };
});
