import { useRedisConnection } from '~/server/utils/redis';

export default defineEventHandler(async (event) => {
  const redis = await useRedisConnection();
  const pong = await redis.ping();
  await redis.disconnect();
  setResponseStatus(event, pong === 'PONG' ? 200 : 503);
  return pong;
});
