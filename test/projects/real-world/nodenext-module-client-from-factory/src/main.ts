import Fastify from 'fastify';
import { tagRoutes } from './routes.js';

const app = Fastify();
await app.register(tagRoutes);
await app.listen({ port: 3000 });
