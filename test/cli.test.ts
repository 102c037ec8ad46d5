import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../cli/diff.js';
import { discoverSourceFiles } from '../cli/discover.js';
import { planWrite, writeAtomically } from '../cli/write.js';
import type { FixSummary } from '../cli/summary.js';
import {
  commitAll,
  git,
  makeProject,
  makeReadOnly,
  makeTempFolder,
  parseSummary,
  readProjectFile,
  removeTempFolders,
  runCli,
  snapshot,
  writeFiles,
} from './helpers/cli.js';

afterAll(removeTempFolders);

// A small Next.js project, as a user would run the CLI on it.
const packageJson = `${JSON.stringify(
  {
    name: 'hits-dashboard',
    private: true,
    scripts: { dev: 'next dev', build: 'next build' },
    dependencies: { ioredis: '^5.11.1', next: '^16.4.6' },
  },
  null,
  2,
)}\n`;

const tsconfig = `${JSON.stringify(
  { compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', noEmit: true } },
  null,
  2,
)}\n`;

/** The canonical hoistable site: a client built on every call of a pages/api handler (line 5). */
const hitsHandler = `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL);
  const hits = await redis.incr('hits');
  res.status(200).json({ hits });
}
`;

const ordersHandler = `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL);
  const orders = await redis.lrange('orders', 0, 9);
  res.status(200).json({ orders });
}
`;

/** The canonical skipped site: a subscriber needs a connection of its own (line 5). */
const eventsHandler = `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const sub = new Redis(process.env.REDIS_URL);
  await sub.subscribe('x');
  const message = await new Promise<string>((resolve) => sub.once('message', (_channel: string, text: string) => resolve(text)));
  res.status(200).json({ message });
}
`;

const subscribeReason = 'it subscribes (`subscribe`), which needs a connection of its own';

/** A file the text filter rules out: it is counted as scanned, never parsed. */
const formatHelper = `export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
`;

/** Does not parse: the closing parenthesis of res.json( is missing. */
const brokenHandler = `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') };
}
`;

/** Per-request code in places that are not project source: never rewritten. */
const dependencyHandler = `const Redis = require('ioredis');

module.exports = async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
};
`;

const sharedModule = `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL);
`;

const cleanHitsHandler = `import type { NextApiRequest, NextApiResponse } from 'next';
import { redis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ hits: await redis.incr('hits') });
}
`;

const nextProject = { 'package.json': packageJson, 'tsconfig.json': tsconfig };

/** After the canonical fix: the handler imports the shared client, which lib/redis.ts builds once. */
function expectCanonicalFix(root: string, handler = 'pages/api/hits.ts', importPath = '../../lib/redis'): void {
  const rewritten = readProjectFile(root, handler);
  expect(rewritten).not.toContain('new Redis(');
  const sharedImport = new RegExp(`import\\s+\\{\\s*getRedis\\s*\\}\\s+from\\s+['"]${importPath.replace(/[./]/g, '\\$&')}['"]`);
  expect(rewritten).toMatch(sharedImport);
  expect(rewritten).toContain('getRedis()');
  const shared = readProjectFile(root, 'lib/redis.ts');
  expect(shared).toContain('new Redis(');
  expect(shared).toContain('globalThis');
}

/** `file: message`, as the human summary prints each error. */
function errorLines(summary: FixSummary): string[] {
  return summary.errors.map(({ file, message }) => `${file}: ${message}`);
}

function modeOf(absolutePath: string): number {
  return statSync(absolutePath).mode & 0o777;
}

