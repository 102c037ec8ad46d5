/**
 * The fixture contract, one describe per scenario under fixtures/: the rule's exact findings on
 * input/; `redis-singleton fix` turning a copy of input/ into expected/, tree for tree; a second
 * run changing nothing; the result linting clean (unsafe: only its deliberate sites) and
 * type-checking. `npm run fixtures:update` regenerates expected/.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-redis-singleton';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, fixtureDir, readTree, removeFixtureCopy, repoRoot } from './helpers/fixture-tree.js';
import { typeCheck } from './helpers/type-check.js';

const cliPath = path.join(repoRoot, 'dist', 'cli', 'index.js');
const ruleId = 'redis-singleton/no-per-request-client';

/** The `--json` summary of `redis-singleton fix`; paths are relative to the project root. */
interface FixSummary {
  filesScanned: number;
  filesChanged: number;
  sitesHoisted: number;
  sitesMovedWithinFile: number;
  sitesSkipped: { file: string; line: number; reason: string }[];
  modules: { path: string; action: 'created' | 'reused' | 'updated'; why?: string }[];
  errors: { file: string; message: string }[];
}

interface FixRun {
  exitCode: number | null;
  summary: FixSummary;
}

interface NodeRun {
  exitCode: number | null;
  output: string;
}

function runNode(args: string[], cwd: string): Promise<NodeRun & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, stdout, output: stdout + stderr }));
  });
}

async function fix(root: string): Promise<FixRun> {
  const run = await runNode([cliPath, 'fix', '--force', '--json', root], repoRoot);
  try {
    return { exitCode: run.exitCode, summary: JSON.parse(run.stdout) as FixSummary };
  } catch {
    throw new Error(`redis-singleton fix exited with ${run.exitCode} and no JSON summary:\n${run.output}`);
  }
}

/** `file:line:column message` for every lint message, in file and position order. */
async function lint(root: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { type?: string };
  const overrideConfig: Linter.Config[] = [
    plugin.configs.recommended as Linter.Config,
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
  ];
  // Node runs .js as CommonJS without "type": "module"; such a project's lint config says so.
  if (manifest.type !== 'module') overrideConfig.push({ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } });
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig });
  const messages = (await eslint.lintFiles(['.'])).flatMap((result) =>
    result.messages.map((message) => ({ file: path.relative(root, result.filePath).split(path.sep).join('/'), message })),
  );
  messages.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.message.line - b.message.line || a.message.column - b.message.column,
  );
  return messages.map(({ file, message }) => {
    const origin = message.ruleId === ruleId ? '' : ` [${message.ruleId ?? 'parse error'}]`;
    return `${file}:${message.line}:${message.column} ${message.message}${origin}`;
  });
}

/** `node --check` on every JavaScript file of a tree: syntax errors per file, none when all parse. */
async function nodeSyntaxErrors(root: string): Promise<string[]> {
  const errors: string[] = [];
  for (const file of (await readTree(root)).keys()) {
    if (!/\.[cm]?js$/.test(file)) continue;
    const { exitCode, output } = await runNode(['--check', file], root);
    if (exitCode !== 0) errors.push(`${file}: ${output}`);
  }
  return errors;
}

const asObject = (tree: Map<string, string>): Record<string, string> => Object.fromEntries(tree);

interface FixtureContract {
  language: 'typescript' | 'javascript';
  /** The rule's findings on input/, reviewed line by line against DESIGN.md. */
  findings: string[];
  /** The summary of the first `fix` run on a copy of input/. */
  summary: FixSummary;
  /** The rule's findings on the fixed tree: none, except sites the codemod must leave alone. */
  findingsAfterFix: string[];
}

