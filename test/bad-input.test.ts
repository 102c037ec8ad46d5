/**
 * The input users really have, row by row: what `redis-singleton check` and `fix` (the built CLI)
 * print, the exit code, and proof that nothing but the intended files changed on disk (a digest
 * of every byte and mode before and after, outside folders included); then the rule itself,
 * through ESLint's Node API, on the same kinds of input.
 */
import { symlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-redis-singleton';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commitAll,
  git,
  makeProject,
  makeReadOnly,
  makeTempFolder,
  readProjectFile,
  removeTempFolders,
  runCli,
  treeDigest,
  writeFiles,
} from './helpers/cli.js';

afterAll(removeTempFolders);

const packageJson = `${JSON.stringify({ name: 'shop', private: true, dependencies: { ioredis: '^5.11.1', next: '^16.4.6' } }, null, 2)}\n`;

/** The canonical per-request site, `new Redis(` at 5:17. */
const hitsHandler = `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL);
  res.status(200).json({ hits: await redis.incr('hits') });
}
`;

/** What `fix` leaves of it. */
const fixedHitsHandler = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.status(200).json({ hits: await redis.incr('hits') });
}
`;

/** The shared module `fix` creates for it: the client is built on first use, kept on globalThis for Next.js reloads. */
const createdSharedModule = `import { Redis } from 'ioredis';

// One Redis client per process, built on first use: every request reuses its connection instead of opening one.
// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis as unknown as { redis?: Redis };

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  globalForRedis.redis ??= new Redis(process.env.REDIS_URL);
  return globalForRedis.redis;
}
`;

/** The same module where nothing says a dev server re-evaluates modules: a plain module singleton. */
const createdPlainModule = `import { Redis } from 'ioredis';

// One Redis client per process, built on first use: every request reuses its connection instead of opening one.
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(process.env.REDIS_URL);
  return redisClients.redis;
}
`;

/** The closing parenthesis of `json(` is missing on line 6. */
const brokenHandler = `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') };
}
`;

/** A binary blob named `.ts` (an MPEG transport stream) that happens to hold the bytes of `ioredis`. */
const binaryVideo = Buffer.concat([Buffer.from([0x47, 0x40, 0x11, 0x10, 0x00, 0x42, 0xf0, 0x25]), Buffer.from("import Redis from 'ioredis'; new Redis()"), Buffer.alloc(64)]);

/** The HTTP client of the edge routes, named `Redis` like ioredis's class. */
const upstashModule = `import { Redis } from '@upstash/redis';

// The HTTP client used by the edge routes.
export const redis = Redis.fromEnv();
`;

/** Two helpers that import each other; the factory's client is built at 5:10 of lib/cache.ts. */
const cacheHelper = `import Redis from 'ioredis';
import { keyPrefix } from './keys';

export function cacheClient() {
  return new Redis(process.env.REDIS_URL, { keyPrefix: keyPrefix() });
}
`;
const keysHelper = `import { cacheClient } from './cache';

export function keyPrefix(): string {
  return 'shop:';
}

export function warm() {
  return cacheClient().ping();
}
`;

/** Imports a module that does not exist. */
const unresolvedImportHandler = `import { ordersClient } from '../../lib/orders-client';

export default async function handler(req, res) {
  res.json({ orders: await ordersClient().lrange('orders', 0, 9) });
}
`;

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

/** Five megabytes of generated lookup data after the handler. */
function bigHandler(): string {
  const entries: string[] = [];
  for (let index = 0, size = 0; size < 5 * 1024 * 1024; index++) {
    const line = `  '${String(index).padStart(7, '0')}': 'region-${index % 97}',`;
    entries.push(line);
    size += line.length + 1;
  }
  return `${hitsHandler}\nexport const regions: Record<string, string> = {\n${entries.join('\n')}\n};\n`;
}

const stylishFinding = (file: string, position: string): string =>
  `\n<root>/${file}\n  ${position}  error  \`new Redis()\` opens a new Redis connection on every request to this Next.js API route; ` +
  'build it once at module scope or import the shared client from lib/redis instead  redis-singleton/no-per-request-client\n';

