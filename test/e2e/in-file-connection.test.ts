/**
 * A node-redis helper moved within its own file (it is the package's shared Redis module), run against a real
 * redis-server: the codemod's output connects on the first call, not at import; with nothing listening on the port
 * the first call rejects instead of retrying forever (a hang fails the test at its timeout; nothing here is timed);
 * and 20 concurrent first calls share one connect, so the server sees exactly one new connection.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixProject, importFrom, layOutProject, writtenFiles } from '../helpers/project-copy.js';
import { connectedClients, freePort, startRedis, totalConnectionsReceived, type RedisServer } from '../helpers/redis-server.js';

// A SvelteKit app whose src/lib/redis.js builds, connects and returns a client per call, and whose routes close it.
const project: Record<string, string> = {
  'package.json': `{ "name": "visits", "private": true, "type": "module", "devDependencies": { "@sveltejs/kit": "^2.5.0" } }
`,
  'src/lib/redis.js': `import { createClient } from 'redis';

export async function getRedisClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return client;
}
`,
  'src/routes/api/visits/+server.js': `import { getRedisClient } from '../../../lib/redis.js';

export async function GET() {
  const client = await getRedisClient();
  const visits = await client.incr('visits');
  await client.disconnect();
  return { status: 200, visits };
}
`,
};

type Route = () => Promise<{ status: number; visits: number }>;
type Helper = () => Promise<{ destroy(): void }>;

const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-in-file-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The project after `fix`, in a folder of its own so each test imports fresh modules. */
function fixedCopy(name: string): string {
  const root = path.join(scratch, name);
  layOutProject(root, project);
  const result = fixProject(root, project);
  expect({ sitesHoisted: result.sitesHoisted, errors: result.errors, written: writtenFiles(root, result) }).toEqual({
    sitesHoisted: 1,
    errors: [],
    written: ['src/lib/redis.js', 'src/routes/api/visits/+server.js'],
  });
  return root;
}

describe('a node-redis helper moved within its file, against a real redis-server', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedis();
  });

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('rejects the first call when nothing listens on the port, and the next call tries afresh and rejects too', { timeout: 30_000 }, async () => {
    const root = fixedCopy('refused');
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const { GET } = await importFrom<{ GET: Route }>(root, 'src/routes/api/visits/+server.js');
    await expect(GET()).rejects.toThrow(/ECONNREFUSED/);
    await expect(GET()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('answers 20 concurrent first calls over exactly one new connection', { timeout: 30_000 }, async () => {
    const root = fixedCopy('concurrent');
    process.env.REDIS_URL = server.url;
    const { GET } = await importFrom<{ GET: Route }>(root, 'src/routes/api/visits/+server.js');
    const { getRedisClient } = await importFrom<{ getRedisClient: Helper }>(root, 'src/lib/redis.js');
    // Importing opens nothing: the client is built on the first call.
    const before = await server.info();
    const answers = await Promise.all(Array.from({ length: 20 }, () => GET()));
    const after = await server.info();
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(answers.map((answer) => answer.visits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(totalConnectionsReceived(after) - totalConnectionsReceived(before)).toBe(1);
    expect(connectedClients(after) - connectedClients(before)).toBe(1);
    (await getRedisClient()).destroy();
  });
});
