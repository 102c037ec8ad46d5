import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type Redis from 'ioredis';
import { createCacheClient } from '../redis-factory';

declare module 'fastify' {
  interface FastifyInstance {
    cache: Redis;
  }
}

export default fp(async (app: FastifyInstance) => {
  const cache = createCacheClient();
  app.decorate('cache', cache);
  app.addHook('onClose', async () => {
    await cache.quit();
  });
});
