/**
 * Two node-redis routes with the same options, one registering its own 'error' listener before connect() and one
 * with none, before and after `fix`, against a port where nothing listens and then a real redis-server there: the
 * route without a listener still rejects its first call, while the other, whose listener makes node-redis retry,
 * is still waiting for the server; once it is up both answer, each over one connection. Nothing here is timed: a
 * call that never settles fails the test at its timeout.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { firstConnectRoutes } from '../helpers/first-connect-project.js';
import { fixProject, importFrom, layOutProject, writtenFiles } from '../helpers/project-copy.js';
import { freePort, startRedis, type RedisServer } from '../helpers/redis-server.js';

const project = firstConnectRoutes;

type Route<Input> = (input: Input) => Promise<number>;
type Getter = () => Promise<{ destroy(): void }>;

const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-first-connect-')));
const servers: RedisServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

/** The project as written, or after `fix`, in a folder of its own so each side imports fresh modules. */
function copy(side: 'input' | 'fixed'): string {
  const root = path.join(scratch, side);
  layOutProject(root, project);
  if (side === 'input') return root;
  const result = fixProject(root, project);
  expect({ sitesHoisted: result.sitesHoisted, skipped: result.sitesSkipped, errors: result.errors, written: writtenFiles(root, result) }).toEqual({
    sitesHoisted: 2,
    skipped: [],
    errors: [],
    written: ['lib/redis.js', 'routes/orders.js', 'routes/views.js'],
  });
  return root;
}

/** Whether a promise has settled, read without waiting for it. */
function settlement(promise: Promise<unknown>): () => boolean {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

describe.each(['input', 'fixed'] as const)("node-redis routes with and without an 'error' listener before connect() (%s)", (side) => {
  it('the route without a listener rejects while Redis is down, the other waits for it; once up, both answer over one connection each', { timeout: 60_000 }, async () => {
    const root = copy(side);
    const viewErrors: string[] = [];
    (globalThis as { viewErrors?: string[] }).viewErrors = viewErrors;
    const port = await freePort();
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    const { countView } = await importFrom<{ countView: Route<string> }>(root, 'routes/views.js');
    const { placeOrder } = await importFrom<{ placeOrder: Route<string> }>(root, 'routes/orders.js');

    const view = countView('home');
    const viewSettled = settlement(view);
    // Wait (bounded by the test's timeout) until the views route's own listener has heard a refusal.
    while (viewErrors.length === 0) await sleep(20);
    await expect(placeOrder('kettle')).rejects.toThrow(/ECONNREFUSED/);
    expect(viewSettled()).toBe(false);
    expect(viewErrors[0]).toBe('ECONNREFUSED');

    const server = await startRedis({ port });
    servers.push(server);
    await expect(view).resolves.toBe(1);
    const before = await server.connectionStats();
    const views = await Promise.all(Array.from({ length: 20 }, () => countView('home')));
    const orders = await Promise.all(Array.from({ length: 20 }, () => placeOrder('kettle')));
    expect(views.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));
    expect(orders.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const after = await server.connectionStats();
    const opened = after.totalConnectionsReceived - before.totalConnectionsReceived;
    if (side === 'input') {
      expect(opened).toBe(40);
      return;
    }
    // The views client was already connected; the orders client connects once. Open now: both, and the INFO reader.
    expect(opened).toBe(1);
    expect(after.connectedClients).toBe(3);
    const { getRedis, getRetryingRedis } = await importFrom<{ getRedis: Getter; getRetryingRedis: Getter }>(root, 'lib/redis.js');
    for (const getter of [getRedis, getRetryingRedis]) (await getter()).destroy();
  });
});
