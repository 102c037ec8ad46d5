import express from 'express';
import { clientFor } from './redis/pool';
import { tenantOf } from './tenants';

const app = express();

app.get('/quota', async (req, res) => {
  const tenant = tenantOf(req.hostname);
  if (!tenant) return res.sendStatus(404);
  const redis = clientFor(tenant.redisUrl);
  res.json({ used: Number(await redis.get(`quota:${tenant.id}`)) });
});

app.listen(3000);
