import type { NextApiRequest, NextApiResponse } from 'next';
import { redis } from '../../../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const listener = redis.duplicate();
  await listener.connect();
  await listener.subscribe(`campaign:${req.query.id}`, (message) => {
    res.write(`data: ${message}\n\n`);
  });
  req.on('close', () => {
    void listener.quit();
  });
}