const problems = (count: number): string => `\n✖ ${count} problem${count === 1 ? '' : 's'} (${count} error${count === 1 ? '' : 's'}, 0 warnings)\n`;

/** `fix`'s human summary, line by line. */
const summary = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The summary of a run on the one-handler project that could write nothing. */
const nothingWritten = (...failures: string[]): string =>
  summary('Scanned 1 file, changed 0.', 'Moved 0 Redis client constructions to a shared module.', ...failures);

interface Layout {
  /** The project the command runs in. */
  root: string;
  /** A folder beside it, for links that leave the root. */
  outside: string;
}

interface CliRow {
  name: string;
  files: Record<string, string | Uint8Array>;
  outsideFiles?: Record<string, string>;
  /** Runs after the files are written: permissions, links, git. */
  prepare?: (layout: Layout) => void | Promise<void>;
  /** Folder (relative to root) the command runs in. */
  cwd?: string;
  args: string[];
  code: number;
  /** Exact output; `<root>` and `<outside>` stand for the real paths. */
  stdout: string;
  stderr: string;
  /** Files (relative to root) the command writes, with their exact new content. */
  writes?: Record<string, string>;
}

/** Every row starts from a project holding the canonical handler, outside git unless it says otherwise. */
const project = (files: Record<string, string | Uint8Array> = {}): Record<string, string | Uint8Array> => ({
  'package.json': packageJson,
  'pages/api/hits.ts': hitsHandler,
  ...files,
});

const canonicalFix = summary(
  'Scanned 1 file, changed 2.',
  'Moved 1 Redis client construction to a shared module.',
  '  created lib/redis.ts',
);
const canonicalWrites = { 'pages/api/hits.ts': fixedHitsHandler, 'lib/redis.ts': createdSharedModule };

/** The project's only handler is a symlink to a file in the folder beside it. */
const handlerLinkedFromOutside: Pick<CliRow, 'files' | 'outsideFiles' | 'prepare'> = {
  files: { 'package.json': packageJson },
  outsideFiles: { 'hits.ts': hitsHandler },
  prepare: ({ root, outside }) => symlinkSync(path.join(outside, 'hits.ts'), path.join(root, 'pages/api/hits.ts')),
};

/** A git repository without package.json, inside a folder whose package.json belongs to something else. */
const repositoryBelowForeignPackage: Pick<CliRow, 'files' | 'prepare' | 'cwd'> = {
  files: {
    'package.json': `${JSON.stringify({ name: 'home-scripts', private: true }, null, 2)}\n`,
    'work/shop/pages/api/hits.ts': hitsHandler,
  },
  prepare: ({ root }) => {
    git(path.join(root, 'work/shop'), ['init', '--quiet']);
    commitAll(path.join(root, 'work/shop'));
  },
  cwd: 'work/shop',
};

