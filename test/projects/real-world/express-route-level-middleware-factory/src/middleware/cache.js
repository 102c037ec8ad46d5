import { createClient } from 'redis';

export function cacheFor(seconds) {
  const client = createClient({ url: process.env.REDIS_URL });
  const ready = client.connect();
  return async (req, res, next) => {
    await ready;
    const hit = await client.get(req.originalUrl);
    if (hit) return res.type('json').send(hit);
    const send = res.json.bind(res);
    res.json = (body) => {
      void client.set(req.originalUrl, JSON.stringify(body), { EX: seconds });
      return send(body);
    };
    next();
  };
}
