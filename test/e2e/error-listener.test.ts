/**
 * A node-redis route that registered its own 'error' listener before connect(), after `fix`, against a real
 * redis-server: the shared client keeps that listener where it was, so while nothing listens on the port the code's
 * handler hears the refusals and the first call waits for the server instead of rejecting, as the original did.
 * Nothing here is timed: a call that never connects fails the test at its timeout.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCodemod } from '../../codemods/project.js';
import { repoRoot } from '../helpers/fixture-tree.js';
import { freePort, startRedis, type RedisServer } from '../helpers/redis-server.js';

const project: Record<string, string> = {
  'package.json': `{ "name": "visits", "private": true, "type": "module", "dependencies": { "redis": "^5.8.0" } }
`,
  'routes/visits.js': `import { createClient } from 'redis';

export async function visit() {
  const client = await createClient({ url: process.env.REDIS_URL }).on('error', (err) => globalThis.visitErrors.push(err.code)).connect();
  const visits = await client.incr('visits');
  await client.quit();
  return visits;
}
`,
};

const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-listener-')));
let server: RedisServer | undefined;
afterAll(async () => {
  await server?.stop().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

function fixedCopy(): string {
  for (const [file, text] of Object.entries(project)) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), text);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  const result = runCodemod({
    root: scratch,
    files: [{ path: path.join(scratch, 'routes/visits.js'), source: project['routes/visits.js'] }],
    readFile: (absolute) => (existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined),
  });
  expect({ sitesHoisted: result.sitesHoisted, errors: result.errors }).toEqual({ sitesHoisted: 1, errors: [] });
  for (const [file, text] of result.writes) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return scratch;
}

describe("a node-redis 'error' listener registered before connect(), moved into the shared module", () => {
  it("hears the refused connects through the code's own handler, and the first call connects once the server is up", { timeout: 60_000 }, async () => {
    const root = fixedCopy();
    const errors: string[] = [];
    (globalThis as { visitErrors?: string[] }).visitErrors = errors;
    const port = await freePort();
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    const { visit } = (await import(pathToFileURL(path.join(root, 'routes/visits.js')).href)) as { visit: () => Promise<number> };
    const { getRedis } = (await import(pathToFileURL(path.join(root, 'lib/redis.js')).href)) as { getRedis: () => Promise<{ destroy(): void }> };

    const first = visit();
    let settled = false;
    void first.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Wait (bounded by the test's timeout) until the code's own listener has heard a refusal.
    while (errors.length === 0) await sleep(20);
    expect(errors[0]).toBe('ECONNREFUSED');
    expect(settled).toBe(false);

    server = await startRedis({ port });
    await expect(first).resolves.toBe(1);
    await expect(visit()).resolves.toBe(2);
    (await getRedis()).destroy();
  });
});