describe('unified diff', () => {
  async function applyPatch(before: string | undefined, after: string): Promise<string> {
    const folder = await makeTempFolder();
    if (before !== undefined) await writeFile(path.join(folder, 'handler.ts'), before);
    const patch = unifiedDiff('handler.ts', before, after);
    execFileSync('git', ['apply', '-'], { cwd: folder, input: patch });
    return readFileSync(path.join(folder, 'handler.ts'), 'utf8');
  }

  const lines = (count: number, label = 'line'): string =>
    Array.from({ length: count }, (_, index) => `${label} ${index + 1}\n`).join('');

  it('prints an exact hunk with three lines of context', () => {
    expect(unifiedDiff('pages/api/hits.ts', 'a\nb\nc\nd\ne\nf\n', 'a\nb\nc\nD\ne\nf\n')).toBe(
      '--- a/pages/api/hits.ts\n+++ b/pages/api/hits.ts\n@@ -1,6 +1,6 @@\n a\n b\n c\n-d\n+D\n e\n f\n',
    );
  });

  it('diffs a new file against /dev/null', () => {
    expect(unifiedDiff('lib/redis.ts', undefined, 'x\ny\n')).toBe('--- /dev/null\n+++ b/lib/redis.ts\n@@ -0,0 +1,2 @@\n+x\n+y\n');
  });

  it('prints nothing for an unchanged file', () => {
    expect(unifiedDiff('a.ts', 'same\n', 'same\n')).toBe('');
  });

  it.each([
    ['separate hunks at the start, middle and end', lines(40), `inserted\n${lines(40).replace('line 20\n', 'changed 20\n').replace('line 40\n', '')}`],
    ['a new file', undefined, lines(3)],
    ['a final newline added', 'a\nb', 'a\nb\n'],
    ['a final newline removed', 'a\nb\n', 'a\nc'],
    ['a file emptied', lines(4), ''],
    ['interleaved edits', lines(12), lines(12).replace(/line (\d*[02468])\n/g, 'even $1\n')],
    ['CRLF line endings', lines(9).replace(/\n/g, '\r\n'), lines(9).replace('line 5\n', 'changed 5\n').replace(/\n/g, '\r\n')],
    ['CRLF without a final newline', 'a\r\nb\r\nc', 'a\r\nB\r\nc'],
    ['a new CRLF file without a final newline', undefined, 'x\r\ny'],
    ['a byte order mark kept', '\uFEFFa\nb\nc\n', '\uFEFFa\nB\nc\n'],
    ['a byte order mark removed', '\uFEFFa\nb\n', 'a\nb\n'],
    ['a long file with scattered edits', lines(6000), lines(6000).replace(/line (\d*7)\n/g, 'seven $1\n').replace('line 3000\n', '')],
  ])('round-trips through git apply: %s', async (_label, before, after) => {
    expect(await applyPatch(before, after)).toBe(after);
  });
});

describe('safe writes', () => {
  it('refuses a symlink that leads outside the root, and a path outside it', async () => {
    const root = await makeProject({ 'package.json': packageJson });
    const outside = await makeProject({ 'handler.ts': hitsHandler, 'lib/.keep': '' });
    symlinkSync(path.join(outside, 'handler.ts'), path.join(root, 'linked.ts'));
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'lib'));

    await expect(planWrite(root, path.join(root, 'linked.ts'))).rejects.toThrow(/symbolic link to .* outside the project root/);
    await expect(planWrite(root, path.join(root, 'lib', 'redis.ts'))).rejects.toThrow(/symbolic link to .* outside the project root/);
    await expect(planWrite(root, path.join(root, 'lib', 'deeper', 'redis.ts'))).rejects.toThrow(/outside the project root/);
    await expect(planWrite(root, path.join(outside, 'handler.ts'))).rejects.toThrow(/outside the project root/);
    expect(snapshot(outside)).toEqual({ 'handler.ts': hitsHandler, 'lib/.keep': '' });
  });

  it('refuses read-only files and folders, even for root', async () => {
    const root = await makeProject({ 'package.json': packageJson, 'locked.ts': 'x\n', 'frozen/handler.ts': 'y\n' });
    await makeReadOnly(path.join(root, 'locked.ts'));
    await makeReadOnly(path.join(root, 'frozen'));
    await expect(planWrite(root, path.join(root, 'locked.ts'))).rejects.toThrow(/read-only/);
    await expect(planWrite(root, path.join(root, 'frozen', 'handler.ts'))).rejects.toThrow(/folder frozen is read-only/);
    await expect(planWrite(root, path.join(root, 'frozen', 'new', 'redis.ts'))).rejects.toThrow(/folder frozen is read-only/);
  });

  it('replaces a file atomically, keeping its mode, and leaves no temporary file', async () => {
    const root = await makeProject({ 'package.json': packageJson, 'bin/serve.js': '#!/usr/bin/env node\n' });
    const script = path.join(root, 'bin', 'serve.js');
    await chmod(script, 0o754);
    await writeAtomically(await planWrite(root, script), '#!/usr/bin/env node\nconsole.log(1);\n');
    expect(readFileSync(script, 'utf8')).toBe('#!/usr/bin/env node\nconsole.log(1);\n');
    expect(modeOf(script)).toBe(0o754);
    expect(readdirSync(path.join(root, 'bin'))).toEqual(['serve.js']);
  });

  it('creates the folders of a new file', async () => {
    const root = await makeProject({ 'package.json': packageJson });
    const target = path.join(root, 'src', 'lib', 'redis.ts');
    await writeAtomically(await planWrite(root, target), sharedModule);
    expect(readFileSync(target, 'utf8')).toBe(sharedModule);
  });

  it('writes through a symlink that stays inside the root, keeping the link', async () => {
    const root = await makeProject({ 'package.json': packageJson, 'shared/handler.ts': 'old\n' });
    await mkdir(path.join(root, 'api'));
    symlinkSync('../shared/handler.ts', path.join(root, 'api', 'handler.ts'));
    await writeAtomically(await planWrite(root, path.join(root, 'api', 'handler.ts')), 'new\n');
    expect(lstatSync(path.join(root, 'api', 'handler.ts')).isSymbolicLink()).toBe(true);
    expect(readProjectFile(root, 'shared/handler.ts')).toBe('new\n');
  });
});

