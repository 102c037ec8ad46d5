/**
 * Two node-redis 5 routes with the same options: the views route registers its own 'error' listener before
 * connect(), so a refused first connect retries; the orders route has none, so its first connect rejects at once.
 */
export const firstConnectRoutes: Record<string, string> = {
  'package.json': `{ "name": "shop", "private": true, "type": "module", "dependencies": { "redis": "^5.8.0" } }
`,
  'routes/orders.js': `import { createClient } from 'redis';

export async function placeOrder(sku) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const queued = await client.rPush('orders', sku);
  await client.quit();
  return queued;
}
`,
  'routes/views.js': `import { createClient } from 'redis';

export async function countView(page) {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => globalThis.viewErrors?.push(err.code));
  await client.connect();
  const views = await client.incr(\`views:\${page}\`);
  await client.quit();
  return views;
}
`,
};
