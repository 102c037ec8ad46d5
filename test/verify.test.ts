/**
 * `redis-singleton fix --verify` on a real TypeScript package: a rewrite that adds a type error leaves the package
 * untouched and names the error; one that type-checks is written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/fixture-tree.js';

const cliPath = path.join(repoRoot, 'dist', 'cli', 'index.js');
const scratch = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'redis-singleton-verify-'));

const manifest = JSON.stringify({ name: 'lookup', private: true, type: 'module', dependencies: { redis: '^5.12.1' }, devDependencies: { typescript: '~6.0' } });
const tsconfig = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], rootDir: 'src' }, include: ['src'] });

/** A Lambda whose client variable is annotated with the library's default client type. */
const annotatedHandler = `import { createClient, type RedisClientType } from 'redis';

export const handler = async (event: { key: string }) => {
  const client: RedisClientType = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const value = await client.get(event.key);
  await client.quit();
  return { statusCode: 200, body: value ?? '' };
};
`;

const plainHandler = annotatedHandler.replace('const client: RedisClientType =', 'const client =').replace(', type RedisClientType', '');

/**
 * A helper annotated with the library's client type through its return type, which the codemod does not carry over
 * (it carries the annotation of the variable or field that holds the client): its rewrite does not type-check.
 */
const returnedHandler = `import { createClient, type RedisClientType } from 'redis';

async function openClient(): Promise<RedisClientType> {
  return createClient({ url: process.env.REDIS_URL });
}

export const handler = async (event: { key: string }) => {
  const client = await openClient();
  await client.connect();
  const value = await client.get(event.key);
  await client.quit();
  return { statusCode: 200, body: value ?? '' };
};
`;

function project(name: string, handler: string, others: Record<string, string> = {}): string {
  const root = path.join(scratch, name);
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), manifest);
  writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  writeFileSync(path.join(root, 'src', 'handler.ts'), handler);
  for (const [file, text] of Object.entries(others)) writeFileSync(path.join(root, 'src', file), text);
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

function fixVerify(root: string): {
  status: number | null;
  summary: { sitesHoisted: number; typeRejected: { file: string; error: string }[]; sitesSkipped: { file: string; line: number; reason: string }[]; modules: { path: string }[] };
} {
  const run = spawnSync(process.execPath, [cliPath, 'fix', '--force', '--verify', '--json', root], { encoding: 'utf8' });
  return { status: run.status, summary: JSON.parse(run.stdout) as never };
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// --verify type-checks the package before and after the rewrite: on a two-core machine shared with other jobs, a case
// took over a minute.
describe('fix --verify', { timeout: 180_000 }, () => {
  it('leaves a package untouched when its rewrite adds a type error, and names the error', () => {
    const root = project('returned', returnedHandler);
    const { status, summary } = fixVerify(root);
    expect(status).toBe(0);
    expect(summary.sitesHoisted).toBe(0);
    expect(summary.typeRejected).toEqual([
      { file: 'src/handler.ts', error: expect.stringMatching(/^src\/handler\.ts, after the rewrite: error TS2322: Type .* is not assignable to type 'RedisClientType'\.$/) },
    ]);
    expect(readFileSync(path.join(root, 'src', 'handler.ts'), 'utf8')).toBe(returnedHandler);
  });

  it('leaves only the file whose rewrite adds a type error, and rewrites the rest of its package', () => {
    const root = project('mixed', plainHandler, { 'returned.ts': returnedHandler });
    const { status, summary } = fixVerify(root);
    expect(status).toBe(0);
    expect(summary.sitesHoisted).toBe(1);
    expect(summary.typeRejected).toEqual([
      { file: 'src/returned.ts', error: expect.stringMatching(/^src\/returned\.ts, after the rewrite: error TS2322: Type .* is not assignable to type 'RedisClientType'\.$/) },
    ]);
    expect(summary.sitesSkipped).toEqual([
      { file: 'src/returned.ts', line: 4, reason: expect.stringMatching(/^its rewrite would add a type error: error TS2322: Type .* is not assignable to type 'RedisClientType'\.$/) },
    ]);
    expect(summary.modules).toEqual([{ path: 'src/lib/redis.ts', action: 'created' }]);
    expect(readFileSync(path.join(root, 'src', 'returned.ts'), 'utf8')).toBe(returnedHandler);
    expect(readFileSync(path.join(root, 'src', 'handler.ts'), 'utf8')).toContain('const client = await getRedis();');
  });

  it('builds the shared client under the library type the site annotates its client with, so the rewrite type-checks', () => {
    const root = project('annotated', annotatedHandler);
    const { status, summary } = fixVerify(root);
    expect(status).toBe(0);
    expect(summary.typeRejected).toEqual([]);
    expect(summary.sitesHoisted).toBe(1);
    expect(readFileSync(path.join(root, 'src', 'handler.ts'), 'utf8')).toContain('const client: RedisClientType = await getRedis();');
    const shared = readFileSync(path.join(root, 'src', 'lib', 'redis.ts'), 'utf8');
    expect(shared).toContain("import type { RedisClientType } from 'redis';");
    expect(shared).toContain('function createRedis(): RedisClientType {');
  });

  it('writes a rewrite that type-checks', () => {
    const root = project('plain', plainHandler);
    const { status, summary } = fixVerify(root);
    expect(status).toBe(0);
    expect(summary.sitesHoisted).toBe(1);
    expect(summary.typeRejected).toEqual([]);
    expect(readFileSync(path.join(root, 'src', 'handler.ts'), 'utf8')).toContain('const client = await getRedis();');
  });
});