describe('file discovery', () => {
  const layout = {
    'package.json': packageJson,
    'pages/api/hits.ts': hitsHandler,
    'pages/api/users/[id].ts': ordersHandler,
    'pages/index.tsx': 'export default function Home() { return null; }\n',
    'lib/format.ts': formatHelper,
    'lib/legacy.cjs': dependencyHandler,
    'types/env.d.ts': 'declare namespace NodeJS { interface ProcessEnv { REDIS_URL: string } }\n',
    'README.md': 'redis\n',
    'node_modules/legacy-cache/index.js': dependencyHandler,
    'dist/pages/api/hits.js': dependencyHandler,
    '.next/server/pages/api/hits.js': dependencyHandler,
    'build/server.js': dependencyHandler,
    'coverage/lcov-report/sorter.js': dependencyHandler,
    'scripts/seed.test.ts': hitsHandler,
  };
  const sources = [
    'lib/format.ts',
    'lib/legacy.cjs',
    'pages/api/hits.ts',
    'pages/api/users/[id].ts',
    'pages/index.tsx',
    'scripts/seed.test.ts',
  ];
  const relative = (root: string, files: string[]): string[] => files.map((file) => path.relative(root, file));

  it('walks the tree outside git, skipping build output, dependencies and declaration files', async () => {
    const root = await makeProject(layout);
    const options = { root, targets: [root], extensions: ['ts', 'tsx', 'cjs'], ignore: [], useGit: false };
    expect(relative(root, discoverSourceFiles(options))).toEqual(sources);
    expect(relative(root, discoverSourceFiles({ ...options, ignore: ['**/*.test.ts', 'lib/legacy.cjs'] }))).toEqual(
      sources.filter((file) => file !== 'scripts/seed.test.ts' && file !== 'lib/legacy.cjs'),
    );
    expect(relative(root, discoverSourceFiles({ ...options, targets: [path.join(root, 'pages', 'api')] }))).toEqual([
      'pages/api/hits.ts',
      'pages/api/users/[id].ts',
    ]);
  });

  it('inside git, drops git-ignored files but keeps untracked ones', async () => {
    const root = await makeProject({ ...layout, '.gitignore': 'generated/\n' });
    commitAll(root);
    await writeFiles(root, { 'generated/client.ts': hitsHandler, 'pages/api/new.ts': ordersHandler });
    const files = discoverSourceFiles({ root, targets: [root], extensions: ['ts', 'tsx', 'cjs'], ignore: [], useGit: true });
    expect(relative(root, files)).toEqual([...sources, 'pages/api/new.ts'].sort());
  });

  it('lists a file and a symlink to it once', async () => {
    const root = await makeProject({ 'package.json': packageJson, 'shared/handler.ts': hitsHandler });
    await mkdir(path.join(root, 'api'));
    symlinkSync('../shared/handler.ts', path.join(root, 'api', 'handler.ts'));
    const files = discoverSourceFiles({ root, targets: [root], extensions: ['ts'], ignore: [], useGit: false });
    expect(relative(root, files)).toEqual(['shared/handler.ts']);
  });

  describe('--ignore means what ESLint\'s ignores means', () => {
    const ignoreLayout = {
      'package.json': packageJson,
      'generated/client.ts': hitsHandler,
      'generated.ts': formatHelper,
      'src/generated/client.ts': hitsHandler,
      'src/legacy/old/cache.ts': hitsHandler,
      'src/legacy.ts': formatHelper,
      'src/a/b.ts': formatHelper,
      'src/a.ts': formatHelper,
      'x.spec.ts': formatHelper,
      'x.spec.tsx': formatHelper,
      'lib/cache.test.ts': formatHelper,
      'lib/generatedClient.ts': formatHelper,
      'lib/deep/keep.ts': formatHelper,
      'lib/deep/drop.ts': formatHelper,
      'pages/api/admin.ts': hitsHandler,
      'pages/api/hits.ts': hitsHandler,
      'pages/api/users/[id].ts': ordersHandler,
      'pages/api/users/i.ts': ordersHandler,
      '.config/redis.ts': hitsHandler,
    };
    const patternLists = [
      ['generated'], ['generated/'], ['**/generated'], ['**/generated/'], ['src/legacy/**'], ['src/legacy'],
      ['*.{spec,test}.ts'], ['**/*.test.ts'], ['*.ts'], ['pages/api/[ab]*.ts'], ['pages/api/!(hits).ts'],
      ['pages/api/users/[id].ts'], ['pages/api/users/\\[id\\].ts'], ['./x.spec.ts'], ['/x.spec.ts'], ['lib/*'],
      ['lib/**/keep.ts'], ['src/*/'], ['.config/'], ['**'],
      ['lib/deep/*', '!lib/deep/keep.ts'], ['lib/deep/', '!lib/deep/keep.ts'], ['**/*.ts', '!src/**'],
    ];

    async function keptFiles(root: string, ignore: string[]): Promise<string[]> {
      const files = discoverSourceFiles({ root, targets: [root], extensions: ['ts', 'tsx'], ignore, useGit: false });
      return files.map((file) => path.relative(root, file));
    }

    it('keeps exactly the files ESLint does not ignore, for each pattern list', async () => {
      const root = await makeProject(ignoreLayout);
      const sources = Object.keys(ignoreLayout).filter((file) => /\.tsx?$/.test(file)).sort();
      for (const ignores of patternLists) {
        const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'] }, { ignores }] });
        const keptByEslint: string[] = [];
        for (const file of sources) if (!(await eslint.isPathIgnored(path.join(root, file)))) keptByEslint.push(file);
        expect(await keptFiles(root, ignores), JSON.stringify(ignores)).toEqual(keptByEslint);
      }
    });

    it('anchors patterns at the project root: a bare name is a root entry, **/ reaches deeper', async () => {
      const root = await makeProject(ignoreLayout);
      const kept = await keptFiles(root, ['generated', 'src/legacy/**', '*.{spec,test}.ts', 'pages/api/[ab]*.ts']);
      expect(kept).toEqual([
        '.config/redis.ts', 'generated.ts', 'lib/cache.test.ts', 'lib/deep/drop.ts', 'lib/deep/keep.ts', 'lib/generatedClient.ts',
        'pages/api/hits.ts', 'pages/api/users/[id].ts', 'pages/api/users/i.ts', 'src/a.ts', 'src/a/b.ts', 'src/generated/client.ts',
        'src/legacy.ts', 'x.spec.tsx',
      ]);
      const keptWithGlobstars = await keptFiles(root, ['**/generated/', '**/*.{spec,test}.ts']);
      expect(keptWithGlobstars.filter((file) => /generated\/|\.(spec|test)\.ts$/.test(file))).toEqual([]);
      expect(keptWithGlobstars).toContain('generated.ts');
    });
  });

  it('outside git, honours .gitignore files at every depth as git would', async () => {
    const root = await makeProject({
      ...layout,
      '.gitignore': 'generated/\n*.local.ts\n/scripts/seed.test.ts\n',
      'generated/client.ts': hitsHandler,
      'src/generated/client.ts': hitsHandler,
      'lib/cache.local.ts': formatHelper,
      'lib/.gitignore': '!keep.local.ts\nsecret.ts\n',
      'lib/keep.local.ts': formatHelper,
      'lib/secret.ts': formatHelper,
      'lib/nested/secret.ts': formatHelper,
      'pages/api/secret.ts': hitsHandler,
      'scripts/nested/scripts/seed.test.ts': hitsHandler,
    });
    const options = { root, targets: [root], extensions: ['ts', 'tsx', 'cjs'], ignore: [], useGit: false };
    const walked = relative(root, discoverSourceFiles(options));
    expect(walked).toEqual([
      'lib/format.ts', 'lib/keep.local.ts', 'lib/legacy.cjs', 'pages/api/hits.ts', 'pages/api/secret.ts',
      'pages/api/users/[id].ts', 'pages/index.tsx', 'scripts/nested/scripts/seed.test.ts',
    ]);
    expect(relative(root, discoverSourceFiles({ ...options, targets: [path.join(root, 'lib')] }))).toEqual([
      'lib/format.ts', 'lib/keep.local.ts', 'lib/legacy.cjs',
    ]);
    // git itself is the reference: the same tree as a repository lists the same files.
    git(root, ['init', '--quiet']);
    expect(relative(root, discoverSourceFiles({ ...options, useGit: true }))).toEqual(walked);
  });
});