const cliRows: CliRow[] = [
  {
    name: 'a file with a syntax error: fix reports it, leaves it, fixes the rest',
    files: project({ 'pages/api/broken.ts': brokenHandler }),
    args: ['fix'],
    code: 1,
    stdout: summary(
      'Scanned 2 files, changed 2.',
      'Moved 1 Redis client construction to a shared module.',
      '  created lib/redis.ts',
      '1 file failed:',
      "  pages/api/broken.ts: does not parse (line 5, column 46: ')' expected.); left untouched",
    ),
    stderr: '',
    writes: canonicalWrites,
  },
  {
    name: 'a file with a syntax error: check reports the parse error beside the finding',
    files: project({ 'pages/api/broken.ts': brokenHandler }),
    args: ['check'],
    code: 1,
    stdout: `\n<root>/pages/api/broken.ts\n  5:45  error  Parsing error: ')' expected\n${stylishFinding('pages/api/hits.ts', '5:17')}${problems(2)}`,
    stderr: '',
  },
  {
    name: 'a binary file with a source extension: fix skips it',
    files: project({ 'public/intro.ts': binaryVideo }),
    args: ['fix'],
    code: 0,
    stdout: summary('Scanned 2 files, changed 2.', 'Moved 1 Redis client construction to a shared module.', '  created lib/redis.ts'),
    stderr: '',
    writes: canonicalWrites,
  },
  {
    name: 'a binary file with a source extension: check skips it',
    files: project({ 'public/intro.ts': binaryVideo }),
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'a byte order mark: fix keeps it',
    files: project({ 'pages/api/hits.ts': `\uFEFF${hitsHandler}` }),
    args: ['fix'],
    code: 0,
    stdout: canonicalFix,
    stderr: '',
    writes: { ...canonicalWrites, 'pages/api/hits.ts': `\uFEFF${fixedHitsHandler}` },
  },
  {
    name: 'a byte order mark: check reports the same position',
    files: project({ 'pages/api/hits.ts': `\uFEFF${hitsHandler}` }),
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'CRLF line endings: fix keeps them on every line, the new import too',
    files: project({ 'pages/api/hits.ts': crlf(hitsHandler) }),
    args: ['fix'],
    code: 0,
    stdout: canonicalFix,
    stderr: '',
    writes: { ...canonicalWrites, 'pages/api/hits.ts': crlf(fixedHitsHandler) },
  },
  {
    name: 'CRLF line endings: check reports the same position',
    files: project({ 'pages/api/hits.ts': crlf(hitsHandler) }),
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'a 5 MB file: fix rewrites it like any other',
    files: project({ 'pages/api/hits.ts': bigHandler() }),
    args: ['fix'],
    code: 0,
    stdout: canonicalFix,
    stderr: '',
    writes: { ...canonicalWrites, 'pages/api/hits.ts': bigHandler().replace(hitsHandler, fixedHitsHandler) },
  },
  {
    name: 'a read-only file: fix says how to make it writable and writes nothing, not even the shared module',
    files: project(),
    prepare: ({ root }) => makeReadOnly(path.join(root, 'pages/api/hits.ts')),
    args: ['fix'],
    code: 1,
    stdout: nothingWritten(
      '1 file failed:',
      '  pages/api/hits.ts: is read-only; make it writable (chmod u+w) and run again',
    ),
    stderr: '',
  },
  {
    name: 'a symlink to a file outside the root: fix refuses to write through it, and creates no module for it',
    ...handlerLinkedFromOutside,
    args: ['fix'],
    code: 1,
    stdout: nothingWritten(
      '1 file failed:',
      '  pages/api/hits.ts: is a symbolic link to <outside>/hits.ts, outside the project root; it was left unchanged',
    ),
    stderr: '',
  },
  {
    name: 'a symlink to a file outside the root: check reads it under its link in the project',
    ...handlerLinkedFromOutside,
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'a dirty git tree: fix refuses and names the changes',
    files: project({ 'lib/format.ts': 'export const format = (count: number) => String(count);\n' }),
    prepare: async ({ root }) => {
      commitAll(root);
      await writeFiles(root, { 'lib/format.ts': 'export const format = (count: number) => count.toLocaleString();\n', 'notes.md': '# todo\n' });
    },
    args: ['fix'],
    code: 2,
    stdout: '',
    stderr:
      'redis-singleton: The git work tree has uncommitted changes:\n   M lib/format.ts\n  ?? notes.md\n' +
      'Commit or stash them first, so the rewrite can be reviewed and undone on its own, or pass --force.\n',
  },
  {
    name: 'a dirty git tree: check runs as usual',
    files: project(),
    prepare: async ({ root }) => {
      commitAll(root);
      await writeFiles(root, { 'notes.md': '# todo\n' });
    },
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'no git at all: fix runs without the clean-tree check',
    files: project(),
    args: ['fix'],
    code: 0,
    stdout: canonicalFix,
    stderr: '',
    writes: canonicalWrites,
  },
  {
    name: 'an existing lib/redis.ts of another shape (key helpers): fix adds the client to it and keeps the helpers',
    files: project({ 'lib/redis.ts': '// Key helpers shared by the routes.\nexport function redisKey(...parts: string[]): string {\n  return parts.join(\':\');\n}\n' }),
    args: ['fix'],
    code: 0,
    stdout: summary('Scanned 2 files, changed 2.', 'Moved 1 Redis client construction to a shared module.', '  updated lib/redis.ts'),
    stderr: '',
    writes: {
      'pages/api/hits.ts': fixedHitsHandler,
      'lib/redis.ts': `import { Redis } from 'ioredis';
// Key helpers shared by the routes.
export function redisKey(...parts: string[]): string {
  return parts.join(':');
}

${createdSharedModule.split('\n').slice(2).join('\n')}`,
    },
  },
  {
    name: 'a --singleton path that leaves the root: usage error',
    files: project(),
    args: ['fix', '--singleton', '../shared/redis.ts'],
    code: 2,
    stdout: '',
    stderr: 'redis-singleton: --singleton ../shared/redis.ts must name a file inside the project root <root>, such as lib/redis.ts.\n',
  },
  {
    name: 'a --singleton path that leaves the root through a symlinked folder: nothing is written',
    files: project(),
    prepare: ({ root, outside }) => symlinkSync(outside, path.join(root, 'shared')),
    args: ['fix', '--singleton', 'shared/redis.ts'],
    code: 1,
    stdout: nothingWritten(
      '2 files failed:',
      '  shared/redis.ts: would be written through <root>/shared, a symbolic link to <outside> outside the project root; nothing was written',
      '  pages/api/hits.ts: was not rewritten because the shared module shared/redis.ts could not be written',
    ),
    stderr: '',
  },
  {
    name: 'circular imports between helpers: check ends and reports the factory',
    files: {
      'package.json': packageJson,
      'lib/cache.ts': cacheHelper,
      'lib/keys.ts': keysHelper,
      'pages/api/hits.ts': "import { cacheClient } from '../../lib/cache';\n\nexport default async function handler(req, res) {\n  res.json({ hits: await cacheClient().incr('hits') });\n}\n",
    },
    args: ['check'],
    code: 1,
    // The factory's own file shows no per-request call: the route's call carries the report, naming the factory's line.
    stdout:
      '\n<root>/pages/api/hits.ts\n  4:26  error  `cacheClient()` (lib/cache.ts:5) opens a new Redis connection on every request to this Next.js API route; ' +
      `build the client once where it is defined, or import the shared client from lib/redis instead  redis-singleton/no-per-request-client\n${problems(1)}`,
    stderr: '',
  },
  {
    name: 'an import that does not resolve: check falls back to the file alone, silently',
    files: project({
      'pages/api/orders.ts': unresolvedImportHandler,
    }),
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'an import that does not resolve: fix leaves that file alone',
    files: project({
      'pages/api/orders.ts': unresolvedImportHandler,
    }),
    args: ['fix'],
    code: 0,
    stdout: summary('Scanned 2 files, changed 2.', 'Moved 1 Redis client construction to a shared module.', '  created lib/redis.ts'),
    stderr: '',
    writes: canonicalWrites,
  },
  {
    name: 'a git repository without package.json below an unrelated package.json: the root stops at the git top level',
    ...repositoryBelowForeignPackage,
    args: ['check'],
    code: 1,
    stdout: `${stylishFinding('work/shop/pages/api/hits.ts', '5:17')}${problems(1)}`,
    stderr: '',
  },
  {
    name: 'a git repository without package.json below an unrelated package.json: fix writes inside the repository',
    ...repositoryBelowForeignPackage,
    args: ['fix'],
    code: 0,
    stdout: canonicalFix,
    stderr: '',
    // No package.json says Next.js here, so the module is a plain singleton, without the hot-reload guard.
    writes: { 'work/shop/pages/api/hits.ts': fixedHitsHandler, 'work/shop/lib/redis.ts': createdPlainModule },
  },
];

