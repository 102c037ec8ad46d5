export default defineEventHandler(async (event) => {
  return { pong: await event.context.redis.ping() };
});