describe('redis-singleton fix', () => {
  it('rewrites the canonical pages/api handler into lib/redis.ts and reports the skipped subscriber (--json)', async () => {
    const root = await makeProject({
      ...nextProject,
      'pages/api/hits.ts': hitsHandler,
      'pages/api/events.ts': eventsHandler,
      'lib/format.ts': formatHelper,
    });
    const run = await runCli(root, ['fix', '--json']);
    expect(parseSummary<FixSummary>(run)).toEqual({
      filesScanned: 3,
      filesChanged: 2,
      sitesHoisted: 1,
      sitesMovedWithinFile: 0,
      sitesSkipped: [{ file: 'pages/api/events.ts', line: 5, reason: subscribeReason }],
      modules: [{ path: 'lib/redis.ts', action: 'created' }],
      errors: [],
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expectCanonicalFix(root);
    expect(readProjectFile(root, 'pages/api/events.ts')).toBe(eventsHandler);
    expect(readProjectFile(root, 'lib/format.ts')).toBe(formatHelper);
  });

  it('prints a human summary naming the module, the skipped site and its reason', async () => {
    const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler, 'pages/api/events.ts': eventsHandler });
    const run = await runCli(root, ['fix']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Scanned 2 files, changed 2.');
    expect(run.stdout).toContain('Moved 1 Redis client construction to a shared module.');
    expect(run.stdout).toContain('created lib/redis.ts');
    expect(run.stdout).toContain(`pages/api/events.ts:5 ${subscribeReason}`);
  });

  it('--dry computes the changes and writes nothing', async () => {
    const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler, 'pages/api/events.ts': eventsHandler });
    const before = snapshot(root);
    const run = await runCli(root, ['fix', '--dry', '--json']);
    const summary = parseSummary<FixSummary>(run);
    expect(run.code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    expect(summary.filesChanged).toBe(2);
    expect(summary.sitesHoisted).toBe(1);
    expect(summary.modules).toEqual([{ path: 'lib/redis.ts', action: 'created' }]);
  });

  /**
   * `fix --dry --print` in one copy of a project, `fix` in another: the dry run writes nothing, and its patch
   * passes `git apply --check` and turns the first copy into the second.
   */
  async function printedPatch(files: Record<string, string>): Promise<{ patch: string; fixed: string }> {
    const previewed = await makeProject(files);
    const fixed = await makeProject(files);
    const preview = await runCli(previewed, ['fix', '--dry', '--print']);
    expect(preview.code).toBe(0);
    // The summary goes to stderr so that stdout is only the patch.
    expect(preview.stderr).toContain('Dry run: nothing was written.');
    expect(snapshot(previewed)).toEqual(snapshot(fixed));

    execFileSync('git', ['apply', '--check', '-'], { cwd: previewed, input: preview.stdout });
    execFileSync('git', ['apply', '-'], { cwd: previewed, input: preview.stdout });
    expect((await runCli(fixed, ['fix'])).code).toBe(0);
    expect(snapshot(previewed)).toEqual(snapshot(fixed));
    return { patch: preview.stdout, fixed };
  }

  it('--print prints a patch that git apply turns into what a real run writes', async () => {
    const { patch, fixed } = await printedPatch({ ...nextProject, 'pages/api/hits.ts': hitsHandler });
    expect(patch).toContain('--- a/pages/api/hits.ts\n+++ b/pages/api/hits.ts\n@@ ');
    expect(patch).toContain('--- /dev/null\n+++ b/lib/redis.ts\n@@ -0,0 +1,');
    expect(patch).toMatch(/^-\s+const redis = new Redis\(process\.env\.REDIS_URL\);$/m);
    expectCanonicalFix(fixed);
  });

  it('--print on a CRLF file with a byte order mark and no final newline still gives a patch git apply accepts', async () => {
    const crlfHandler = `\uFEFF${hitsHandler.trimEnd().replace(/\n/g, '\r\n')}`;
    const { patch, fixed } = await printedPatch({ ...nextProject, 'pages/api/hits.ts': crlfHandler });
    expect(patch).toContain('\\ No newline at end of file\n');
    const rewritten = readProjectFile(fixed, 'pages/api/hits.ts');
    expect(rewritten.startsWith('\uFEFF')).toBe(true);
    expect(rewritten.replace(/\r\n/g, '')).not.toContain('\n');
    expectCanonicalFix(fixed);
  });

  it('a second run changes nothing', async () => {
    const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler, 'pages/api/events.ts': eventsHandler });
    const first = parseSummary<FixSummary>(await runCli(root, ['fix', '--json']));
    expect(first.filesChanged).toBe(2);
    const afterFirst = snapshot(root);

    const secondRun = await runCli(root, ['fix', '--json']);
    const second = parseSummary<FixSummary>(secondRun);
    expect(secondRun.code).toBe(0);
    expect(second.filesChanged).toBe(0);
    expect(second.sitesHoisted).toBe(0);
    expect(second.sitesSkipped).toEqual(first.sitesSkipped);
    expect(second.errors).toEqual([]);
    expect(snapshot(root)).toEqual(afterFirst);
  });

  it('reports a file that does not parse, leaves it byte for byte, and fixes the others (exit 1)', async () => {
    const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler, 'pages/api/broken.ts': brokenHandler });
    const brokenBytes = readFileSync(path.join(root, 'pages/api/broken.ts'));
    const run = await runCli(root, ['fix', '--json']);
    const summary = parseSummary<FixSummary>(run);
    expect(run.code).toBe(1);
    expect(summary.errors.map((error) => error.file)).toEqual(['pages/api/broken.ts']);
    expect(summary.errors[0].message).not.toBe('');
    expect(readFileSync(path.join(root, 'pages/api/broken.ts')).equals(brokenBytes)).toBe(true);
    expect(summary.sitesHoisted).toBe(1);
    expectCanonicalFix(root);
  });

  it('reports read-only files and folders and still writes the rest (exit 1)', async () => {
    const root = await makeProject({
      ...nextProject,
      'pages/api/hits.ts': hitsHandler,
      'pages/api/orders.ts': ordersHandler,
      'pages/api/admin/stats.ts': ordersHandler,
    });
    await makeReadOnly(path.join(root, 'pages/api/hits.ts'));
    await makeReadOnly(path.join(root, 'pages/api/admin'));
    const run = await runCli(root, ['fix', '--json']);
    const summary = parseSummary<FixSummary>(run);
    expect(run.code).toBe(1);
    const errors = errorLines(summary);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^pages\/api\/admin\/stats\.ts: .*folder pages\/api\/admin is read-only; make it writable/);
    expect(errors[1]).toMatch(/^pages\/api\/hits\.ts: is read-only; make it writable/);
    expect(readProjectFile(root, 'pages/api/hits.ts')).toBe(hitsHandler);
    expect(modeOf(path.join(root, 'pages/api/hits.ts'))).toBe(0o444);
    expect(readProjectFile(root, 'pages/api/admin/stats.ts')).toBe(ordersHandler);
    expectCanonicalFix(root, 'pages/api/orders.ts');
  });

  it('never writes through a symlink to a file outside the root (exit 1)', async () => {
    const outside = await makeProject({ 'handler.ts': hitsHandler });
    const root = await makeProject({ ...nextProject, 'pages/api/orders.ts': ordersHandler });
    symlinkSync(path.join(outside, 'handler.ts'), path.join(root, 'pages/api/linked.ts'));
    const run = await runCli(root, ['fix', '--json']);
    const summary = parseSummary<FixSummary>(run);
    expect(run.code).toBe(1);
    const errors = errorLines(summary);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^pages\/api\/linked\.ts: is a symbolic link to .*outside the project root/);
    expect(snapshot(outside)).toEqual({ 'handler.ts': hitsHandler });
    expect(lstatSync(path.join(root, 'pages/api/linked.ts')).isSymbolicLink()).toBe(true);
    expectCanonicalFix(root, 'pages/api/orders.ts');
  });

  it('never creates the shared module through a symlinked folder, and then leaves call sites alone (exit 1)', async () => {
    const outside = await makeTempFolder();
    const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler });
    symlinkSync(outside, path.join(root, 'lib'));
    const run = await runCli(root, ['fix', '--json']);
    const summary = parseSummary<FixSummary>(run);
    expect(run.code).toBe(1);
    const errors = errorLines(summary);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^lib\/redis\.ts: .*a symbolic link to .*outside the project root/);
    expect(errors[1]).toBe('pages/api/hits.ts: was not rewritten because the shared module lib/redis.ts could not be written');
    expect(readdirSync(outside)).toEqual([]);
    expect(readProjectFile(root, 'pages/api/hits.ts')).toBe(hitsHandler);
  });

  it('never touches node_modules, build output or git-ignored files', async () => {
    const root = await makeProject({
      ...nextProject,
      '.gitignore': 'generated/\n',
      'pages/api/hits.ts': hitsHandler,
      'pages/api/users/[id].ts': ordersHandler,
      'node_modules/legacy-cache/index.js': dependencyHandler,
      'dist/pages/api/hits.js': dependencyHandler,
      '.next/server/pages/api/hits.js': dependencyHandler,
      '.vercel/output/functions/api.func/index.js': dependencyHandler,
      'coverage/lcov-report/handler.js': dependencyHandler,
      'types/redis.d.ts': "declare module 'ioredis-mock';\n",
    });
    commitAll(root);
    await writeFiles(root, { 'generated/handler.ts': hitsHandler });
    const untouched = Object.fromEntries(
      Object.entries(snapshot(root)).filter(([file]) => !file.startsWith('pages/') && file !== 'lib/redis.ts'),
    );

    const run = await runCli(root, ['fix', '--json']);
    const summary = parseSummary<FixSummary>(run);
    expect(summary.filesScanned).toBe(2);
    expect(run.code).toBe(0);
    expect(summary.sitesHoisted).toBe(2);
    expectCanonicalFix(root);
    expectCanonicalFix(root, 'pages/api/users/[id].ts', '../../../lib/redis');
    const after = snapshot(root);
    for (const [file, text] of Object.entries(untouched)) expect(after[file], file).toBe(text);
  });

  it('outside git, finds files by walking the tree and skips the same folders', async () => {
    const root = await makeProject({
      ...nextProject,
      'pages/api/hits.ts': hitsHandler,
      'node_modules/legacy-cache/index.js': dependencyHandler,
      'build/server.js': dependencyHandler,
    });
    const run = await runCli(root, ['fix', '--dry', '--json']);
    expect(parseSummary<FixSummary>(run).filesScanned).toBe(1);
  });

  describe('git work tree', () => {
    it('refuses a dirty tree without --force and writes nothing (exit 2)', async () => {
      const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler });
      commitAll(root);
      await writeFiles(root, { 'pages/api/hits.ts': `${hitsHandler}// TODO: cache the count\n` });
      const before = snapshot(root);
      const run = await runCli(root, ['fix']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('M pages/api/hits.ts');
      expect(run.stderr).toMatch(/Commit or stash them first.*or pass --force\./);
      expect(snapshot(root)).toEqual(before);
    });

    it('accepts a dirty tree with --force', async () => {
      const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler });
      commitAll(root);
      await writeFiles(root, { 'pages/api/hits.ts': `${hitsHandler}// TODO: cache the count\n` });
      const run = await runCli(root, ['fix', '--force']);
      expect(run.code).toBe(0);
      expectCanonicalFix(root);
    });

    it('only the target paths need to be clean', async () => {
      const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler, 'scripts/seed.ts': formatHelper });
      commitAll(root);
      await writeFiles(root, { 'scripts/seed.ts': `${formatHelper}// edited\n` });
      const run = await runCli(root, ['fix', 'pages']);
      expect(run.code).toBe(0);
      expectCanonicalFix(root);
    });

    it('treats a project in a folder that the enclosing repository ignores as outside git', async () => {
      const outer = await makeProject({ '.gitignore': 'scratch/\n', 'README.md': '# tools\n' });
      commitAll(outer);
      const root = path.join(outer, 'scratch', 'shop');
      await writeFiles(root, { ...nextProject, 'pages/api/hits.ts': hitsHandler });
      const run = await runCli(root, ['fix', '--json']);
      expect(parseSummary<FixSummary>(run).filesScanned).toBe(1);
      expect(run.code).toBe(0);
      expectCanonicalFix(root);
    });

    it('runs without a check outside a git repository', async () => {
      const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler });
      expect(() => git(root, ['rev-parse', '--is-inside-work-tree'])).toThrow();
      const run = await runCli(root, ['fix']);
      expect(run.code).toBe(0);
      expectCanonicalFix(root);
    });
  });

  describe('bad usage exits with 2 and says what to do', () => {
    it.each([
      [['fix', '--frobnicate'], /unknown option '--frobnicate'/],
      [['fix', 'pages/api/missing.ts'], /pages\/api\/missing\.ts does not exist; pass files or folders of your project/],
      [['fix', '--print', '--json'], /option '--print' cannot be used with option '--json'/],
      [['fix', '--extensions', ','], /is not a list of file extensions; write it like ts,tsx,js/],
      [['fix', '--singleton', '../elsewhere/redis.ts'], /must name a file inside the project root/],
      [['check', '--format', 'xml'], /argument 'xml' is invalid. Allowed choices are stylish, json/],
      [['lint'], /unknown command 'lint'/],
    ])('%j', async (args, message) => {
      const root = await makeProject({ ...nextProject, 'pages/api/hits.ts': hitsHandler });
      const run = await runCli(root, args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      expect(readProjectFile(root, 'pages/api/hits.ts')).toBe(hitsHandler);
    });
  });
});

