import express from 'express';
import { redis } from '../redis.js';

export const jobs = express.Router();

jobs.post('/', async (req, res) => {
  await redis.lPush('jobs', JSON.stringify(req.body));
  res.sendStatus(202);
});

jobs.get('/next', async (_req, res) => {
  const waiter = redis.duplicate();
  await waiter.connect();
  const job = await waiter.blPop('jobs', 25);
  await waiter.quit();
  res.json(job ? JSON.parse(job.element) : null);
});
