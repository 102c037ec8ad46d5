/**
 * A package's existing lib/redis.ts whose factory connects a node-redis client on every call, and a route that calls
 * it and closes what it gets: the codemod rewrites the factory in place into a connect-once getter.
 */
export const reusedFactoryFiles: Record<string, string> = {
  'lib/redis.ts': `import { createClient } from 'redis';

export async function getRedisClient() {
  const client = await createClient({ url: process.env.REDIS_URL })
    .on('error', (err) => console.error('Redis error', err))
    .connect();
  return client;
}
`,
  'app/api/views/route.ts': `import { getRedisClient } from '../../../lib/redis';

export async function POST() {
  const redis = await getRedisClient();
  const views = await redis.incr('views');
  redis.destroy();
  return new Response(String(views));
}
`,
};

/** A JavaScript pages/api route that builds, connects and quits a node-redis client on every request. */
export const perRequestPagesRoute = `import { createClient } from 'redis';

const options = { url: process.env.REDIS_URL };

export default async function handler(req, res) {
  const client = createClient(options);
  await client.connect();
  res.json({ page: await client.get(\`page:\${req.query.name}\`) });
  await client.quit();
}
`;