describe('redis-singleton check', () => {
  interface LintResult {
    filePath: string;
    messages: { ruleId: string | null; line: number }[];
    errorCount: number;
  }

  it('exits 1 and names the per-request site (stylish)', async () => {
    const root = await makeProject({
      ...nextProject,
      'pages/api/hits.ts': hitsHandler,
      'node_modules/legacy-cache/index.js': dependencyHandler,
    });
    const run = await runCli(root, ['check']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(path.join(root, 'pages/api/hits.ts'));
    expect(run.stdout).toMatch(/5:\d+\s+error\s+.*redis-singleton\/no-per-request-client/);
    expect(run.stdout).not.toContain('node_modules');
  });

  it('--format json lists each finding with its rule and line', async () => {
    const root = await makeProject({
      ...nextProject,
      'pages/api/hits.ts': hitsHandler,
      'lib/format.ts': formatHelper,
      'dist/pages/api/hits.js': dependencyHandler,
    });
    const run = await runCli(root, ['check', '--format', 'json']);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as LintResult[]).map((result) => ({
      file: path.relative(root, result.filePath),
      findings: result.messages.map(({ ruleId, line }) => ({ ruleId, line })),
    }));
    expect(findings).toEqual([
      { file: 'pages/api/hits.ts', findings: [{ ruleId: 'redis-singleton/no-per-request-client', line: 5 }] },
    ]);
  });

  it("ignores disable comments for rules it does not load: a project's own lint setup is not a finding", async () => {
    const withDirectives = sharedModule.replace(
      'export const redis',
      '// eslint-disable-next-line @typescript-eslint/no-non-null-assertion, react-hooks/exhaustive-deps\nexport const redis',
    );
    const root = await makeProject({ ...nextProject, 'lib/redis.ts': withDirectives, 'pages/api/hits.ts': cleanHitsHandler });
    const stylish = await runCli(root, ['check']);
    expect(stylish).toMatchObject({ code: 0, stdout: '' });
    const json = await runCli(root, ['check', '--format', 'json']);
    expect(json.code).toBe(0);
    const results = JSON.parse(json.stdout) as LintResult[];
    expect(results.map((result) => [path.relative(root, result.filePath), result.messages, result.errorCount])).toEqual([
      ['lib/redis.ts', [], 0],
      ['pages/api/hits.ts', [], 0],
    ]);
  });

  it('exits 0 on a project whose client is already shared', async () => {
    const root = await makeProject({ ...nextProject, 'lib/redis.ts': sharedModule, 'pages/api/hits.ts': cleanHitsHandler });
    const stylish = await runCli(root, ['check']);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toBe('');

    const json = await runCli(root, ['check', '--format', 'json']);
    expect(json.code).toBe(0);
    const results = JSON.parse(json.stdout) as LintResult[];
    // The handler names no client module but imports one that builds a client, so it is linted too, and clean.
    expect(results.map((result) => [path.relative(root, result.filePath), result.messages])).toEqual([
      ['lib/redis.ts', []],
      ['pages/api/hits.ts', []],
    ]);
  });
});