function describeFixture(scenario: string, contract: FixtureContract): void {
  describe(scenario, () => {
    it('input has exactly the expected findings', async () => {
      expect(await lint(fixtureDir(scenario, 'input'))).toEqual(contract.findings);
    });

    if (contract.language === 'typescript') {
      it('input type-checks', async () => {
        const input = await copyFixture(scenario, 'input');
        try {
          expect(typeCheck(input)).toEqual({ exitCode: 0, output: '' });
        } finally {
          await removeFixtureCopy(input);
        }
      });
    }

    describe('redis-singleton fix', () => {
      let copy: string | undefined;
      let first: FixRun;
      let afterFirst: Map<string, string>;
      let second: FixRun;
      let afterSecond: Map<string, string>;

      beforeAll(async () => {
        copy = await copyFixture(scenario, 'input');
        first = await fix(copy);
        afterFirst = await readTree(copy);
        second = await fix(copy);
        afterSecond = await readTree(copy);
      });

      afterAll(async () => {
        if (copy !== undefined) await removeFixtureCopy(copy);
      });

      it('turns a copy of input/ into expected/, file for file', async () => {
        // Soft: a wrong summary should not hide the tree diff below it.
        expect.soft(first.exitCode).toBe(0);
        expect.soft(first.summary).toEqual(contract.summary);
        expect(asObject(afterFirst)).toEqual(asObject(await readTree(fixtureDir(scenario, 'expected'))));
      });

      it('changes nothing on a second run', () => {
        expect(second.exitCode).toBe(0);
        expect(second.summary.filesChanged).toBe(0);
        expect(second.summary.sitesHoisted).toBe(0);
        expect(second.summary.modules.filter((module) => module.action !== 'reused')).toEqual([]);
        // The same sites, for the same reasons; their lines in the rewritten files are held by findingsAfterFix.
        const sameSites = (summary: FixSummary): { file: string; reason: string }[] => summary.sitesSkipped.map(({ file, reason }) => ({ file, reason }));
        expect(sameSites(second.summary)).toEqual(sameSites(first.summary));
        expect(asObject(afterSecond)).toEqual(asObject(afterFirst));
      });

      it('leaves nothing hoistable for the rule to report', async () => {
        expect(await lint(copy as string)).toEqual(contract.findingsAfterFix);
      });

      if (contract.language === 'typescript') {
        it('result type-checks', async () => {
          expect(typeCheck(copy as string)).toEqual({ exitCode: 0, output: '' });
        });
      } else {
        it('result parses under Node', async () => {
          expect(await nodeSyntaxErrors(copy as string)).toEqual([]);
        });
      }
    });
  });
}

describeFixture('next-pages-api', {
  language: 'typescript',
  findings: [
    'pages/api/hits.ts:8:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.',
    'pages/api/session.ts:8:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.',
    'pages/api/stats.ts:6:18 `getClient()` (lib/cache.ts:4) opens a new Redis connection on every request to this Next.js API route; build the client once where it is defined, or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 5,
    filesChanged: 5,
    sitesHoisted: 3,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
    errors: [],
  },
  findingsAfterFix: [],
});

describeFixture('next-app-router', {
  language: 'typescript',
  findings: [
    'src/app/actions.ts:6:17 `new Redis()` opens a new Redis connection on every call to this server action `addToCart`; build it once at module scope or import the shared client from lib/redis instead.',
    'src/app/api/counter/route.ts:7:17 `new Redis()` opens a new Redis connection on every request to this Next.js route handler `GET`; build it once at module scope or import the shared client from lib/redis instead.',
    'src/app/api/counter/route.ts:13:17 `new Redis()` opens a new Redis connection on every request to this Next.js route handler `POST`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 3,
    filesChanged: 3,
    sitesHoisted: 3,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
    errors: [],
  },
  findingsAfterFix: [],
});

describeFixture('lambda-node-redis', {
  language: 'typescript',
  findings: [
    'src/handler.ts:5:18 `createClient()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`; build it once at module scope or import the shared client from lib/redis instead.',
    'src/orders.ts:13:24 `createClient()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 4,
    filesChanged: 3,
    sitesHoisted: 2,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
    errors: [],
  },
  findingsAfterFix: [],
});

describeFixture('lambda-cjs-cluster', {
  language: 'javascript',
  findings: [
    'handler.js:7:19 `new Redis.Cluster()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [{ path: 'lib/redis.js', action: 'created' }],
    errors: [],
  },
  findingsAfterFix: [],
});

describeFixture('express', {
  language: 'javascript',
  findings: [
    'app.js:10:17 `new IORedis()` opens a new Redis connection on every request to this Express route callback; build it once at module scope or import the shared client from lib/redis instead.',
    'app.js:18:19 `new IORedis()` opens a new Redis connection on every `new SessionStore()`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 2,
    sitesHoisted: 2,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [{ path: 'lib/redis.js', action: 'created' }],
    errors: [],
  },
  findingsAfterFix: [],
});

describeFixture('already-good', {
  language: 'typescript',
  findings: [],
  summary: {
    filesScanned: 40,
    filesChanged: 0,
    sitesHoisted: 0,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [],
    errors: [],
  },
  findingsAfterFix: [],
});

const unsafeFindings = [
  'pages/api/events.ts:11:15 `new Redis()` opens a new Redis connection on every request to this Next.js API route, and it cannot simply be shared because it subscribes (`subscribe`), which needs a connection of its own.',
  'pages/api/next-job.ts:5:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route, and it cannot simply be shared because it runs the blocking command `BLPOP`, which holds its connection.',
  'pages/api/report.ts:7:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route, and it cannot simply be shared because it switches databases with `SELECT`, which would change the database for every user of a shared client.',
  'pages/api/tenant.ts:5:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route, and it cannot simply be shared because its options use `req`.',
];

