import type { FastifyInstance } from 'fastify';
import { redis } from './client.js';

export async function tagRoutes(app: FastifyInstance) {
  app.get<{ Params: { tag: string } }>('/tags/:tag', async (request) => ({
    members: await redis.smembers(request.params.tag),
  }));
}
