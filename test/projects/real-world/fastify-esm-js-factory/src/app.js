import Fastify from 'fastify';
import { connectSessionStore } from './redis.js';

const app = Fastify({ logger: true });

app.get('/session/:id', async (request, reply) => {
  const store = await connectSessionStore();
  const session = await store.hgetall(`session:${request.params.id}`);
  await store.quit();
  if (Object.keys(session).length === 0) return reply.code(404).send();
  return session;
});

await app.listen({ port: 3000 });