describeFixture('unsafe', {
  language: 'typescript',
  findings: unsafeFindings,
  summary: {
    filesScanned: 4,
    filesChanged: 0,
    sitesHoisted: 0,
    sitesMovedWithinFile: 0,
    sitesSkipped: [
      { file: 'pages/api/events.ts', line: 11, reason: 'it subscribes (`subscribe`), which needs a connection of its own' },
      { file: 'pages/api/next-job.ts', line: 5, reason: 'it runs the blocking command `BLPOP`, which holds its connection' },
      {
        file: 'pages/api/report.ts',
        line: 7,
        reason: 'it switches databases with `SELECT`, which would change the database for every user of a shared client',
      },
      { file: 'pages/api/tenant.ts', line: 5, reason: 'its options use `req`' },
    ],
    modules: [],
    errors: [],
  },
  // The codemod leaves every unsafe site in place, so the rule still reports each of them.
  findingsAfterFix: unsafeFindings,
});

describeFixture('mixed', {
  language: 'typescript',
  findings: [
    'pages/api/a.ts:6:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.',
    'pages/api/b.ts:8:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.',
    'pages/api/c.ts:6:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  // The route on REDIS_URL reuses the existing export. lib/redis.ts builds its client when imported, so the cache
  // routes' client goes in a new module beside it: importing lib/redis.ts for it would open REDIS_URL's too.
  summary: {
    filesScanned: 5,
    filesChanged: 4,
    sitesHoisted: 3,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      { path: 'lib/redis-clients.ts', action: 'created', why: 'beside lib/redis.ts, which builds its clients when it is imported' },
      { path: 'lib/redis.ts', action: 'reused' },
    ],
    errors: [],
  },
  findingsAfterFix: [],
});

