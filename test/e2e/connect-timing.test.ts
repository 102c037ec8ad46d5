/**
 * A node-redis handler that checks its request before it connects, run before and after the codemod against a real
 * redis-server and against a port where nothing listens: the shared client must connect no earlier than the
 * original did, so a rejected request still gets its 400 while Redis is down, and valid requests share one
 * connection while it is up.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixProject, importFrom, layOutProject, writtenFiles } from '../helpers/project-copy.js';
import { connectedClients, freePort, startRedis, totalConnectionsReceived, type RedisServer } from '../helpers/redis-server.js';

// A Lambda that validates the body, then connects: with Redis down, a bad request is answered without connecting.
const project: Record<string, string> = {
  'package.json': `{ "name": "otp", "private": true, "type": "module" }
`,
  'handler.js': `import { createClient } from 'redis';

export const handler = async (event) => {
  const client = createClient({ url: process.env.REDIS_URL });
  const body = JSON.parse(event.body ?? '{}');
  if (!body.otp) return { statusCode: 400 };
  await client.connect();
  const count = await client.incr(\`otp:\${body.otp}\`);
  await client.quit();
  return { statusCode: 200, count };
};
`,
};

type Handler = (event: { body?: string }) => Promise<{ statusCode: number; count?: number }>;
type Getter = () => Promise<{ destroy(): void }>;

const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-connect-timing-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The project as written, or after `fix`, in a folder of its own so each test imports fresh modules. */
function copy(name: string, fixed: boolean): string {
  const root = path.join(scratch, name);
  layOutProject(root, project);
  if (!fixed) return root;
  const result = fixProject(root, project);
  expect({ sitesHoisted: result.sitesHoisted, errors: result.errors, written: writtenFiles(root, result) }).toEqual({
    sitesHoisted: 1,
    errors: [],
    written: ['handler.js', 'lib/redis.js'],
  });
  return root;
}

describe('a handler that checks its request before connecting, against a real redis-server', () => {
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedis();
  });

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
  });

  it('before the fix, with nothing listening, answers a bad request 400', { timeout: 30_000 }, async () => {
    const root = copy('refused-before', false);
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const { handler } = await importFrom<{ handler: Handler }>(root, 'handler.js');
    await expect(handler({ body: '{}' })).resolves.toEqual({ statusCode: 400 });
  });

  it('after the fix, with nothing listening, still answers a bad request 400, and a valid one rejects at once', { timeout: 30_000 }, async () => {
    const root = copy('refused-after', true);
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const { handler } = await importFrom<{ handler: Handler }>(root, 'handler.js');
    await expect(handler({ body: '{}' })).resolves.toEqual({ statusCode: 400 });
    await expect(handler({ body: '{"otp":"1234"}' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('after the fix, answers 20 concurrent valid requests over exactly one new connection', { timeout: 30_000 }, async () => {
    const root = copy('concurrent', true);
    process.env.REDIS_URL = server.url;
    const { handler } = await importFrom<{ handler: Handler }>(root, 'handler.js');
    const { getRedis } = await importFrom<{ getRedis: Getter }>(root, 'lib/redis.js');
    const before = await server.info();
    const answers = await Promise.all(Array.from({ length: 20 }, () => handler({ body: '{"otp":"1234"}' })));
    const after = await server.info();
    expect(answers.map((answer) => answer.count).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(totalConnectionsReceived(after) - totalConnectionsReceived(before)).toBe(1);
    expect(connectedClients(after) - connectedClients(before)).toBe(1);
    (await getRedis()).destroy();
  });
});
