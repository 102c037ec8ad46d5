import type { NextApiRequest, NextApiResponse } from 'next';
import TenantCache from '../../lib/tenant-cache';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const cache = new TenantCache(String(req.headers['x-tenant']));
  const settings = await cache.client.hgetall('settings');
  cache.client.disconnect();
  res.json(settings);
}