/** The digest of both folders, with each file the row writes taken out. */
function untouched(layout: Layout, writes: Record<string, string> = {}): Record<string, string> {
  const entries = { ...treeDigest(layout.root) };
  for (const [file, digest] of Object.entries(treeDigest(layout.outside))) entries[`<outside>/${file}`] = digest;
  for (const file of Object.keys(writes)) delete entries[file];
  return entries;
}

function withPlaceholders(text: string, { root, outside }: Layout): string {
  return text.replaceAll(outside, '<outside>').replaceAll(root, '<root>');
}

async function expectCliRow(row: CliRow): Promise<void> {
  const layout: Layout = { root: await makeProject(row.files), outside: await makeTempFolder() };
  await mkdir(path.join(layout.root, 'pages/api'), { recursive: true });
  await writeFiles(layout.outside, row.outsideFiles ?? {});
  await row.prepare?.(layout);
  const before = untouched(layout, row.writes);
  const gitStatusBefore = row.prepare === undefined ? undefined : gitStatus(layout.root, row.cwd);

  const run = await runCli(path.join(layout.root, row.cwd ?? ''), row.args);

  expect({ code: run.code, stdout: withPlaceholders(run.stdout, layout), stderr: withPlaceholders(run.stderr, layout) }).toEqual({
    code: row.code,
    stdout: row.stdout,
    stderr: row.stderr,
  });
  expect(untouched(layout, row.writes)).toEqual(before);
  for (const [file, text] of Object.entries(row.writes ?? {})) expect(readProjectFile(layout.root, file), file).toBe(text);
  if (gitStatusBefore !== undefined && row.writes === undefined) expect(gitStatus(layout.root, row.cwd)).toBe(gitStatusBefore);
}

