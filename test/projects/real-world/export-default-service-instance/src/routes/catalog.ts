import { Router } from 'express';
import cache from '../services/cache.service';

export const catalog = Router();

catalog.get('/categories', async (_req, res) => {
  res.json(await cache.remember('categories', 300, async () => ['books', 'games']));
});
