/**
 * The proof against a real redis-server: each fixture's handlers, driven with hundreds of
 * concurrent calls, open a connection per call before the codemod and share one after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopy } from '../helpers/fixture-tree.js';
import { driveLoad, formatRunLine } from '../helpers/load.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { fixProject } from './codemod.js';

const CALLS = 300;
const CONCURRENCY = 100;
const MAX_CLIENTS = 64;
// One connection per shared client, never one per call: a second is allowed for a reconnect, or for lambda-node-redis's
// second client (its orders handler fails fast where the views handler's 'error' listener retries).
const MAX_NEW_CONNECTIONS_AFTER_FIX = 2;
const RUN_TIMEOUT_MS = 120_000;

let server: RedisServer;

beforeAll(async () => {
  server = await startRedis({ maxclients: MAX_CLIENTS });
});

afterAll(async () => {
  await server?.stop();
});

async function withFixtureCopy<T>(scenario: string, work: (projectDir: string) => Promise<T>): Promise<T> {
  const projectDir = await copyFixture(scenario, 'input');
  try {
    return await work(projectDir);
  } finally {
    await removeFixtureCopy(projectDir);
  }
}

describe.each(['next-pages-api', 'next-app-router', 'lambda-node-redis', 'express'])('%s against a real redis-server', (scenario) => {
  const env = () => ({ REDIS_URL: server.url, NODE_ENV: 'production' });

  it('before the codemod: connections grow with calls until the server refuses them', { timeout: RUN_TIMEOUT_MS }, async () => {
    const run = await withFixtureCopy(scenario, (projectDir) =>
      driveLoad({ scenario, projectDir, label: 'input', calls: CALLS, concurrency: CONCURRENCY, target: server, env: env() }),
    );
    console.log(formatRunLine(run));
    const connectionPerCall = run.newConnections >= CONCURRENCY;
    const refused = run.errors + run.uncaught > 0;
    expect(connectionPerCall || refused, formatRunLine(run)).toBe(true);
  });

  it('after the codemod: no errors and at most two connections for all calls', { timeout: RUN_TIMEOUT_MS }, async () => {
    const run = await withFixtureCopy(scenario, async (projectDir) => {
      const fix = await fixProject(projectDir);
      expect(fix.exitCode, fix.stderr).toBe(0);
      expect(fix.summary.sitesHoisted).toBeGreaterThan(0);
      return driveLoad({ scenario, projectDir, label: 'fixed', calls: CALLS, concurrency: CONCURRENCY, target: server, env: env() });
    });
    console.log(formatRunLine(run));
    expect(run.errors, formatRunLine(run)).toBe(0);
    expect(run.uncaught, formatRunLine(run)).toBe(0);
    expect(run.newConnections, formatRunLine(run)).toBeGreaterThanOrEqual(1);
    expect(run.newConnections, formatRunLine(run)).toBeLessThanOrEqual(MAX_NEW_CONNECTIONS_AFTER_FIX);
    expect(run.peakConnectedClients - run.baselineConnectedClients, formatRunLine(run)).toBeLessThanOrEqual(
      MAX_NEW_CONNECTIONS_AFTER_FIX,
    );
  });
});