describe('bad input: the CLI', () => {
  it.each(cliRows.map((row) => [row.name, row] as const))('%s', (_name, row) => expectCliRow(row), 240_000);

  // The existing module binds `Redis` to @upstash/redis: the ioredis client appended to it imports `Redis` under
  // an alias rather than building itself with the HTTP client's class.
  it('an existing lib/redis.ts that binds Redis to @upstash/redis: fix builds the appended client with ioredis', async () => {
    const root = await makeProject(project({ 'lib/redis.ts': upstashModule }));
    const run = await runCli(root, ['fix']);
    expect(run.code).toBe(0);
    const shared = readProjectFile(root, 'lib/redis.ts');
    expect(shared.startsWith(upstashModule) || shared.includes(`\n${upstashModule}`)).toBe(true);
    const ioredisBinding = /^import \{ Redis(?: as (\w+))? \} from 'ioredis';$/m.exec(shared);
    expect(ioredisBinding).not.toBeNull();
    expect(shared).toContain(`new ${ioredisBinding?.[1] ?? 'Redis'}(process.env.REDIS_URL)`);
  }, 240_000);
});

/** `git status` of the repository the row made, if any: a run that writes nothing leaves it as it was. */
function gitStatus(root: string, cwd = ''): string | undefined {
  try {
    return git(path.join(root, cwd), ['status', '--porcelain', '--untracked-files=all']);
  } catch {
    return undefined;
  }
}

// The rule, as an editor or `eslint` runs it: the plugin's recommended config, typescript-eslint's parser.
interface RuleRow {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** The file linted, relative to the project. */
  lint: string;
  /** Replaces the recommended setting of the rule. */
  ruleSetting?: Linter.RuleEntry;
  /** `line:column message` of every message, or the error ESLint throws. */
  messages?: string[];
  error?: string;
}

const perRequestMessage =
  '`new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.';