describeFixture('monorepo', {
  language: 'javascript',
  findings: [
    'packages/api/src/routes/cart.ts:5:17 `new Redis()` opens a new Redis connection on every call to `addToCart()`; build it once at module scope or import the shared client from lib/redis instead.',
    'packages/worker/handler.js:4:18 `createClient()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 3,
    filesChanged: 4,
    sitesHoisted: 2,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'packages/api/src/lib/redis.ts',
        action: 'created'
      },
      {
        path: 'packages/worker/lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('esm-js', {
  language: 'javascript',
  findings: [
    'routes/visits.js:4:18 `createClient()` opens a new Redis connection on every call to `countVisit()`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('cjs', {
  language: 'javascript',
  findings: [
    'routes/profile.js:4:17 `new Redis()` opens a new Redis connection on every call to `getProfile()`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('node-redis-3', {
  language: 'javascript',
  findings: [
    'routes/counter.js:5:18 `redis.createClient()` opens a new Redis connection on every call to `increment()`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 1,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('ioredis-4', {
  language: 'javascript',
  findings: [
    'routes/session.js:4:17 `new Redis()` opens a new Redis connection on every call to `readSession()`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 1,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('dotenv-after-imports', {
  language: 'javascript',
  findings: [
    'routes/stock.js:4:17 `new Redis()` opens a new Redis connection on every call to `stockLevel()`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 3,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('health-check', {
  language: 'javascript',
  findings: [
    'server.js:7:34 `healthCheck()` (health.js:5) opens a new Redis connection on every request to this Express route callback; build the client once where it is defined, or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('helper-callers', {
  language: 'typescript',
  findings: [
    'src/routes/health.ts:5:24 `connectRedis()` (src/lib/redis-client.ts:5) opens a new Redis connection on every call to `ping()`; build the client once where it is defined, or import the shared client from lib/redis instead.',
    'src/routes/orders.ts:5:23 `connectRedis()` (src/lib/redis-client.ts:5) opens a new Redis connection on every call to `listOrders()`; build the client once where it is defined, or import the shared client from lib/redis instead.',
    'src/routes/orders.ts:13:23 `connectRedis()` (src/lib/redis-client.ts:5) opens a new Redis connection on every call to `countOrders()`; build the client once where it is defined, or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 4,
    filesChanged: 4,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'src/lib/redis.ts',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('service-shutdown', {
  language: 'typescript',
  findings: [

  ],
  summary: {
    filesScanned: 2,
    filesChanged: 0,
    sitesHoisted: 0,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('bullmq', {
  language: 'javascript',
  findings: [
    'routes/jobs.js:5:49 `new Redis()` opens a new Redis connection on every call to `enqueue()`; build it once at module scope or import the shared client from lib/redis instead.',
    'routes/jobs.js:12:56 `new Redis()` opens a new Redis connection on every call to `waitForJob()`, and it cannot simply be shared because it is handed to BullMQ `QueueEvents`, which reads a blocking stream and needs a connection of its own.',
    'routes/jobs.js:13:49 `new Redis()` opens a new Redis connection on every call to `waitForJob()`; build it once at module scope or import the shared client from lib/redis instead.',
    'routes/jobs.js:20:22 `new Redis()` opens a new Redis connection on every call to `startWorker()`, and it cannot simply be shared because it is handed to a BullMQ `Worker`, which blocks on its connection and needs one of its own.',
  ],
  summary: {
    filesScanned: 1,
    filesChanged: 2,
    sitesHoisted: 2,
    sitesMovedWithinFile: 0,
    sitesSkipped: [
      {
        file: 'routes/jobs.js',
        line: 12,
        reason: 'it is handed to BullMQ `QueueEvents`, which reads a blocking stream and needs a connection of its own'
      },
      {
        file: 'routes/jobs.js',
        line: 20,
        reason: 'it is handed to a BullMQ `Worker`, which blocks on its connection and needs one of its own'
      }
    ],
    modules: [
      {
        path: 'lib/redis.js',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [
    'routes/jobs.js:13:56 `new Redis()` opens a new Redis connection on every call to `waitForJob()`, and it cannot simply be shared because it is handed to BullMQ `QueueEvents`, which reads a blocking stream and needs a connection of its own.',
    'routes/jobs.js:21:22 `new Redis()` opens a new Redis connection on every call to `startWorker()`, and it cannot simply be shared because it is handed to a BullMQ `Worker`, which blocks on its connection and needs one of its own.',
  ],
});

// The adapter's clients are built once, when the server starts: nothing runs per request, nothing is reported.
describeFixture('socket-io', {
  language: 'javascript',
  findings: [

  ],
  summary: {
    filesScanned: 2,
    filesChanged: 0,
    sitesHoisted: 0,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [],
    errors: []
  },
  findingsAfterFix: [

  ],
});

// Each request duplicates the imported publisher to subscribe: reported, and left as a dedicated connection.
describeFixture('sse-subscriber', {
  language: 'typescript',
  findings: [
    'app/api/events/route.ts:4:22 `publisher.duplicate()` (lib/publisher.ts:3) opens a new Redis connection on every request to this Next.js route handler `GET`, and it cannot simply be shared because it subscribes (`subscribe`), which needs a connection of its own.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 0,
    sitesHoisted: 0,
    sitesMovedWithinFile: 0,
    sitesSkipped: [
      {
        file: 'app/api/events/route.ts',
        line: 4,
        reason: 'it subscribes (`subscribe`), which needs a connection of its own'
      }
    ],
    modules: [],
    errors: []
  },
  findingsAfterFix: [
    'app/api/events/route.ts:4:22 `publisher.duplicate()` (lib/publisher.ts:3) opens a new Redis connection on every request to this Next.js route handler `GET`, and it cannot simply be shared because it subscribes (`subscribe`), which needs a connection of its own.',
  ],
});

describeFixture('cache-env-check', {
  language: 'typescript',
  findings: [
    'src/app/api/product/route.ts:11:17 `new Redis()` opens a new Redis connection on every request to this Next.js route handler `GET`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 1,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'src/lib/redis.ts',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('redis-folder', {
  language: 'typescript',
  findings: [
    'pages/api/top.ts:6:17 `new Redis()` opens a new Redis connection on every request to this Next.js API route; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 2,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis/client.ts',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('crlf-bom', {
  language: 'typescript',
  findings: [
    'api/item.ts:4:17 `new Redis()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`; build it once at module scope or import the shared client from lib/redis instead.',
  ],
  summary: {
    filesScanned: 1,
    filesChanged: 2,
    sitesHoisted: 1,
    sitesMovedWithinFile: 0,
    sitesSkipped: [],
    modules: [
      {
        path: 'lib/redis.ts',
        action: 'created'
      }
    ],
    errors: []
  },
  findingsAfterFix: [

  ],
});

describeFixture('callback-lambda', {
  language: 'javascript',
  findings: [
    'handler.js:4:17 `new Redis()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`, and it cannot simply be shared because it closes the client inside an expression the fix cannot remove.',
  ],
  summary: {
    filesScanned: 1,
    filesChanged: 0,
    sitesHoisted: 0,
    sitesMovedWithinFile: 0,
    sitesSkipped: [
      {
        file: 'handler.js',
        line: 4,
        reason: 'it closes the client inside an expression the fix cannot remove'
      }
    ],
    modules: [],
    errors: []
  },
  findingsAfterFix: [
    'handler.js:4:17 `new Redis()` opens a new Redis connection on every invocation of this AWS Lambda handler `handler`, and it cannot simply be shared because it closes the client inside an expression the fix cannot remove.',
  ],
});

