import Fastify from 'fastify';
import redisPlugin from './plugins/redis';

const app = Fastify();
app.register(redisPlugin);
app.get<{ Params: { id: string } }>('/profiles/:id', async (request) => app.cache.hgetall(request.params.id));
app.listen({ port: 3000 });
