import type { NextApiRequest, NextApiResponse } from 'next';
import { createClient } from '../../lib/fake-redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = createClient();
  const other = client.duplicate();
  await client.set('q', String(req.query.q ?? ''));
  res.json({ q: await client.get('q'), copy: await other.get('q') });
}
