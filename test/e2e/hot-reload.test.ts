/**
 * Development hot reload re-evaluates modules; the shared module the codemod writes, and a getter it
 * writes within an existing file, keep their client on globalThis, so twenty reloads still use one
 * connection, and a failed first connect is still forgotten so the next call tries afresh.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopy } from '../helpers/fixture-tree.js';
import { simulateHotReload } from '../helpers/load.js';
import { importFrom, layOutProject } from '../helpers/project-copy.js';
import { perRequestPagesRoute, reusedFactoryFiles } from '../helpers/reused-factory-project.js';
import { freePort, startRedis, totalConnectionsReceived, type RedisServer } from '../helpers/redis-server.js';
import { fixProject } from './codemod.js';

const RELOADS = 20;
const RUN_TIMEOUT_MS = 60_000;

let server: RedisServer;
const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-hot-reload-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The package with its existing lib/redis.ts factory, and the given further dependencies. */
function reusedFactoryProject(dependencies: Record<string, string>): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'gallery', private: true, dependencies: { redis: '^5.8.0', ...dependencies } }, null, 2)}\n`,
    'tsconfig.json': '{ "compilerOptions": { "target": "ES2022", "module": "esnext", "moduleResolution": "bundler", "strict": true, "skipLibCheck": true } }\n',
    ...reusedFactoryFiles,
  };
}

/** Lays the project out, runs the real codemod on it, and reloads the rewritten lib/redis.ts `RELOADS` times. */
async function reloadRewrittenFactory(name: string, dependencies: Record<string, string>) {
  const projectDir = path.join(scratch, name);
  layOutProject(projectDir, reusedFactoryProject(dependencies));
  const fix = await fixProject(projectDir);
  expect({ exitCode: fix.exitCode, sitesHoisted: fix.summary.sitesHoisted, modules: fix.summary.modules }, fix.stderr).toEqual({
    exitCode: 0,
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  });
  const run = await simulateHotReload({
    projectDir,
    moduleFile: 'lib/redis.ts',
    exportName: 'getRedisClient',
    times: RELOADS,
    target: server,
    env: { REDIS_URL: server.url, NODE_ENV: 'development' },
  });
  return { run, rewritten: readFileSync(path.join(projectDir, 'lib/redis.ts'), 'utf8') };
}

beforeAll(async () => {
  server = await startRedis({ maxclients: 64 });
});

afterAll(async () => {
  await server?.stop();
});

/** Copies the fixture, runs the real codemod on it (after `prepare`), and checks it wrote the shared module. */
async function fixedCopy<T>(scenario: string, sharedModule: string, work: (projectDir: string) => Promise<T>, prepare?: (projectDir: string) => Promise<void>): Promise<T> {
  const projectDir = await copyFixture(scenario, 'input');
  try {
    await prepare?.(projectDir);
    const fix = await fixProject(projectDir);
    expect(fix.exitCode, fix.stderr).toBe(0);
    expect(existsSync(path.join(projectDir, sharedModule)), `the codemod did not write ${sharedModule}`).toBe(true);
    return await work(projectDir);
  } finally {
    await removeFixtureCopy(projectDir);
  }
}

describe('hot reload in development', () => {
  it('ioredis: 20 evaluations of next-pages-api lib/redis.ts open exactly one connection', { timeout: RUN_TIMEOUT_MS }, async () => {
    const run = await fixedCopy('next-pages-api', 'lib/redis.ts', (projectDir) =>
      simulateHotReload({
        projectDir,
        moduleFile: 'lib/redis.ts',
        exportName: 'getRedis',
        times: RELOADS,
        target: server,
        env: { REDIS_URL: server.url, NODE_ENV: 'development' },
      }),
    );
    console.log(`| hot reload next-pages-api lib/redis.ts | ${JSON.stringify(run)} |`);
    expect(run).toEqual({ instances: RELOADS, distinctClients: 1, newConnections: 1 });
  });

  // The guard is written only where a dev server re-evaluates modules: the Lambda fixture, given Next.js, gets it.
  it('node-redis: 20 evaluations of lambda-node-redis src/lib/redis.ts, in a Next.js package, open exactly one connection', { timeout: RUN_TIMEOUT_MS }, async () => {
    const run = await fixedCopy(
      'lambda-node-redis',
      'src/lib/redis.ts',
      (projectDir) =>
        simulateHotReload({
          projectDir,
          moduleFile: 'src/lib/redis.ts',
          exportName: 'getRedis',
          times: RELOADS,
          target: server,
          env: { REDIS_URL: server.url, NODE_ENV: 'development' },
        }),
      async (projectDir) => {
        const manifestPath = path.join(projectDir, 'package.json');
        const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { dependencies?: Record<string, string> };
        manifest.dependencies = { ...manifest.dependencies, next: '^16.0.0' };
        await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      },
    );
    console.log(`| hot reload lambda-node-redis src/lib/redis.ts | ${JSON.stringify(run)} |`);
    expect(run).toEqual({ instances: RELOADS, distinctClients: 1, newConnections: 1 });
  });

  it('node-redis: an existing lib/redis.ts factory rewritten in place, in a Next.js package, opens one connection over 20 evaluations', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { run, rewritten } = await reloadRewrittenFactory('reused-factory-next', { next: '^16.0.0' });
    console.log(`| hot reload reused lib/redis.ts factory (Next.js) | ${JSON.stringify(run)} |`);
    expect(rewritten).toContain('globalForRedis.libRedisClientConnection ??= connectClient();');
    expect(run).toEqual({ instances: RELOADS, distinctClients: 1, newConnections: 1 });
  });

  // Without a hot-reloading framework the getter keeps a plain module binding, which each evaluation starts afresh.
  it('node-redis: the same factory in a plain Node package keeps a module binding, so each evaluation connects again', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { run, rewritten } = await reloadRewrittenFactory('reused-factory-plain', {});
    expect(rewritten).not.toContain('globalThis');
    expect(run).toEqual({ instances: RELOADS, distinctClients: RELOADS, newConnections: RELOADS });
  });

  it('the simulation really re-evaluates: a module without the guard opens one connection per reload', { timeout: RUN_TIMEOUT_MS }, async () => {
    const projectDir = await copyFixture('next-pages-api', 'input');
    try {
      await writeFile(
        path.join(projectDir, 'lib/unguarded-redis.ts'),
        "import Redis from 'ioredis';\n\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');\n",
      );
      const run = await simulateHotReload({
        projectDir,
        moduleFile: 'lib/unguarded-redis.ts',
        exportName: 'redis',
        times: RELOADS,
        target: server,
        env: { REDIS_URL: server.url, NODE_ENV: 'development' },
      });
      expect(run).toEqual({ instances: RELOADS, distinctClients: RELOADS, newConnections: RELOADS });
    } finally {
      await removeFixtureCopy(projectDir);
    }
  });
});

// The guard changes where the connection is kept, not how it is made: a failed first connect is still forgotten.
describe('a connect-once getter kept on globalThis, against a port where Redis starts late', () => {
  const project: Record<string, string> = {
    'package.json': '{ "name": "pages", "private": true, "type": "module", "dependencies": { "next": "^16.0.0", "redis": "^5.8.0" } }\n',
    'pages/api/page.js': perRequestPagesRoute,
  };
  type PageRoute = (req: { query: { name: string } }, res: { json(body: unknown): void }) => Promise<void>;

  /** Calls the route as Next.js would, and resolves to the body it answered with. */
  async function readPage(route: PageRoute, name: string): Promise<unknown> {
    let body: unknown;
    await route({ query: { name } }, { json: (answer) => (body = answer) });
    return body;
  }

  it('rejects while nothing listens, then connects once Redis is up, and keeps that connection on globalThis', { timeout: RUN_TIMEOUT_MS }, async () => {
    const projectDir = path.join(scratch, 'late-redis');
    layOutProject(projectDir, project);
    const fix = await fixProject(projectDir);
    expect({ exitCode: fix.exitCode, sitesHoisted: fix.summary.sitesHoisted }, fix.stderr).toEqual({ exitCode: 0, sitesHoisted: 1 });
    const port = await freePort();
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    const { default: route } = await importFrom<{ default: PageRoute }>(projectDir, 'pages/api/page.js');
    await expect(readPage(route, 'home')).rejects.toThrow(/ECONNREFUSED/);
    const late = await startRedis({ port });
    try {
      const before = await late.info();
      await expect(Promise.all([readPage(route, 'home'), readPage(route, 'about')])).resolves.toEqual([{ page: null }, { page: null }]);
      expect(totalConnectionsReceived(await late.info()) - totalConnectionsReceived(before)).toBe(1);
      const held = (globalThis as Record<string, unknown>).pagesApiPageClientConnection as Promise<{ destroy(): void }> | undefined;
      expect(held, 'the connection is not kept on globalThis').toBeDefined();
      (await held!).destroy();
    } finally {
      await late.stop();
    }
  });
});
