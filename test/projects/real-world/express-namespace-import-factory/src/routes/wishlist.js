import { Router } from 'express';
import * as cache from '../lib/cache.js';

export const wishlist = Router();

wishlist.put('/:user/:item', async (req, res) => {
  const client = await cache.connect();
  await client.sAdd(`wishlist:${req.params.user}`, req.params.item);
  await client.expire(`wishlist:${req.params.user}`, cache.TTL_SECONDS);
  await client.disconnect();
  res.sendStatus(204);
});