const ruleRows: RuleRow[] = [
  {
    name: 'a syntax error is a parse message, not a crash',
    files: { 'package.json': packageJson, 'pages/api/broken.ts': brokenHandler },
    lint: 'pages/api/broken.ts',
    messages: ["5:45 Parsing error: ')' expected."],
  },
  {
    name: 'a binary file that holds the bytes of ioredis is a parse message, not a crash',
    files: { 'package.json': packageJson, 'public/intro.ts': binaryVideo },
    lint: 'public/intro.ts',
    messages: ['1:0 Parsing error: Unexpected keyword or identifier.'],
  },
  {
    name: 'a byte order mark does not move the finding',
    files: { 'package.json': packageJson, 'pages/api/hits.ts': `\uFEFF${hitsHandler}` },
    lint: 'pages/api/hits.ts',
    messages: [`5:17 ${perRequestMessage}`],
  },
  {
    name: 'CRLF line endings do not move the finding',
    files: { 'package.json': packageJson, 'pages/api/hits.ts': crlf(hitsHandler) },
    lint: 'pages/api/hits.ts',
    messages: [`5:17 ${perRequestMessage}`],
  },
  {
    name: 'a 5 MB file is linted like any other',
    files: { 'package.json': packageJson, 'pages/api/hits.ts': bigHandler() },
    lint: 'pages/api/hits.ts',
    messages: [`5:17 ${perRequestMessage}`],
  },
  {
    name: 'an unknown option is a schema error of the config, not a crash of the rule',
    files: { 'package.json': packageJson, 'pages/api/hits.ts': hitsHandler },
    lint: 'pages/api/hits.ts',
    ruleSetting: ['error', { handlerNames: ['handler'], hoistAll: true }],
    error:
      'Key "rules": Key "redis-singleton/no-per-request-client":\n\tValue {"sources":[],"handlerNames":["handler"],"onceWrappers":["once","memoize"],"allowInFunctions":[],"hoistAll":true} should NOT have additional properties.\n\t\tUnexpected property "hoistAll". Expected properties: "sources", "handlerNames", "onceWrappers", "allowInFunctions".',
  },
  {
    name: 'an option of the wrong type is a schema error of the config',
    files: { 'package.json': packageJson, 'pages/api/hits.ts': hitsHandler },
    lint: 'pages/api/hits.ts',
    ruleSetting: ['error', { handlerNames: 'handler' }],
    error: 'Key "rules": Key "redis-singleton/no-per-request-client":\n\tValue "handler" should be array.',
  },
  {
    name: 'circular imports between helpers end, with the factory reported at its per-request call as without the cycle',
    files: {
      'package.json': packageJson,
      'lib/cache.ts': cacheHelper,
      'lib/keys.ts': keysHelper,
      'pages/api/hits.ts': "import { cacheClient } from '../../lib/cache';\n\nexport default async function handler(req, res) {\n  const redis = cacheClient();\n  res.json({ hits: await redis.incr('hits') });\n}\n",
    },
    lint: 'pages/api/hits.ts',
    messages: [
      '4:17 `cacheClient()` (lib/cache.ts:5) opens a new Redis connection on every request to this Next.js API route; build the client once where it is defined, or import the shared client from lib/redis instead.',
    ],
  },
  {
    name: 'an import that does not resolve falls back to the file alone, silently',
    files: {
      'package.json': packageJson,
      'pages/api/orders.ts': unresolvedImportHandler,
    },
    lint: 'pages/api/orders.ts',
    messages: [],
  },
];

describe('bad input: the rule through ESLint', () => {
  it.each(ruleRows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const root = await makeProject(row.files);
    const before = treeDigest(root);
    const overrideConfig: Linter.Config[] = [
      plugin.configs.recommended as Linter.Config,
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    ];
    if (row.ruleSetting !== undefined) overrideConfig.push({ rules: { 'redis-singleton/no-per-request-client': row.ruleSetting } });
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig });
    const linted = eslint.lintFiles([path.join(root, row.lint)]);
    if (row.error !== undefined) {
      await expect(linted).rejects.toThrow(row.error);
      await linted.catch((error: unknown) => expect(error).not.toBeInstanceOf(TypeError));
    } else {
      const [result] = await linted;
      expect(result.messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual(row.messages);
    }
    expect(treeDigest(root)).toEqual(before);
  }, 120_000);
});
