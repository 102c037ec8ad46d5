/**
 * Behaviour oracle for fixtures/health-check against a real redis-server: the same calls of the health check
 * before (input/) and after (expected/) the fix answer the same, and with the server stopped both answer 503
 * rather than hang (the test's own timeout is the bound; nothing here times anything).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopy } from '../helpers/fixture-tree.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

type HealthCheck = () => Promise<{ status: number; body: string }>;

describe.each(['input', 'expected'] as const)('health check (%s) against a real redis-server', (side) => {
  let server: RedisServer;
  let copy: string;
  let healthCheck: HealthCheck;

  beforeAll(async () => {
    server = await startRedis();
    copy = await copyFixture('health-check', side);
    process.env.REDIS_URL = server.url;
    ({ healthCheck } = (await import(pathToFileURL(path.join(copy, 'health.js')).href)) as { healthCheck: HealthCheck });
  });

  afterAll(async () => {
    await server.stop().catch(() => undefined);
    await removeFixtureCopy(copy);
  });

  it('answers 200 PONG on every call while Redis is up, on at most one connection after the fix', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => healthCheck()));
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ status: 200, body: 'PONG' })));
    // The shared client plus the connection that asks INFO.
    if (side === 'expected') expect((await server.connectionStats()).connectedClients).toBeLessThanOrEqual(2);
  });

  it('answers 503 instead of hanging once Redis is stopped, call after call', async () => {
    await server.stop();
    for (let call = 0; call < 3; call++) expect((await healthCheck()).status).toBe(503);
  });
});
