import express from 'express';
import { createRedisConnection } from './redis';

async function startServer() {
  const redis = await createRedisConnection();
  const app = express();
  app.get('/orders/:id', async (req, res) => {
    res.json(JSON.parse((await redis.get(`order:${req.params.id}`)) ?? 'null'));
  });
  app.listen(Number(process.env.PORT ?? 8080));
}

startServer().catch((error) => {
  console.error('failed to start', error);
  process.exit(1);
});
