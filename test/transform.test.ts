/**
 * The rewrite, as literal input → output pairs (DESIGN.md "The rewrite"): each case is a small project in memory,
 * run through `runCodemod`; every file it writes (call sites and the shared module) must equal the expected text,
 * the summary must say what moved, what was skipped and which module was created, reused or updated, and a
 * second run over the output must change nothing. One more test runs the built transform through the real
 * jscodeshift CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayContainRedisClient, runCodemod } from '../codemods/project.js';
import type { CodemodResult, FileError, ModuleAction, SkippedSite } from '../codemods/types.js';
import { repoRoot } from './helpers/fixture-tree.js';
import { firstConnectRoutes } from './helpers/first-connect-project.js';
import { perRequestPagesRoute, reusedFactoryFiles } from './helpers/reused-factory-project.js';
import { lazyNodeRedisClient } from './rules/cases/lazy-node-redis-client.js';

// A real folder: the engine resolves imports (tsconfig paths, index files) through the file system, as the CLI does.
const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-transform-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Lays the case's tree out under `root`, replacing the previous case's. */
function layOut(tree: Record<string, string>): void {
  for (const entry of readdirSync(root)) rmSync(path.join(root, entry), { recursive: true, force: true });
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

interface TransformCase {
  name: string;
  /** The project before the run, relative path → text (package.json and tsconfig.json included when the case needs them). */
  input: Record<string, string>;
  /** Every file the run writes, relative path → exact text. */
  output: Record<string, string>;
  sitesHoisted: number;
  sitesSkipped?: Omit<SkippedSite, 'column'>[];
  modules: ModuleAction[];
  errors?: FileError[];
}

const sourceFile = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Runs the engine as `redis-singleton fix` does: files that may build a client are transformed, the rest only read. */
function run(tree: Record<string, string>): CodemodResult {
  layOut(tree);
  const sources = Object.keys(tree).filter((file) => sourceFile.test(file) && !/\.d\.[cm]?ts$/.test(file));
  const candidates = sources.filter((file) => mayContainRedisClient(tree[file]));
  return runCodemod({
    root,
    files: candidates.map((file) => ({ path: `${root}/${file}`, source: tree[file] })),
    otherFiles: sources.filter((file) => !candidates.includes(file)).map((file) => `${root}/${file}`),
    readFile: (absolute) => tree[path.posix.relative(root, absolute)],
  });
}

function writesOf(result: CodemodResult): Record<string, string> {
  return Object.fromEntries([...result.writes].map(([absolute, text]) => [path.posix.relative(root, absolute), text]));
}

// ---------------------------------------------------------------------------------------------------------------
// The shared module texts the cases expect: the first case spells one out, the rest use these templates.

const WHY = '// One Redis client per process, built on first use: every request reuses its connection instead of opening one.';
/** A client moved within its file is built by a getter there on first use (ioredis connects when built). */
const IN_FILE_WHY = '// One Redis client per process, built on first use: every call reuses its connection instead of opening one.';

/** The TypeScript shared module created for one ioredis configuration: a getter that builds the client on first use. */
function ioredisModule(args: string): string {
  return `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(${args});
  return redisClients.redis;
}
`;
}

/** The TypeScript shared module created for one node-redis 3 configuration: it connects by itself, so the getter is synchronous. */
function nodeRedis3Module(options: string): string {
  return `import { createClient } from 'redis';

${WHY}
const redisClients: { redis?: ReturnType<typeof createClient> } = {};

/** The shared client, built on the first call (node-redis 3 connects by itself). */
export function getRedis(): ReturnType<typeof createClient> {
  if (!redisClients.redis) {
    redisClients.redis = createClient(${options});
    redisClients.redis.on('error', (error: unknown) => console.error('Redis client error', error));
  }
  return redisClients.redis;
}
`;
}

/** The CommonJS shared module created for one ioredis configuration. */
function commonJsIoredisModule(args: string): string {
  return `const { Redis } = require('ioredis');

${WHY}
const redisClients = {};

/** The shared client, built on the first call. */
function getRedis() {
  if (!redisClients.redis) redisClients.redis = new Redis(${args});
  return redisClients.redis;
}

exports.getRedis = getRedis;
`;
}

/**
 * The TypeScript shared module created for one node-redis configuration: connected on first use, failing fast, or, with
 * the call site's own 'error' listener (`listener`), registering it before connecting as the call site did.
 */
function nodeRedisModule(args: string, listener?: string): string {
  const why = listener === undefined
    ? "/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */"
    : "/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */";
  const dropping = listener === undefined
    ? `  client.on('error', (error: unknown) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    redisClients.redis = undefined;
    client.destroy();
  });
`
    : '';
  return `import { createClient } from 'redis';

function createRedis() {
  return createClient(${args});
}

type RedisClient = ReturnType<typeof createRedis>;

${WHY}
const redisClients: { redis?: Promise<RedisClient> } = {};

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function getRedis(): Promise<RedisClient> {
  redisClients.redis ??= connectRedis();
  return redisClients.redis;
}

${why}
async function connectRedis(): Promise<RedisClient> {
  const client = createRedis();
${listener === undefined ? '' : `  client.on('error', ${listener});\n`}  try {
    await client.connect();
  } catch (error) {
    redisClients.redis = undefined;
    throw error;
  }
${dropping}  return client;
}
`;
}

/**
 * What one node-redis 5 configuration adds to a shared module whose code is indented by 4 spaces, with no semicolons
 * and double quotes: the client's create function, its type, the holder and the connecting getter.
 */
function bareDoubleQuotedNodeRedisExport(name: string, args: string): string {
  const capitalised = `${name[0].toUpperCase()}${name.slice(1)}`;
  return `function create${capitalised}() {
    return createClient(${args})
}

type ${capitalised}Client = ReturnType<typeof create${capitalised}>

${WHY}
const redisClients: { ${name}?: Promise<${capitalised}Client> } = {}

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function get${capitalised}(): Promise<${capitalised}Client> {
    redisClients.${name} ??= connect${capitalised}()
    return redisClients.${name}
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connect${capitalised}(): Promise<${capitalised}Client> {
    const client = create${capitalised}()
    try {
        await client.connect()
    } catch (error) {
        redisClients.${name} = undefined
        throw error
    }
    client.on("error", (error: unknown) => {
        console.error("Redis client error", error)
        // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
        redisClients.${name} = undefined
        client.destroy()
    })
    return client
}
`;
}

const nextTsconfig = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "strict": true,
    "skipLibCheck": true
  }
}
`;

/** A node-redis 5 package for the cases whose helper returns a client its callers connect. */
const otpPackage = `{ "name": "otp", "private": true, "dependencies": { "redis": "^5.8.0" } }
`;

/** A helper that returns a node-redis client without connecting it: its callers do. */
const unconnectedClientHelper = `import { createClient } from 'redis';

export async function connectRedis() {
  const client = createClient({ url: process.env.REDIS_URL });
  return client;
}
`;

/** A caller that connects as soon as it gets the client, in the same try: alone, it lets the helper connect for it. */
const sendRouteConnectingInTry = `import { connectRedis } from '../../../utility/redis';

export async function POST(req: Request) {
  try {
    const client = await connectRedis();
    await client.connect();
    await client.set('otp', await req.text());
    return new Response(null, { status: 204 });
  } catch {
    return new Response('try again', { status: 500 });
  }
}
`;

/** Two node-redis sites whose 'error' listeners cannot move: another listener for the same options, and one reading the request. */
const listedVisitReaders = `export async function readVisits(page) {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.warn('lost Redis', err));
  await client.connect();
  const visits = await client.get(\`visits:\${page}\`);
  await client.quit();
  return visits;
}

export async function countVisit(req, res) {
  const client = createClient({ url: process.env.VISITS_REDIS_URL });
  client.on('error', (err) => console.error(req.path, err));
  await client.connect();
  res.json({ visits: await client.incr('visits') });
  await client.quit();
}
`;

/** A JavaScript shared module's getter for node-redis 5 client `name`, built by `create<Name>()`, failing fast. */
function failFastGetter(name: string): string {
  const capitalised = `${name[0].toUpperCase()}${name.slice(1)}`;
  return `/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function get${capitalised}() {
  if (!redisClients.${name}) redisClients.${name} = connect${capitalised}();
  return redisClients.${name};
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connect${capitalised}() {
  const client = create${capitalised}();
  try {
    await client.connect();
  } catch (error) {
    redisClients.${name} = undefined;
    throw error;
  }
  client.on('error', (error) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    redisClients.${name} = undefined;
    client.destroy();
  });
  return client;
}
`;
}

/** An existing getter whose own 'error' listener is chained before `connect()`: its first connect retries. */
const retryingExistingGetter = `import { createClient } from 'redis';

let connection;

export function getRedis() {
  connection ??= createClient({ url: process.env.REDIS_URL })
    .on('error', (err) => console.error('Redis error', err))
    .connect();
  return connection;
}
`;

const cases: TransformCase[] = [
  {
    name: 'ioredis default import in a Next.js API route: a new lib/redis.ts and the unused import goes',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/hits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

// Counts page hits.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const hits = await redis.incr('hits');
  res.status(200).json({ hits });
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL ?? \'redis://127.0.0.1:6379\''),
      'pages/api/hits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

// Counts page hits.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  const hits = await redis.incr('hits');
  res.status(200).json({ hits });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'ioredis named import under another variable name: quit() in a finally after a catch goes, the catch stays',
    input: {
      'tsconfig.json': nextTsconfig,
      'app/api/visits/route.ts': `import { Redis } from 'ioredis';

export async function GET() {
  const client = new Redis(process.env.REDIS_URL!);
  try {
    const visits = await client.incr('visits');
    return Response.json({ visits });
  } catch (error) {
    console.error('visit count failed', error);
    return new Response('unavailable', { status: 503 });
  } finally {
    await client.quit();
  }
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'app/api/visits/route.ts': `import { getRedis } from '../../../lib/redis';

export async function GET() {
  const client = getRedis();
  try {
    const visits = await client.incr('visits');
    return Response.json({ visits });
  } catch (error) {
    console.error('visit count failed', error);
    return new Response('unavailable', { status: 503 });
  }
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'ioredis namespace import: a try whose finally only quit() is unwrapped, one level out',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/greeting.ts': `import * as IORedis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new IORedis.Redis(process.env.REDIS_URL!);
  try {
    // The greeting is set by the admin page.
    const value = await redis.get('greeting');
    res.json({ value });
  } finally {
    await redis.quit();
  }
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'pages/api/greeting.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  // The greeting is set by the admin page.
  const value = await redis.get('greeting');
  res.json({ value });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "CommonJS Lambda with require('ioredis'): a CommonJS lib/redis.js required in place of ioredis",
    input: {
      'package.json': `{ "name": "hits-lambda", "private": true }
`,
      'handler.js': `'use strict';

const Redis = require('ioredis');

exports.handler = async (event) => {
  const redis = new Redis(process.env.REDIS_URL);
  const count = await redis.incr(\`hits:\${event.rawPath}\`);
  await redis.quit();
  return { statusCode: 200, body: JSON.stringify({ count }) };
};
`,
    },
    output: {
      'lib/redis.js': commonJsIoredisModule('process.env.REDIS_URL'),
      'handler.js': `'use strict';

const { getRedis } = require('./lib/redis');

exports.handler = async (event) => {
  const redis = getRedis();
  const count = await redis.incr(\`hits:\${event.rawPath}\`);
  return { statusCode: 200, body: JSON.stringify({ count }) };
};
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: "CommonJS Express app with a destructured require: disconnect() goes with the construction and the require",
    input: {
      'package.json': `{ "name": "visits", "private": true }
`,
      'app.js': `const express = require('express');
const { Redis } = require('ioredis');

const app = express();

app.get('/visits', async (req, res) => {
  const redis = new Redis({ host: process.env.REDIS_HOST, port: 6379 });
  const visits = await redis.incr('visits');
  redis.disconnect();
  res.json({ visits });
});

module.exports = app;
`,
    },
    output: {
      'lib/redis.js': `const { Redis } = require('ioredis');

${WHY}
const redisClients = {};

/** The shared client, built on the first call. */
function getRedis() {
  if (!redisClients.redis) redisClients.redis = new Redis({ host: process.env.REDIS_HOST, port: 6379 });
  return redisClients.redis;
}

exports.getRedis = getRedis;
`,
      'app.js': `const express = require('express');
const { getRedis } = require('./lib/redis');

const app = express();

app.get('/visits', async (req, res) => {
  const redis = getRedis();
  const visits = await redis.incr('visits');
  res.json({ visits });
});

module.exports = app;
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: "TypeScript import Redis = require('ioredis'): the shared client is imported at the top, the old import goes",
    input: {
      'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true
  }
}
`,
      'lambda/ping.ts': `import Redis = require('ioredis');

export const handler = async () => {
  const redis = new Redis(process.env.REDIS_URL!);
  const pong = await redis.ping();
  return { statusCode: 200, body: pong };
};
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'lambda/ping.ts': `import { getRedis } from '../lib/redis';

export const handler = async () => {
  const redis = getRedis();
  const pong = await redis.ping();
  return { statusCode: 200, body: pong };
};
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'new Redis.Cluster(): a shared redisCluster built with the named Cluster export',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/leaderboard.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const cluster = new Redis.Cluster([{ host: process.env.REDIS_HOST, port: 6379 }]);
  const top = await cluster.zrevrange('leaderboard', 0, 9);
  await cluster.quit();
  res.json({ top });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Cluster } from 'ioredis';

${WHY}
const redisClients: { redisCluster?: Cluster } = {};

/** The shared client, built on the first call. */
export function getRedisCluster(): Cluster {
  redisClients.redisCluster ??= new Cluster([{ host: process.env.REDIS_HOST, port: 6379 }]);
  return redisClients.redisCluster;
}
`,
      'pages/api/leaderboard.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedisCluster } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const cluster = getRedisCluster();
  const top = await cluster.zrevrange('leaderboard', 0, 9);
  res.json({ top });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "node-redis createClient() with on('error'), a connect() statement and quit(): the call site awaits getRedis(), whose client keeps that listener, registered before connecting",
    input: {
      'tsconfig.json': nextTsconfig,
      'handlers/hits.ts': `import { createClient } from 'redis';

export const handler = async (event: { path: string }) => {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.error('redis error', err));
  await client.connect();

  const hits = await client.incr(\`hits:\${event.path}\`);
  await client.quit();
  return { statusCode: 200, body: String(hits) };
};
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }', "(err) => console.error('redis error', err)"),
      'handlers/hits.ts': `import { getRedis } from '../lib/redis';

export const handler = async (event: { path: string }) => {
  const client = await getRedis();

  const hits = await client.incr(\`hits:\${event.path}\`);
  return { statusCode: 200, body: String(hits) };
};
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "ioredis: a helper's own 'error' listener moves into the shared module, registered once where the client is built",
    input: {
      'tsconfig.json': nextTsconfig,
      'utils/with-redis.ts': `import Redis from 'ioredis';

export async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => console.error('Redis error: ', err));
  try {
    return await work(redis);
  } finally {
    await redis.quit();
  }
}
`,
      'pages/api/visits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { withRedis } from '../../utils/with-redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json({ visits: await withRedis((redis) => redis.incr('visits')) });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

function createRedis() {
  const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  client.on('error', (err) => console.error('Redis error: ', err));
  return client;
}

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= createRedis();
  return redisClients.redis;
}
`,
      'utils/with-redis.ts': `import Redis from 'ioredis';
import { getRedis } from '../lib/redis';

export async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = getRedis();
  return await work(redis);
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "ioredis: a chained 'error' listener that logs through a binding of its file moves with the client into a getter there",
    input: {
      'package.json': `{ "name": "cache", "private": true, "dependencies": { "express": "^5.1.0", "ioredis": "^5.4.0" } }
`,
      'routes/cache.js': `const Redis = require('ioredis');
const log = require('./log');

async function cached(key) {
  const redis = new Redis(process.env.CACHE_URL).on('error', (err) => log.warn('cache', err));
  try {
    return await redis.get(key);
  } finally {
    redis.disconnect();
  }
}

module.exports = { cached };
`,
      'routes/log.js': `module.exports = { warn: console.warn };
`,
    },
    output: {
      'routes/cache.js': `const Redis = require('ioredis');
const log = require('./log');

${IN_FILE_WHY}
function createRedis() {
  const client = new Redis(process.env.CACHE_URL);
  client.on('error', (err) => log.warn('cache', err));
  return client;
}

let redisClient;

function getRedis() {
  if (!redisClient) redisClient = createRedis();
  return redisClient;
}

async function cached(key) {
  const redis = getRedis();
  return await redis.get(key);
}

module.exports = { cached };
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: "node-redis 3: the code's own 'error' listener takes the place of the logging one in the shared module",
    input: {
      'package.json': `{ "name": "counter", "private": true, "dependencies": { "express": "^5.1.0", "redis": "^3.1.2" } }
`,
      'routes/counter.js': `const { promisify } = require('node:util');
const redis = require('redis');

async function increment(req, res) {
  const client = redis.createClient(process.env.REDIS_URL);
  client.on('error', (err) => console.error('counter redis', err));
  const incr = promisify(client.incr).bind(client);
  try {
    res.json({ value: await incr(\`counter:\${req.params.name}\`) });
  } finally {
    client.quit();
  }
}

module.exports = { increment };
`,
    },
    output: {
      'lib/redis.js': `const { createClient } = require('redis');

function createRedis() {
  const client = createClient(process.env.REDIS_URL);
  client.on('error', (err) => console.error('counter redis', err));
  return client;
}

${WHY}
const redisClients = {};

/** The shared client, built on the first call. */
function getRedis() {
  if (!redisClients.redis) redisClients.redis = createRedis();
  return redisClients.redis;
}

exports.getRedis = getRedis;
`,
      'routes/counter.js': `const { promisify } = require('node:util');
const { getRedis } = require('../lib/redis');

async function increment(req, res) {
  const client = getRedis();
  const incr = promisify(client.incr).bind(client);
  res.json({ value: await incr(\`counter:\${req.params.name}\`) });
}

module.exports = { increment };
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: 'node-redis 3 in TypeScript: a synchronous factory called per request returns the shared client, typed by its own factory',
    input: {
      'package.json': `{ "name": "starter", "private": true, "dependencies": { "express": "^4.17.1", "redis": "^3.0.2" } }
`,
      'src/redisClient.ts': `import redis from 'redis';

export const getRedisClient = () =>
  redis.createClient({
    host: process.env.REDIS_HOST,
    port: Number(process.env.REDIS_PORT),
  });
`,
      'src/routes/visits.ts': `import { Router } from 'express';
import { getRedisClient } from '../redisClient';

export const visits = Router();

visits.get('/', (_request, response) => {
  getRedisClient().incr('visits', (_error, count) => response.send({ visits: count }));
});
`,
    },
    output: {
      'src/lib/redis.ts': nodeRedis3Module(`{
      host: process.env.REDIS_HOST,
      port: Number(process.env.REDIS_PORT),
    }`),
      'src/redisClient.ts': `import { getRedis } from './lib/redis';

export const getRedisClient = () =>
  getRedis();
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a controller registered by reference in a route file: its factory returns the shared client, and a named export builds it no more',
    input: {
      'package.json': `{ "name": "starter", "private": true, "dependencies": { "express": "^4.17.1", "redis": "^3.0.2" } }
`,
      'src/redisClient.ts': `import redis from 'redis';

export const getRedisClient = () => redis.createClient({ host: process.env.REDIS_HOST });
`,
      'src/controllers/root.ts': `import type { Response } from 'express';
import { getRedisClient } from '../redisClient';

export default async function (_: unknown, res: Response) {
  getRedisClient().incr('visits', (_error, visits) => res.send({ visits }));
}
`,
      'src/controllers/pages.ts': `import type { Response } from 'express';
import redis from 'redis';

export async function pageViews(_: unknown, res: Response) {
  const client = redis.createClient({ host: process.env.REDIS_HOST });
  client.incr('page-views', (_error, views) => res.send({ views }));
}
`,
      'src/routes/root.ts': `import { Router } from 'express';
import rootController from '../controllers/root';
import { pageViews } from '../controllers/pages';

export const router = Router();

router.get('/', rootController);
router.get('/pages', pageViews);
`,
    },
    output: {
      'src/lib/redis.ts': nodeRedis3Module('{ host: process.env.REDIS_HOST }'),
      'src/redisClient.ts': `import { getRedis } from './lib/redis';

export const getRedisClient = () => getRedis();
`,
      'src/controllers/pages.ts': `import type { Response } from 'express';
import { getRedis } from '../lib/redis';

export async function pageViews(_: unknown, res: Response) {
  const client = getRedis();
  client.incr('page-views', (_error, views) => res.send({ views }));
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
  },
  {
    name: 'node-redis 4: a module client connected and disconnected by each exported helper is listed, and nothing is rewritten',
    input: {
      'package.json': `{ "name": "billing", "private": true, "dependencies": { "next": "^15.0.0", "redis": "^4.6.5" } }
`,
      'app/util/redis-util.ts': `import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', (err) => console.log('Redis Client Error', err));

export async function readBalance(key: string) {
  try {
    await client.connect();
    return await client.get(key);
  } finally {
    await client.disconnect();
  }
}
`,
      'app/api/balance/route.ts': `import { readBalance } from '../../util/redis-util';

export async function GET(request: Request) {
  return Response.json({ balance: await readBalance(request.headers.get('access-code') ?? '') });
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [
      {
        file: 'app/util/redis-util.ts',
        line: 8,
        reason: "it connects the module's client `client` again on every call; connect it once, behind a memoised promise, and remove the per-call `connect()` and `disconnect()`",
      },
    ],
    modules: [],
  },
  {
    name: 'node-redis 2: a synchronous factory called per request is listed with the version, not with an await it does not need',
    input: {
      'package.json': `{ "name": "chat", "private": true, "dependencies": { "express": "^4.16.0", "redis": "^2.8.0" } }
`,
      'src/redisClient.js': `const redis = require('redis');

const getClient = () => redis.createClient({ host: process.env.REDIS_URI, port: process.env.REDIS_PORT });

module.exports.getClient = getClient;
`,
      'src/routes/rooms.js': `const express = require('express');
const { getClient } = require('../redisClient');

const router = express.Router();

router.get('/rooms', (req, res) => {
  getClient().smembers('rooms', (error, rooms) => res.json(rooms));
});

module.exports = router;
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [{ file: 'src/redisClient.js', line: 3, reason: 'node-redis ^2.8.0 is older than 3, which the codemod does not write code for' }],
    modules: [],
  },
  {
    name: "node-redis 4: a listener chained before connect() stays before it in the shared getter; a different listener on the same options and one that reads the request are listed",
    input: {
      'package.json': `{ "name": "visits", "private": true, "type": "module", "dependencies": { "express": "^5.1.0", "redis": "^4.7.0" } }
`,
      'routes/visits.js': `import { createClient } from 'redis';

export async function recordVisit(page) {
  const client = await createClient({ url: process.env.REDIS_URL }).on('error', (err) => console.error('Redis error', err)).connect();
  await client.incr(\`visits:\${page}\`);
  await client.quit();
}

${listedVisitReaders}`,
    },
    output: {
      'lib/redis.js': `import { createClient } from 'redis';

function createRedis() {
  return createClient({ url: process.env.REDIS_URL });
}

${WHY}
const redisClients = {};

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function getRedis() {
  if (!redisClients.redis) redisClients.redis = connectRedis();
  return redisClients.redis;
}

/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */
async function connectRedis() {
  const client = createRedis();
  client.on('error', (err) => console.error('Redis error', err));
  try {
    await client.connect();
  } catch (error) {
    redisClients.redis = undefined;
    throw error;
  }
  return client;
}
`,
      'routes/visits.js': `import { createClient } from 'redis';
import { getRedis } from '../lib/redis.js';

export async function recordVisit(page) {
  const client = await getRedis();
  await client.incr(\`visits:\${page}\`);
}

${listedVisitReaders}`,
    },
    sitesHoisted: 1,
    sitesSkipped: [
      { file: 'routes/visits.js', line: 10, reason: "its 'error' listener differs from the one the shared client `getRedis()` for the same options already has, and one client cannot keep both" },
      { file: 'routes/visits.js', line: 19, reason: "its 'error' listener uses `req` from `countVisit()`, which a client shared between calls cannot see" },
    ],
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: "node-redis 5: a route whose 'error' listener is registered before connect() gets a client of its own, so the routes without one still fail at once while Redis is down",
    input: {
      ...firstConnectRoutes,
      'routes/stock.js': `import { createClient } from 'redis';

export async function readStock(sku) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  client.on('error', (err) => console.warn('stock lost Redis', err));
  const stock = await client.get(\`stock:\${sku}\`);
  await client.quit();
  return stock;
}
`,
    },
    output: {
      'lib/redis.js': `import { createClient } from 'redis';

function createRedis() {
  return createClient({ url: process.env.REDIS_URL });
}

function createRetryingRedis() {
  return createClient({ url: process.env.REDIS_URL });
}

${WHY}
const redisClients = {};

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function getRedis() {
  if (!redisClients.redis) redisClients.redis = connectRedis();
  return redisClients.redis;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectRedis() {
  const client = createRedis();
  try {
    await client.connect();
  } catch (error) {
    redisClients.redis = undefined;
    throw error;
  }
  client.on('error', (err) => console.warn('stock lost Redis', err));
  client.on('error', () => {
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    redisClients.redis = undefined;
    client.destroy();
  });
  return client;
}

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function getRetryingRedis() {
  if (!redisClients.retryingRedis) redisClients.retryingRedis = connectRetryingRedis();
  return redisClients.retryingRedis;
}

/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */
async function connectRetryingRedis() {
  const client = createRetryingRedis();
  client.on('error', (err) => globalThis.viewErrors?.push(err.code));
  try {
    await client.connect();
  } catch (error) {
    redisClients.retryingRedis = undefined;
    throw error;
  }
  return client;
}
`,
      'routes/orders.js': `import { getRedis } from '../lib/redis.js';

export async function placeOrder(sku) {
  const client = await getRedis();
  const queued = await client.rPush('orders', sku);
  return queued;
}
`,
      'routes/stock.js': `import { getRedis } from '../lib/redis.js';

export async function readStock(sku) {
  const client = await getRedis();
  const stock = await client.get(\`stock:\${sku}\`);
  return stock;
}
`,
      'routes/views.js': `import { getRetryingRedis } from '../lib/redis.js';

export async function countView(page) {
  const client = await getRetryingRedis();
  const views = await client.incr(\`views:\${page}\`);
  return views;
}
`,
    },
    sitesHoisted: 3,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: "node-redis 5: a route whose 'error' listener is registered before connect() is listed when every name for a client of its own is taken",
    input: {
      ...firstConnectRoutes,
      'routes/retries.js': `import { createClient } from 'redis';

export async function scheduleRetry(job) {
  const client = createClient({ url: process.env.RETRYING_REDIS_URL });
  await client.connect();
  await client.lPush('retries', job);
  await client.quit();
}
`,
    },
    output: {
      'lib/redis.js': `import { createClient } from 'redis';

function createRedis() {
  return createClient({ url: process.env.REDIS_URL });
}

function createRetryingRedis() {
  return createClient({ url: process.env.RETRYING_REDIS_URL });
}

${WHY}
const redisClients = {};

${failFastGetter('redis')}
${failFastGetter('retryingRedis')}`,
      'routes/orders.js': `import { getRedis } from '../lib/redis.js';

export async function placeOrder(sku) {
  const client = await getRedis();
  const queued = await client.rPush('orders', sku);
  return queued;
}
`,
      'routes/retries.js': `import { getRetryingRedis } from '../lib/redis.js';

export async function scheduleRetry(job) {
  const client = await getRetryingRedis();
  await client.lPush('retries', job);
}
`,
    },
    sitesHoisted: 2,
    sitesSkipped: [
      {
        file: 'routes/views.js',
        line: 4,
        reason:
          "its 'error' listener, registered before `connect()`, makes its first connect retry while Redis is down, where the shared client `getRedis()` for the same options rejects at once, so it needs a client of its own, and every name for one (`retryingRedis`, `getRetryingRedis`) is already taken in the shared module; free one and run the fix again",
      },
    ],
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: "node-redis 5: an existing getter whose 'error' listener is chained before connect() retries, so a route without one gets a client of its own beside it",
    input: {
      'package.json': firstConnectRoutes['package.json'],
      'lib/redis.js': retryingExistingGetter,
      'routes/orders.js': firstConnectRoutes['routes/orders.js'],
    },
    output: {
      'lib/redis.js': `${retryingExistingGetter}
function createFailFastRedis() {
  return createClient({ url: process.env.REDIS_URL });
}

${WHY}
const redisClients = {};

${failFastGetter('failFastRedis')}`,
      'routes/orders.js': `import { getFailFastRedis } from '../lib/redis.js';

export async function placeOrder(sku) {
  const client = await getFailFastRedis();
  const queued = await client.rPush('orders', sku);
  return queued;
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'updated' }],
  },
  {
    name: "node-redis 4 within its file: a listener registered after connect() stays after it, beside the one that drops a broken connection",
    input: {
      'package.json': `{ "name": "pages", "private": true, "type": "module", "dependencies": { "express": "^5.1.0", "redis": "^4.7.0" } }
`,
      'routes/pages.js': `import { createClient } from 'redis';

const options = { url: process.env.REDIS_URL };

export async function readPage(name) {
  const client = createClient(options);
  await client.connect();
  client.on('error', (err) => console.warn('lost Redis', err));
  const page = await client.get(\`page:\${name}\`);
  await client.quit();
  return page;
}
`,
    },
    output: {
      'routes/pages.js': `import { createClient } from 'redis';

const options = { url: process.env.REDIS_URL };

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
let clientConnection;

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
  if (!clientConnection) clientConnection = connectClient();
  return clientConnection;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectClient() {
  const client = createClient(options);
  try {
    await client.connect();
  } catch (error) {
    clientConnection = undefined;
    throw error;
  }
  client.on('error', (err) => console.warn('lost Redis', err));
  client.on('error', () => {
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    clientConnection = undefined;
    void client.disconnect().catch(() => undefined);
  });
  return client;
}

export async function readPage(name) {
  const client = await getClient();
  const page = await client.get(\`page:\${name}\`);
  return page;
}
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'TypeScript: options that read a binding the function checks first (`if (!REDIS_URL) throw`) stay, since a client built elsewhere loses that narrowing; JavaScript moves',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/with-redis.ts': `import { Redis } from 'ioredis';

const REDIS_URL = process.env.REDIS_URL;

export async function withRedis<T>(work: (redis: Redis) => Promise<T>): Promise<T> {
  if (!REDIS_URL) throw new Error('Set REDIS_URL to the Redis server to use');
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    return await work(redis);
  } finally {
    await redis.quit();
  }
}
`,
      'app/api/hits/route.ts': `import { withRedis } from '../../../lib/with-redis';

export async function GET() {
  return Response.json({ hits: await withRedis((redis) => redis.incr('hits')) });
}
`,
      'lib/cache.js': `import { Redis } from 'ioredis';

const CACHE_URL = process.env.CACHE_URL;

export async function withCache(work) {
  if (!CACHE_URL) throw new Error('Set CACHE_URL to the Redis server to use');
  const redis = new Redis(CACHE_URL, { maxRetriesPerRequest: 2 });
  try {
    return await work(redis);
  } finally {
    await redis.quit();
  }
}
`,
      'app/api/cached/route.js': `import { withCache } from '../../../lib/cache.js';

export async function GET() {
  return Response.json({ cached: await withCache((redis) => redis.get('cached')) });
}
`,
    },
    output: {
      'lib/cache.js': `import { Redis } from 'ioredis';

const CACHE_URL = process.env.CACHE_URL;

${IN_FILE_WHY}
function createRedis() {
  return new Redis(CACHE_URL, { maxRetriesPerRequest: 2 });
}

let redisClient;

function getRedis() {
  if (!redisClient) redisClient = createRedis();
  return redisClient;
}

export async function withCache(work) {
  if (!CACHE_URL) throw new Error('Set CACHE_URL to the Redis server to use');
  const redis = getRedis();
  return await work(redis);
}
`,
    },
    sitesHoisted: 1,
    sitesSkipped: [
      { file: 'lib/with-redis.ts', line: 7, reason: 'its options rely on the check of `REDIS_URL` above it, which a client built outside `withRedis()` cannot see' },
    ],
    modules: [],
  },
  {
    name: "node-redis: a client variable typed with the library's `RedisClientType` gets a shared client built under that type; a type of the project's own is listed",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "lookup", "private": true, "dependencies": { "redis": "^5.8.0" } }
`,
      'handlers/lookup.ts': `import { createClient, type RedisClientType } from 'redis';

export const handler = async (event: { key: string }) => {
  const client: RedisClientType = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const value = await client.get(event.key);
  await client.quit();
  return { statusCode: 200, body: value ?? '' };
};
`,
      'handlers/cached.ts': `import { createClient } from 'redis';
import type { Metrics } from './metrics';

type Cache = ReturnType<typeof createClient> & Partial<Metrics>;

export const handler = async (event: { key: string }) => {
  const cache: Cache = createClient({ url: process.env.CACHE_REDIS_URL });
  await cache.connect();
  const value = await cache.get(event.key);
  await cache.quit();
  return { statusCode: 200, body: value ?? '' };
};
`,
      'handlers/metrics.ts': `export interface Metrics {
  count(): void;
}
`,
    },
    output: {
      // The module of the first case above, with the type imported and given to the function that builds the client.
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }')
        .replace("from 'redis';\n", "from 'redis';\nimport type { RedisClientType } from 'redis';\n")
        .replace('function createRedis() {', 'function createRedis(): RedisClientType {'),
      'handlers/lookup.ts': `import { type RedisClientType } from 'redis';
import { getRedis } from '../lib/redis';

export const handler = async (event: { key: string }) => {
  const client: RedisClientType = await getRedis();
  const value = await client.get(event.key);
  return { statusCode: 200, body: value ?? '' };
};
`,
    },
    sitesHoisted: 1,
    sitesSkipped: [
      { file: 'handlers/cached.ts', line: 7, reason: "its client is typed with `Cache`, which is not from redis, so the shared client's type cannot be promised to match it" },
    ],
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "node-redis within its file: the getter builds the client under the `RedisClientType` its variable was typed with",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "lookup", "private": true, "dependencies": { "redis": "^5.8.0" } }
`,
      'handlers/lookup.ts': `import { createClient, type RedisClientType } from 'redis';

const options = { url: process.env.REDIS_URL };

export const handler = async (event: { key: string }) => {
  const client: RedisClientType = createClient(options);
  await client.connect();
  const value = await client.get(event.key);
  await client.quit();
  return { statusCode: 200, body: value ?? '' };
};
`,
    },
    output: {
      'handlers/lookup.ts': `import { createClient, type RedisClientType } from 'redis';

const options = { url: process.env.REDIS_URL };

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
let clientConnection: ReturnType<typeof connectClient> | undefined;

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient(): Promise<RedisClientType> {
  clientConnection ??= connectClient();
  return clientConnection;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectClient(): Promise<RedisClientType> {
  const client: RedisClientType = createClient(options);
  try {
    await client.connect();
  } catch (error) {
    clientConnection = undefined;
    throw error;
  }
  client.on('error', (error: unknown) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    clientConnection = undefined;
    client.destroy();
  });
  return client;
}

export const handler = async (event: { key: string }) => {
  const client: RedisClientType = await getClient();
  const value = await client.get(event.key);
  return { statusCode: 200, body: value ?? '' };
};
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: "ioredis: a class built per request whose 'error' listener calls a method through `this` is listed, not moved",
    input: {
      'package.json': `{ "name": "cache", "private": true, "type": "module", "dependencies": { "express": "^5.1.0", "ioredis": "^5.4.0" } }
`,
      'routes/cache.js': `import { Redis } from 'ioredis';

class Cache {
  constructor() {
    this.redis = new Redis(process.env.REDIS_URL);
    this.redis.on('error', (err) => this.report(err));
  }

  report(err) {
    console.error('cache', err);
  }

  async read(key) {
    return this.redis.get(key);
  }
}

export async function readCached(req, res) {
  const cache = new Cache();
  res.json({ value: await cache.read(req.params.key) });
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [{ file: 'routes/cache.js', line: 5, reason: "its 'error' listener uses `this` of the code it was registered in, which a client shared between calls cannot see" }],
    modules: [],
  },
  {
    name: 'node-redis await createClient().connect() with destroy() in finally: await getRedis() and the try unwrapped',
    input: {
      'tsconfig.json': nextTsconfig,
      'app/api/jobs/route.ts': `import { createClient } from 'redis';

export async function POST(request: Request) {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  try {
    const length = await client.rPush('jobs', await request.text());
    return Response.json({ length });
  } finally {
    client.destroy();
  }
}
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }'),
      'app/api/jobs/route.ts': `import { getRedis } from '../../../lib/redis';

export async function POST(request: Request) {
  const client = await getRedis();
  const length = await client.rPush('jobs', await request.text());
  return Response.json({ length });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'node-redis quit() under an if that only checks the client: the if goes with it, and the emptied finally too',
    input: {
      'tsconfig.json': nextTsconfig,
      'app/api/jobs/route.ts': `import { createClient } from 'redis';

export async function POST(request: Request) {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  try {
    const length = await client.rPush('jobs', await request.text());
    return Response.json({ length });
  } finally {
    if (client?.isOpen) {
      await client.quit();
    }
  }
}
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }'),
      'app/api/jobs/route.ts': `import { getRedis } from '../../../lib/redis';

export async function POST(request: Request) {
  const client = await getRedis();
  const length = await client.rPush('jobs', await request.text());
  return Response.json({ length });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'node-redis quit() under an if whose test calls something: the if and its empty block stay',
    input: {
      'tsconfig.json': nextTsconfig,
      'app/api/jobs/route.ts': `import { createClient } from 'redis';

export async function POST(request: Request) {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  const length = await client.rPush('jobs', await request.text());
  if (audit(length)) {
    await client.quit();
  }
  return Response.json({ length });
}

function audit(length: number): boolean {
  console.log('queued', length);
  return true;
}
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }'),
      'app/api/jobs/route.ts': `import { getRedis } from '../../../lib/redis';

export async function POST(request: Request) {
  const client = await getRedis();
  const length = await client.rPush('jobs', await request.text());
  if (audit(length)) {
  }
  return Response.json({ length });
}

function audit(length: number): boolean {
  console.log('queued', length);
  return true;
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'node-redis close() goes from a finally that does more: the finally and its other statement stay',
    input: {
      'tsconfig.json': nextTsconfig,
      'app/api/stock/route.ts': `import { createClient } from 'redis';

export async function GET() {
  console.time('stock');
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  try {
    return Response.json({ stock: await client.get('stock') });
  } finally {
    client.close();
    console.timeEnd('stock');
  }
}
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }'),
      'app/api/stock/route.ts': `import { getRedis } from '../../../lib/redis';

export async function GET() {
  console.time('stock');
  const client = await getRedis();
  try {
    return Response.json({ stock: await client.get('stock') });
  } finally {
    console.timeEnd('stock');
  }
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'ioredis end() goes from a finally that does more: the finally and its other statement stay',
    input: {
      'tsconfig.json': nextTsconfig,
      'app/api/legacy/route.ts': `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    return Response.json({ legacy: await redis.get('legacy') });
  } finally {
    redis.end();
    console.log('legacy read');
  }
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'app/api/legacy/route.ts': `import { getRedis } from '../../../lib/redis';

export async function GET() {
  const redis = getRedis();
  try {
    return Response.json({ legacy: await redis.get('legacy') });
  } finally {
    console.log('legacy read');
  }
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'identical arguments share one export, distinct ones get a second, named after their env var',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/a.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json({ a: await redis.incr('a') });
}
`,
      'pages/api/b.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(
    process.env.REDIS_URL!,
  );
  res.json({ b: await redis.incr('b') });
}
`,
      'pages/api/c.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const cache = new Redis(process.env.CACHE_REDIS_URL!);
  res.json({ c: await cache.get('c') });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis; cacheRedis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(process.env.REDIS_URL!);
  return redisClients.redis;
}

/** The shared client, built on the first call. */
export function getCacheRedis(): Redis {
  redisClients.cacheRedis ??= new Redis(process.env.CACHE_REDIS_URL!);
  return redisClients.cacheRedis;
}
`,
      'pages/api/a.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ a: await redis.incr('a') });
}
`,
      'pages/api/b.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ b: await redis.incr('b') });
}
`,
      'pages/api/c.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getCacheRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const cache = getCacheRedis();
  res.json({ c: await cache.get('c') });
}
`,
    },
    sitesHoisted: 3,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'an existing shared module with the same configuration is reused, not rewritten',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/redis.ts': `import Redis from 'ioredis';

// Our one connection.
const globalForRedis = globalThis as unknown as { redis?: Redis };

export const redis = globalForRedis.redis ?? new Redis(process.env.REDIS_URL!);

if (process.env.NODE_ENV !== 'production') globalForRedis.redis = redis;
`,
      'pages/api/hits.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    output: {
      'pages/api/hits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { redis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'reused' }],
  },
  {
    name: 'beside an existing module that builds its client at import, a new configuration gets a module of its own',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/redis.ts': `import Redis from 'ioredis';

// Our one connection.
const globalForRedis = globalThis as unknown as { redis?: Redis };

export const redis = globalForRedis.redis ?? new Redis(process.env.REDIS_URL!);

if (process.env.NODE_ENV !== 'production') globalForRedis.redis = redis;
`,
      'pages/api/session.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const sessions = new Redis(process.env.SESSION_REDIS_URL!);
  res.json({ session: await sessions.get(\`session:\${req.query.id}\`) });
}
`,
    },
    output: {
      'lib/redis-clients.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { sessionRedis?: Redis } = {};

/** The shared client, built on the first call. */
export function getSessionRedis(): Redis {
  redisClients.sessionRedis ??= new Redis(process.env.SESSION_REDIS_URL!);
  return redisClients.sessionRedis;
}
`,
      'pages/api/session.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getSessionRedis } from '../../lib/redis-clients';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const sessions = getSessionRedis();
  res.json({ session: await sessions.get(\`session:\${req.query.id}\`) });
}
`,
    },
    sitesHoisted: 1,
    // Importing lib/redis.ts for the session client would open its REDIS_URL client in the session route too.
    modules: [
      { path: 'lib/redis-clients.ts', action: 'created', why: 'beside lib/redis.ts, which builds its clients when it is imported' },
    ],
  },
  {
    name: 'an existing Redis module that imports the helper being rewritten is not reused: the client goes in a new module beside it, with no import cycle',
    input: {
      'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "strict": true,
    "skipLibCheck": true,
    "paths": { "~/*": ["./src/*"] }
  }
}
`,
      'src/lib/redis/index.ts': `import { connectRedis } from '~/models/redis';

/** Reads a cached JSON value. */
export async function readJson(key: string): Promise<unknown> {
  const client = await connectRedis();
  const text = await client.get(key);
  return text === null ? null : JSON.parse(text);
}
`,
      'src/models/redis/index.ts': `import Redis from 'ioredis';

export async function connectRedis(): Promise<Redis> {
  'use server';
  const client = new Redis(process.env.REDIS_URL!);
  return client;
}
`,
    },
    output: {
      'src/lib/redis/clients.ts': ioredisModule('process.env.REDIS_URL!'),
      'src/models/redis/index.ts': `import Redis from 'ioredis';
import { getRedis } from '~/lib/redis/clients';

export async function connectRedis(): Promise<Redis> {
  'use server';
  const client = getRedis();
  return client;
}
`,
    },
    sitesHoisted: 1,
    modules: [
      {
        path: 'src/lib/redis/clients.ts',
        action: 'created',
        why: 'beside src/lib/redis/index.ts, which imports src/models/redis/index.ts: adding the client there would make an import cycle',
      },
    ],
  },
  {
    name: 'an existing module that builds its client on first use gains a named export for a new configuration',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/redis.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(process.env.REDIS_URL!);
  return redisClients.redis;
}
`,
      'pages/api/session.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const sessions = new Redis(process.env.SESSION_REDIS_URL!);
  res.json({ session: await sessions.get(\`session:\${req.query.id}\`) });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(process.env.REDIS_URL!);
  return redisClients.redis;
}

${WHY}
const redisClientsByConfiguration: { sessionRedis?: Redis } = {};

/** The shared client, built on the first call. */
export function getSessionRedis(): Redis {
  redisClientsByConfiguration.sessionRedis ??= new Redis(process.env.SESSION_REDIS_URL!);
  return redisClientsByConfiguration.sessionRedis;
}
`,
      'pages/api/session.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getSessionRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const sessions = getSessionRedis();
  res.json({ session: await sessions.get(\`session:\${req.query.id}\`) });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  },
  {
    name: 'a close that stood between two blank lines leaves one blank line behind, and its comment goes with it',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/price.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  const price = await redis.get(\`price:\${req.query.sku}\`);

  // close the connection
  await redis.quit();

  res.json({ price });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(process.env.REDIS_URL!);
  return redisClients.redis;
}
`,
      'pages/api/price.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  const price = await redis.get(\`price:\${req.query.sku}\`);

  res.json({ price });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a node-redis client kept in its file, connected inside a try that answers a failure: the getter is awaited in that try, and the finally that closed it goes',
    input: {
      'package.json': `{ "name": "words", "private": true, "type": "module", "dependencies": { "redis": "^5.8.0" } }
`,
      'routes/word.js': `import { createClient } from 'redis';

const REDIS_URL = process.env.REDIS_URL;

export const GET = async () => {
  const client = createClient({ url: REDIS_URL });
  try {
    // connect to Redis
    await client.connect();
    const word = await client.get('word:today');
    return new Response(word);
  } catch {
    return new Response('unavailable', { status: 503 });
  } finally {
    await client.close();
  }
};
`,
    },
    output: {
      'routes/word.js': `import { createClient } from 'redis';

const REDIS_URL = process.env.REDIS_URL;

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: REDIS_URL })', close: 'destroy' })}
export const GET = async () => {
  try {
    // connect to Redis
    const client = await getClient();
    const word = await client.get('word:today');
    return new Response(word);
  } catch {
    return new Response('unavailable', { status: 503 });
  }
};
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'a getter written within the file does not take the name the shared module is imported under',
    input: {
      'package.json': `{ "name": "greetings", "private": true, "dependencies": { "redis": "^5.8.0", "express": "^4.19.0" } }
`,
      'tsconfig.json': nextTsconfig,
      'server/app.ts': `import express from 'express';
import { createClient } from 'redis';

const app = express();
const base = createClient({ url: process.env.REDIS_URL });

app.post('/greeting', async (req, res) => {
  const client = await createClient({ url: process.env.REDIS_URL }).connect();
  res.json({ hits: await client.incr('hits') });
  await client.quit();
});

async function openCopy() {
  return base.duplicate();
}

app.get('/greeting', async (req, res) => {
  const copy = await openCopy();
  await copy.connect();
  res.json({ greeting: await copy.get('greeting') });
  await copy.quit();
});

export default app;
`,
    },
    output: {
      'lib/redis.ts': `import { createClient } from 'redis';

function createRedis() {
  return createClient({ url: process.env.REDIS_URL });
}

type RedisClient = ReturnType<typeof createRedis>;

${WHY}
const redisClients: { redis?: Promise<RedisClient> } = {};

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function getRedis(): Promise<RedisClient> {
  redisClients.redis ??= connectRedis();
  return redisClients.redis;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectRedis(): Promise<RedisClient> {
  const client = createRedis();
  try {
    await client.connect();
  } catch (error) {
    redisClients.redis = undefined;
    throw error;
  }
  client.on('error', (error: unknown) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    redisClients.redis = undefined;
    client.destroy();
  });
  return client;
}
`,
      'server/app.ts': `import express from 'express';
import { createClient } from 'redis';
import { getRedis } from '../lib/redis';

const app = express();
const base = createClient({ url: process.env.REDIS_URL });

app.post('/greeting', async (req, res) => {
  const client = await getRedis();
  res.json({ hits: await client.incr('hits') });
});

${lazyNodeRedisClient({ name: 'sharedRedis', construction: 'base.duplicate()', typescript: true, close: 'destroy' })}
async function openCopy() {
  return await getSharedRedis();
}

app.get('/greeting', async (req, res) => {
  const copy = await openCopy();
  res.json({ greeting: await copy.get('greeting') });
});

export default app;
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'the same env var written with `!` in one handler and `as string` in another is one client',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/a.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json({ a: await redis.get('a') });
}
`,
      'pages/api/b.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL as string);
  res.json({ b: await redis.get('b') });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
  redisClients.redis ??= new Redis(process.env.REDIS_URL!);
  return redisClients.redis;
}
`,
      'pages/api/a.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ a: await redis.get('a') });
}
`,
      'pages/api/b.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ b: await redis.get('b') });
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a src/ project with the @/* path alias: src/lib/redis.ts, imported as @/lib/redis by both handlers of a route',
    input: {
      'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "strict": true,
    "skipLibCheck": true,
    // Next.js writes the alias this way.
    "paths": { "@/*": ["./src/*"] },
  },
}
`,
      'src/lib/format.ts': `export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
`,
      'src/app/api/counter/route.ts': `import Redis from 'ioredis';
import { formatCount } from '@/lib/format';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL!);
  const count = Number(await redis.get('counter'));
  return Response.json({ count: formatCount(count) });
}

export async function POST() {
  const redis = new Redis(process.env.REDIS_URL!);
  const count = await redis.incr('counter');
  await redis.quit();
  return Response.json({ count: formatCount(count) });
}
`,
    },
    output: {
      'src/lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'src/app/api/counter/route.ts': `import { formatCount } from '@/lib/format';
import { getRedis } from '@/lib/redis';

export async function GET() {
  const redis = getRedis();
  const count = Number(await redis.get('counter'));
  return Response.json({ count: formatCount(count) });
}

export async function POST() {
  const redis = getRedis();
  const count = await redis.incr('counter');
  return Response.json({ count: formatCount(count) });
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a package run by Deno (deno.json beside package.json) imports the shared module with its .ts extension',
    input: {
      'package.json': `{ "name": "quiz-server", "private": true, "type": "module", "dependencies": { "express": "^4.21.0", "ioredis": "^5.4.0" } }
`,
      'deno.json': `{ "tasks": { "dev": "deno run --allow-net --allow-env src/main.ts" } }
`,
      'src/routes/scores.ts': `import express from 'express';
import Redis from 'ioredis';

export const scores = express.Router();

scores.get('/', async (_req, res) => {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json(await redis.zrange('scores', 0, 9));
  await redis.quit();
});
`,
    },
    output: {
      'src/lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'src/routes/scores.ts': `import express from 'express';
import { getRedis } from '../lib/redis.ts';

export const scores = express.Router();

scores.get('/', async (_req, res) => {
  const redis = getRedis();
  res.json(await redis.zrange('scores', 0, 9));
});
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
  },
  {
    name: 'tsconfig allowImportingTsExtensions: the import of the shared module carries .ts, and type-checks',
    input: {
      'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "esnext",
    "moduleResolution": "bundler",
    "allowImportingTsExtensions": true,
    "noEmit": true,
    "strict": true,
    "skipLibCheck": true
  }
}
`,
      'app/api/hits/route.ts': `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL!);
  return Response.json({ hits: await redis.incr('hits') });
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'app/api/hits/route.ts': `import { getRedis } from '../../../lib/redis.ts';

export async function GET() {
  const redis = getRedis();
  return Response.json({ hits: await redis.incr('hits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "a file whose own relative imports carry .ts imports the shared module the same way; a file whose imports do not, without",
    input: {
      'lib/format.ts': `export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
`,
      'app/api/hits/route.ts': `import Redis from 'ioredis';
import { formatCount } from '../../../lib/format.ts';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL!);
  return Response.json({ hits: formatCount(await redis.incr('hits')) });
}
`,
      'app/api/visits/route.ts': `import Redis from 'ioredis';

export async function GET() {
  const redis = new Redis(process.env.REDIS_URL!);
  return Response.json({ visits: await redis.incr('visits') });
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'app/api/hits/route.ts': `import { formatCount } from '../../../lib/format.ts';
import { getRedis } from '../../../lib/redis.ts';

export async function GET() {
  const redis = getRedis();
  return Response.json({ hits: formatCount(await redis.incr('hits')) });
}
`,
      'app/api/visits/route.ts': `import { getRedis } from '../../../lib/redis';

export async function GET() {
  const redis = getRedis();
  return Response.json({ visits: await redis.incr('visits') });
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'NodeNext resolution: relative imports of the shared module carry the .js suffix',
    input: {
      'package.json': `{ "name": "orders", "type": "module" }
`,
      'tsconfig.json': `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "skipLibCheck": true
  }
}
`,
      'src/handlers/orders.ts': `import { Redis } from 'ioredis';
import { parseOrder } from '../orders.js';

export const handler = async (event: { body: string }) => {
  const redis = new Redis(process.env.REDIS_URL!);
  await redis.rpush('orders', JSON.stringify(parseOrder(event.body)));
  return { statusCode: 202 };
};
`,
      'src/orders.ts': `export function parseOrder(body: string): { id: string } {
  return JSON.parse(body) as { id: string };
}
`,
    },
    output: {
      'src/lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'src/handlers/orders.ts': `import { parseOrder } from '../orders.js';
import { getRedis } from '../lib/redis.js';

export const handler = async (event: { body: string }) => {
  const redis = getRedis();
  await redis.rpush('orders', JSON.stringify(parseOrder(event.body)));
  return { statusCode: 202 };
};
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'src/lib/redis.ts', action: 'created' }],
  },
  {
    name: 'ESM JavaScript ("type": "module"): an ESM lib/redis.js imported with its .js suffix',
    input: {
      'package.json': `{ "name": "visits", "type": "module" }
`,
      'server.js': `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/visits', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ visits: await redis.incr('visits') });
});

app.listen(3000);
`,
    },
    output: {
      'lib/redis.js': `import { Redis } from 'ioredis';

${WHY}
const redisClients = {};

/** The shared client, built on the first call. */
export function getRedis() {
  if (!redisClients.redis) redisClients.redis = new Redis(process.env.REDIS_URL);
  return redisClients.redis;
}
`,
      'server.js': `import express from 'express';
import { getRedis } from './lib/redis.js';

const app = express();

app.get('/visits', async (req, res) => {
  const redis = getRedis();
  res.json({ visits: await redis.incr('visits') });
});

app.listen(3000);
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: 'a helper that built a client returns the shared one; its caller in another file stops quitting it',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/cache.ts': `import Redis from 'ioredis';

/** A client for the profile cache. */
export function getClient() {
  return new Redis(process.env.REDIS_URL!);
}
`,
      // Names no client module: the engine reads it only as a caller of the helper.
      'pages/api/profile.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/cache';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = getClient();
  try {
    res.json(await client.hgetall(\`user:\${req.query.id}\`));
  } finally {
    await client.quit();
  }
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'lib/cache.ts': `import { getRedis } from './redis';

/** A client for the profile cache. */
export function getClient() {
  return getRedis();
}
`,
      'pages/api/profile.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/cache';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = getClient();
  res.json(await client.hgetall(\`user:\${req.query.id}\`));
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a class built per request assigns the shared client in its constructor; the type import stays',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/session.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

class SessionStore {
  private redis: Redis;

  constructor() {
    this.redis = new Redis(process.env.REDIS_URL!);
  }

  read(id: string) {
    return this.redis.get(\`session:\${id}\`);
  }
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const store = new SessionStore();
  res.json({ session: await store.read(String(req.query.id)) });
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'pages/api/session.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

class SessionStore {
  private redis: Redis;

  constructor() {
    this.redis = getRedis();
  }

  read(id: string) {
    return this.redis.get(\`session:\${id}\`);
  }
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const store = new SessionStore();
  res.json({ session: await store.read(String(req.query.id)) });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'the shared client joins an existing import of the shared module',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/redis.ts': `import Redis from 'ioredis';

export const redis = new Redis(process.env.REDIS_URL!);

export function keyFor(...parts: string[]): string {
  return parts.join(':');
}
`,
      'pages/api/views.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';
import { keyFor } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = new Redis(process.env.REDIS_URL!);
  const views = await client.incr(keyFor('views', String(req.query.slug)));
  res.json({ views });
}
`,
    },
    output: {
      'pages/api/views.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { keyFor, redis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = redis;
  const views = await client.incr(keyFor('views', String(req.query.slug)));
  res.json({ views });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'reused' }],
  },
  {
    name: 'a file that already binds `redis` imports the shared client under another name',
    input: {
      'tsconfig.json': nextTsconfig,
      'lambda/lookup.ts': `import Redis from 'ioredis';

export const handler = async (event: { key: string }) => {
  const client = new Redis(process.env.REDIS_URL!);
  const value = await client.get(event.key);
  return { statusCode: 200, body: describe(value) };
};

function describe(redis: string | null): string {
  return redis ?? 'missing';
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'lambda/lookup.ts': `import { getRedis } from '../lib/redis';

export const handler = async (event: { key: string }) => {
  const client = getRedis();
  const value = await client.get(event.key);
  return { statusCode: 200, body: describe(value) };
};

function describe(redis: string | null): string {
  return redis ?? 'missing';
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a site that cannot be shared is skipped with its reason and left as it is',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/next-job.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  const job = await redis.blpop('jobs', 5);
  await redis.quit();
  res.json({ job });
}
`,
      'pages/api/count.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json({ count: await redis.llen('jobs') });
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'pages/api/count.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ count: await redis.llen('jobs') });
}
`,
    },
    sitesHoisted: 1,
    sitesSkipped: [{ file: 'pages/api/next-job.ts', line: 5, reason: 'it runs the blocking command `BLPOP`, which holds its connection' }],
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a file that does not parse is reported and left untouched; the others are still rewritten',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/broken.ts': `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL!;
  res.json({ hits: await redis.incr('hits') });
}
`,
      'pages/api/hits.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL!'),
      'pages/api/hits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
    errors: [{ file: 'pages/api/broken.ts', message: "does not parse (line 4, column 49: ')' expected.); left untouched" }],
  },
  {
    name: 'a Next.js JavaScript project written as ES modules (no "type": "module"): the shared module is an ES module too',
    input: {
      'package.json': `{ "name": "shop", "private": true, "scripts": { "dev": "next dev" } }
`,
      'pages/api/hits.js': `import Redis from 'ioredis';

export default async function handler(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    output: {
      'lib/redis.js': `import { Redis } from 'ioredis';

${WHY}
const redisClients = {};

/** The shared client, built on the first call. */
export function getRedis() {
  if (!redisClients.redis) redisClients.redis = new Redis(process.env.REDIS_URL);
  return redisClients.redis;
}
`,
      'pages/api/hits.js': `import { getRedis } from '../../lib/redis';

export default async function handler(req, res) {
  const redis = getRedis();
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: 'a client whose options read a binding of its own file is built by a getter in that file on first use, not in the shared module',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/hits.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

const options = { keyPrefix: 'shop:', lazyConnect: true };

// Counts hits per shop.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!, options);
  res.json({ hits: await redis.incr('hits') });
  await redis.quit();
}
`,
    },
    output: {
      'pages/api/hits.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

const options = { keyPrefix: 'shop:', lazyConnect: true };

${IN_FILE_WHY}
function createRedis() {
  return new Redis(process.env.REDIS_URL!, options);
}

let redisClient: ReturnType<typeof createRedis> | undefined;

function getRedis() {
  redisClient ??= createRedis();
  return redisClient;
}

// Counts hits per shop.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ hits: await redis.incr('hits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: "SvelteKit: a helper in src/lib/redis.js that built and connected a node-redis 4 client per call connects one lazily, kept on globalThis for the dev server's reloads, and the routes stop disconnecting it",
    input: {
      'package.json': `{ "name": "visits", "private": true, "type": "module", "devDependencies": { "@sveltejs/kit": "^2.5.0" }, "dependencies": { "redis": "^4.6.13" } }
`,
      'src/lib/redis.js': `import { createClient } from 'redis';

export async function getRedisClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.error('Redis error', err));
  await client.connect();
  return client;
}
`,
      'src/routes/api/visits/+server.js': `import { json } from '@sveltejs/kit';
import { getRedisClient } from '../../../lib/redis.js';

export async function GET() {
  const client = await getRedisClient();
  const visits = await client.incr('visits');
  await client.disconnect();
  return json({ visits });
}
`,
      'src/routes/api/events/+server.js': `import { getRedisClient } from '../../../lib/redis.js';

export async function POST({ request }) {
  const client = await getRedisClient();
  try {
    await client.lPush('events', await request.text());
  } finally {
    await client.disconnect();
  }
  return new Response(null, { status: 204 });
}
`,
    },
    output: {
      'src/lib/redis.js': `import { createClient } from 'redis';

${lazyNodeRedisClient({ name: 'client', construction: 'createClient({ url: process.env.REDIS_URL })', listener: "(err) => console.error('Redis error', err)", hotReload: { framework: 'SvelteKit', key: 'srcLibRedisClientConnection' } })}
export async function getRedisClient() {
  const client = await getClient();
  return client;
}
`,
      'src/routes/api/visits/+server.js': `import { json } from '@sveltejs/kit';
import { getRedisClient } from '../../../lib/redis.js';

export async function GET() {
  const client = await getRedisClient();
  const visits = await client.incr('visits');
  return json({ visits });
}
`,
      'src/routes/api/events/+server.js': `import { getRedisClient } from '../../../lib/redis.js';

export async function POST({ request }) {
  const client = await getRedisClient();
  await client.lPush('events', await request.text());
  return new Response(null, { status: 204 });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'src/lib/redis.js', action: 'updated' }],
  },
  {
    name: 'TypeScript: a helper in lib/redis.ts named like the getter, with a chained listener, connects one node-redis 5 client lazily, kept on globalThis in a Next.js package',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "shop", "private": true, "dependencies": { "next": "^16.0.0", "redis": "^5.8.0" } }
`,
      'lib/redis.ts': `import { createClient } from 'redis';

const options = { url: process.env.REDIS_URL };

export async function getClient() {
  const client = await createClient(options).on('error', (error) => console.error('Redis error', error)).connect();
  return client;
}
`,
      'pages/api/visits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = await getClient();
  try {
    res.json({ visits: await client.incr('visits') });
  } finally {
    await client.quit();
  }
}
`,
    },
    output: {
      'lib/redis.ts': `import { createClient } from 'redis';

const options = { url: process.env.REDIS_URL };

${lazyNodeRedisClient({ name: 'redis', construction: 'createClient(options)', typescript: true, close: 'destroy', listener: "(error) => console.error('Redis error', error)", hotReload: { framework: 'Next.js', key: 'libRedisRedisConnection' } })}
export async function getClient() {
  const client = await getRedis();
  return client;
}
`,
      'pages/api/visits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = await getClient();
  res.json({ visits: await client.incr('visits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  },
  {
    name: 'node-redis 4 routes whose options read a binding of their file share one lazily connected getter there; a connect in a try is where the client is awaited',
    input: {
      'package.json': `{ "name": "api", "private": true, "type": "module", "dependencies": { "express": "^5.1.0", "redis": "^4.7.0" } }
`,
      'src/server.js': `import express from 'express';
import { createClient } from 'redis';

const app = express();
const options = { url: process.env.REDIS_URL };

app.get('/a', async (req, res) => {
  const client = createClient(options);
  await client.connect();
  try {
    res.json({ a: await client.get('a') });
  } finally {
    await client.quit();
  }
});

app.get('/b', async (req, res) => {
  const client = createClient(options);
  try {
    await client.connect();
    res.json({ b: await client.get('b') });
  } catch (error) {
    res.status(503).end();
  }
});

app.get('/c', async (req, res) => {
  res.json({ c: await (await createClient(options).connect()).get('c') });
});
`,
    },
    output: {
      'src/server.js': `import express from 'express';
import { createClient } from 'redis';

const app = express();
const options = { url: process.env.REDIS_URL };

${lazyNodeRedisClient({ name: 'client', construction: 'createClient(options)' })}
app.get('/a', async (req, res) => {
  const client = await getClient();
  res.json({ a: await client.get('a') });
});

app.get('/b', async (req, res) => {
  try {
    const client = await getClient();
    res.json({ b: await client.get('b') });
  } catch (error) {
    res.status(503).end();
  }
});

app.get('/c', async (req, res) => {
  res.json({ c: await (await getClient()).get('c') });
});
`,
    },
    sitesHoisted: 3,
    modules: [],
  },
  {
    name: 'a helper whose caller in another file subscribes on what it returns is skipped with that reason',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/cache.ts': `import Redis from 'ioredis';

export function getClient() {
  return new Redis(process.env.REDIS_URL!);
}
`,
      'pages/api/events.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/cache';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const subscriber = getClient();
  await subscriber.subscribe('events');
  subscriber.on('message', (channel, message) => res.write(\`data: \${message}\\n\\n\`));
  req.on('close', () => subscriber.quit());
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [{ file: 'lib/cache.ts', line: 4, reason: 'its caller in pages/api/events.ts cannot share a connection: it subscribes (`subscribe`), which needs a connection of its own' }],
    modules: [],
  },
  {
    name: 'node-redis: a handler that validates the request before its connect() awaits the shared client where it connected, so a bad request still gets its 400',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': otpPackage,
      'app/api/send/route.ts': `import { createClient } from 'redis';

export async function POST(req: Request) {
  const client = createClient({ url: process.env.REDIS_URL });
  const body: { otp?: string } = await req.json();
  if (!body.otp) return new Response('missing otp', { status: 400 });
  await client.connect();
  await client.set('otp', body.otp);
  return new Response(null, { status: 204 });
}
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }'),
      'app/api/send/route.ts': `import { getRedis } from '../../../lib/redis';

export async function POST(req: Request) {
  const body: { otp?: string } = await req.json();
  if (!body.otp) return new Response('missing otp', { status: 400 });
  const client = await getRedis();
  await client.set('otp', body.otp);
  return new Response(null, { status: 204 });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a node-redis helper whose caller connects after validating the request, inside its own try, is skipped: the shared client would connect earlier',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': otpPackage,
      'utility/redis.ts': unconnectedClientHelper,
      'app/api/send/route.ts': sendRouteConnectingInTry,
      'app/api/verify/route.ts': `import { connectRedis } from '../../../utility/redis';

export async function POST(req: Request) {
  const client = await connectRedis();
  const body: { otp?: string } = await req.json();
  if (!body.otp) return new Response('missing otp', { status: 400 });
  try {
    await client.connect();
    return new Response(String((await client.get('otp')) === body.otp));
  } catch {
    return new Response('try again', { status: 500 });
  }
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [
      {
        file: 'utility/redis.ts',
        line: 4,
        reason: "callers connect the client later than they get it (app/api/verify/route.ts:8): the shared client would connect earlier, outside that code's error handling",
      },
    ],
    modules: [],
  },
  {
    name: 'a node-redis helper whose caller keeps it and connects it in another function is skipped',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': otpPackage,
      'utility/redis.ts': `import { createClient } from 'redis';

export async function connectRedis() {
  return createClient({ url: process.env.REDIS_URL });
}
`,
      'app/api/session/route.ts': `import { connectRedis } from '../../../utility/redis';

let client: Awaited<ReturnType<typeof connectRedis>> | undefined;

export async function POST() {
  client = await connectRedis();
  return new Response(null, { status: 201 });
}

export async function GET() {
  if (!client) return new Response('no session', { status: 409 });
  await client.connect();
  return new Response(await client.get('session'));
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [
      {
        file: 'utility/redis.ts',
        line: 4,
        reason: "callers connect the client later than they get it (app/api/session/route.ts:12): the shared client would connect earlier, outside that code's error handling",
      },
    ],
    modules: [],
  },
  {
    name: "a node-redis helper one of whose callers registers an 'error' listener on every client it gets: the helper stays, listed",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': otpPackage,
      'utility/redis.ts': unconnectedClientHelper,
      'app/api/send/route.ts': `import { connectRedis } from '../../../utility/redis';

export async function POST(req: Request) {
  try {
    const client = await connectRedis();
    client.on('error', (error) => console.error(error));
    await client.connect();
    await client.set('otp', await req.text());
    return new Response(null, { status: 204 });
  } catch {
    return new Response('try again', { status: 500 });
  }
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [
      {
        file: 'utility/redis.ts',
        line: 4,
        reason: "its caller in app/api/send/route.ts cannot share a connection: it registers an 'error' listener on every client it gets (line 6), which would pile up on a shared client",
      },
    ],
    modules: [],
  },
  {
    name: 'a node-redis helper whose callers connect right where they get it (awaited, stored, chained) returns the shared client, and their connects go',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': otpPackage,
      'utility/redis.ts': unconnectedClientHelper,
      'app/api/send/route.ts': `import { connectRedis } from '../../../utility/redis';

export async function POST(req: Request) {
  try {
    const client = await connectRedis();
    await client.connect();
    await client.set('otp', await req.text());
    return new Response(null, { status: 204 });
  } catch {
    return new Response('try again', { status: 500 });
  }
}
`,
      'app/api/count/route.ts': `import { connectRedis } from '../../../utility/redis';

let client: Awaited<ReturnType<typeof connectRedis>>;

export async function GET() {
  client = await connectRedis();
  await client.connect();
  return new Response(String(await client.incr('count')));
}
`,
      'app/api/read/route.ts': `import { connectRedis } from '../../../utility/redis';

export async function GET() {
  const client = await (await connectRedis()).connect();
  return new Response(await client.get('otp'));
}
`,
    },
    output: {
      'lib/redis.ts': nodeRedisModule('{ url: process.env.REDIS_URL }'),
      'utility/redis.ts': `import { getRedis } from '../lib/redis';

export async function connectRedis() {
  const client = await getRedis();
  return client;
}
`,
      'app/api/send/route.ts': `import { connectRedis } from '../../../utility/redis';

export async function POST(req: Request) {
  try {
    const client = await connectRedis();
    await client.set('otp', await req.text());
    return new Response(null, { status: 204 });
  } catch {
    return new Response('try again', { status: 500 });
  }
}
`,
      'app/api/count/route.ts': `import { connectRedis } from '../../../utility/redis';

let client: Awaited<ReturnType<typeof connectRedis>>;

export async function GET() {
  client = await connectRedis();
  return new Response(String(await client.incr('count')));
}
`,
      'app/api/read/route.ts': `import { connectRedis } from '../../../utility/redis';

export async function GET() {
  const client = await connectRedis();
  return new Response(await client.get('otp'));
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "a duplicate written as redis['duplicate']() keeps its receiver's options: it moves within its file, not to a default client",
    input: {
      'package.json': `{ "name": "lookup-lambda", "private": true }
`,
      'handler.js': `'use strict';

const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

exports.handler = async (event) => {
  const reader = redis['duplicate']();
  const value = await reader.get(event.key);
  return value;
};
`,
    },
    output: {
      'handler.js': `'use strict';

const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL);

${IN_FILE_WHY}
function createReader() {
  return redis['duplicate']();
}

let readerClient;

function getReader() {
  if (!readerClient) readerClient = createReader();
  return readerClient;
}

exports.handler = async (event) => {
  const reader = getReader();
  const value = await reader.get(event.key);
  return value;
};
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: "a caller that reaches a rewritten helper through its module object (cache.getClient()) stops closing what it returns",
    input: {
      'package.json': `{ "name": "lookup-lambda", "private": true }
`,
      'lib/cache.js': `'use strict';

const Redis = require('ioredis');

function getClient() {
  return new Redis(process.env.REDIS_URL);
}

module.exports = { getClient };
`,
      'handler.js': `'use strict';

const cache = require('./lib/cache');

exports.handler = async (event) => {
  const client = cache.getClient();
  const value = await client.get(event.key);
  await client.quit();
  return value;
};
`,
    },
    output: {
      'lib/redis.js': commonJsIoredisModule('process.env.REDIS_URL'),
      'lib/cache.js': `'use strict';

const { getRedis } = require('./redis');

function getClient() {
  return getRedis();
}

module.exports = { getClient };
`,
      'handler.js': `'use strict';

const cache = require('./lib/cache');

exports.handler = async (event) => {
  const client = cache.getClient();
  const value = await client.get(event.key);
  return value;
};
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: 'a helper reached through a module object the codemod cannot resolve (a bundler alias) is skipped, not rewritten under that caller',
    input: {
      'tsconfig.json': nextTsconfig,
      'lib/cache.ts': `import Redis from 'ioredis';

export function getClient() {
  return new Redis(process.env.REDIS_URL!);
}
`,
      'pages/api/visits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getClient } from '../../lib/cache';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const visits = await getClient().incr('visits');
  res.json({ visits });
}
`,
      'pages/api/hits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import * as cache from '~/lib/cache';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = cache.getClient();
  const hits = await client.incr('hits');
  await client.quit();
  res.json({ hits });
}
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [
      {
        file: 'lib/cache.ts',
        line: 4,
        reason: "it returns the client to callers, and pages/api/hits.ts imports `getClient` from '~/lib/cache', which the codemod cannot resolve, so it cannot follow what that caller does with the client",
      },
    ],
    modules: [],
  },
  {
    name: 'options written with 4-space indentation move into a shared module written with 4 spaces, as their file is, at its depth; a template literal keeps its lines',
    input: {
      'tsconfig.json': nextTsconfig,
      'pages/api/hits.ts': `import Redis from 'ioredis';
import type { NextApiRequest, NextApiResponse } from 'next';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
    const redis = new Redis({
        host: process.env.REDIS_HOST,
        retryStrategy(times: number) {
            return Math.min(times * 50, 2000);
        },
        tls: {
            ca: \`-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGU
    a line that starts with spaces
-----END CERTIFICATE-----\`,
        },
    });
    res.json({ hits: await redis.incr('hits') });
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

${WHY}
const redisClients: { redis?: Redis } = {};

/** The shared client, built on the first call. */
export function getRedis(): Redis {
    redisClients.redis ??= new Redis({
        host: process.env.REDIS_HOST,
        retryStrategy(times: number) {
            return Math.min(times * 50, 2000);
        },
        tls: {
            ca: \`-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGU
    a line that starts with spaces
-----END CERTIFICATE-----\`,
        },
    });
    return redisClients.redis;
}
`,
      'pages/api/hits.ts': `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
    const redis = getRedis();
    res.json({ hits: await redis.incr('hits') });
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'node-redis options written with tabs, two blocks deep, move into a shared module indented by tabs, as their file is',
    input: {
      'tsconfig.json': nextTsconfig,
      'handlers/hits.ts': `import { createClient } from 'redis';

export const handler = async (event: { path?: string }) => {
\tif (event.path) {
\t\tconst client = createClient({
\t\t\turl: process.env.REDIS_URL,
\t\t\tsocket: {
\t\t\t\tconnectTimeout: 5000,
\t\t\t},
\t\t});
\t\tawait client.connect();
\t\tconst hits = await client.incr(event.path);
\t\tawait client.quit();
\t\treturn { statusCode: 200, body: String(hits) };
\t}
\treturn { statusCode: 404, body: '' };
};
`,
    },
    output: {
      'lib/redis.ts': `import { createClient } from 'redis';

function createRedis() {
\treturn createClient({
\t\turl: process.env.REDIS_URL,
\t\tsocket: {
\t\t\tconnectTimeout: 5000,
\t\t},
\t});
}

type RedisClient = ReturnType<typeof createRedis>;

${WHY}
const redisClients: { redis?: Promise<RedisClient> } = {};

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
export function getRedis(): Promise<RedisClient> {
\tredisClients.redis ??= connectRedis();
\treturn redisClients.redis;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectRedis(): Promise<RedisClient> {
\tconst client = createRedis();
\ttry {
\t\tawait client.connect();
\t} catch (error) {
\t\tredisClients.redis = undefined;
\t\tthrow error;
\t}
\tclient.on('error', (error: unknown) => {
\t\tconsole.error('Redis client error', error);
\t\t// Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
\t\tredisClients.redis = undefined;
\t\tclient.destroy();
\t});
\treturn client;
}
`,
      'handlers/hits.ts': `import { getRedis } from '../lib/redis';

export const handler = async (event: { path?: string }) => {
\tif (event.path) {
\t\tconst client = await getRedis();
\t\tconst hits = await client.incr(event.path);
\t\treturn { statusCode: 200, body: String(hits) };
\t}
\treturn { statusCode: 404, body: '' };
};
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: 'a client moved within its file whose own name is taken there is named after its env var, never numbered, and the file keeps its 4-space indentation and its lines without semicolons',
    input: {
      'package.json': `{ "name": "cache", "private": true, "dependencies": { "ioredis": "^5.4.0" } }
`,
      'routes/cache.js': `const Redis = require('ioredis')
const { getClient } = require('./kv')

const options = { lazyConnect: true }

async function cached(key) {
    const client = new Redis(process.env.CACHE_REDIS_URL, options)
    try {
        return (await client.get(key)) ?? getClient().get(key)
    } finally {
        client.disconnect()
    }
}

module.exports = { cached }
`,
      'routes/kv.js': `module.exports = { getClient: () => new Map() }
`,
    },
    output: {
      'routes/cache.js': `const Redis = require('ioredis')
const { getClient } = require('./kv')

const options = { lazyConnect: true }

${IN_FILE_WHY}
function createCacheRedis() {
    return new Redis(process.env.CACHE_REDIS_URL, options)
}

let cacheRedisClient

function getCacheRedis() {
    if (!cacheRedisClient) cacheRedisClient = createCacheRedis()
    return cacheRedisClient
}

async function cached(key) {
    const client = getCacheRedis()
    return (await client.get(key)) ?? getClient().get(key)
}

module.exports = { cached }
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'a tab-indented client on db 2 whose own name is taken is named after its db, and its options keep their depth below the new getter',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "stats", "private": true, "dependencies": { "ioredis": "^5.4.0" } }
`,
      'handlers/stats.ts': `import Redis from 'ioredis';
import { getRedis } from './kv';

const retry = { maxRetriesPerRequest: 1 };

export const handler = async ({ key }: { key?: string }) => {
\tif (key) {
\t\tconst redis = new Redis({
\t\t\t...retry,
\t\t\tdb: 2,
\t\t});
\t\ttry {
\t\t\treturn await redis.get(key);
\t\t} finally {
\t\t\tawait redis.quit();
\t\t}
\t}
\treturn getRedis();
};
`,
      'handlers/kv.ts': `export function getRedis(): string {
\treturn 'none';
}
`,
    },
    output: {
      'handlers/stats.ts': `import Redis from 'ioredis';
import { getRedis } from './kv';

const retry = { maxRetriesPerRequest: 1 };

${IN_FILE_WHY}
function createRedisDb2() {
\treturn new Redis({
\t\t...retry,
\t\tdb: 2,
\t});
}

let redisDb2Client: ReturnType<typeof createRedisDb2> | undefined;

function getRedisDb2() {
\tredisDb2Client ??= createRedisDb2();
\treturn redisDb2Client;
}

export const handler = async ({ key }: { key?: string }) => {
\tif (key) {
\t\tconst redis = getRedisDb2();
\t\treturn await redis.get(key);
\t}
\treturn getRedis();
};
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'a client moved within its file is skipped, not numbered, when every name it could take is in use there',
    input: {
      'package.json': `{ "name": "cache", "private": true, "dependencies": { "ioredis": "^5.4.0" } }
`,
      'routes/cache.js': `const Redis = require('ioredis');
const { getRedis, getSharedRedis } = require('./kv');

const options = { lazyConnect: true };

async function cached(key) {
  const redis = new Redis(process.env.REDIS_URL, options);
  try {
    return (await redis.get(key)) ?? getRedis().get(key) ?? getSharedRedis().get(key);
  } finally {
    redis.disconnect();
  }
}

module.exports = { cached };
`,
      'routes/kv.js': `module.exports = { getRedis: () => new Map(), getSharedRedis: () => new Map() };
`,
    },
    output: {},
    sitesHoisted: 0,
    sitesSkipped: [
      {
        file: 'routes/cache.js',
        line: 7,
        reason: 'every name its client could take here (`getRedis`, `getSharedRedis`) is already in use in this file; rename one of those bindings and run the fix again',
      },
    ],
    modules: [],
  },
  {
    name: "node-redis in a shared module indented by 4 spaces without semicolons: the connecting getter is written in the file's own style, the chained listener re-indented to its new depth",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "memes", "private": true, "dependencies": { "redis": "^5.8.0" } }
`,
      'lib/redis.ts': `import {createClient} from "redis"

export async function getRedisClient() {
    const client = await createClient()
    .on('error', (err) => {
        console.log('Redis Client Error', err)
    })
    .connect()

    return client
}
`,
      'app/api/hits/route.ts': `import { getRedisClient } from "../../../lib/redis"

export async function GET() {
    const redis = await getRedisClient()
    return Response.json({ hits: await redis.incr("hits") })
}
`,
    },
    output: {
      'lib/redis.ts': `import {createClient} from "redis"

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
let clientConnection: ReturnType<typeof connectClient> | undefined

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
    clientConnection ??= connectClient()
    return clientConnection
}

/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */
async function connectClient() {
    const client = createClient()
    client.on('error', (err) => {
        console.log('Redis Client Error', err)
    })
    try {
        await client.connect()
    } catch (error) {
        clientConnection = undefined
        throw error
    }
    return client
}

export async function getRedisClient() {
    const client = await getClient()

    return client
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  },
  {
    name: 'a CommonJS route written without semicolons imports the shared client and awaits it at its connect without adding any, and its new shared module has none either',
    input: {
      'package.json': `{ "name": "visits", "private": true, "dependencies": { "express": "^5.1.0", "redis": "^5.8.0" } }
`,
      'routes/visits.js': `const { createClient } = require('redis')

async function visits(req, res) {
  const client = createClient({ url: process.env.REDIS_URL })
  try {
    await client.connect()
    res.json({ visits: await client.incr('visits') })
  } finally {
    await client.quit()
  }
}

module.exports = { visits }
`,
    },
    output: {
      'lib/redis.js': `const { createClient } = require('redis')

function createRedis() {
  return createClient({ url: process.env.REDIS_URL })
}

${WHY}
const redisClients = {}

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getRedis() {
  if (!redisClients.redis) redisClients.redis = connectRedis()
  return redisClients.redis
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectRedis() {
  const client = createRedis()
  try {
    await client.connect()
  } catch (error) {
    redisClients.redis = undefined
    throw error
  }
  client.on('error', (error) => {
    console.error('Redis client error', error)
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    redisClients.redis = undefined
    client.destroy()
  })
  return client
}

exports.getRedis = getRedis
`,
      'routes/visits.js': `const { getRedis } = require('../lib/redis')

async function visits(req, res) {
  const client = await getRedis()
  res.json({ visits: await client.incr('visits') })
}

module.exports = { visits }
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: 'two call-site files written with 4 spaces, no semicolons and double quotes get a new shared module written the same way; their template literals stay as they were',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "board", "private": true, "dependencies": { "redis": "^5.8.0" } }
`,
      'handlers/scores.ts': `import { createClient } from "redis"

export async function handler({ id }: { id: string }) {
    const client = createClient({ url: process.env.REDIS_URL })
    await client.connect()
    const value = await client.get(\`votes:\${id}\`)
    await client.quit()
    return Number(value ?? "0")
}
`,
      'handlers/votes.ts': `import { createClient } from "redis"

export async function handler({ id }: { id: string }) {
    const client = createClient({ url: process.env.REDIS_URL })
    await client.connect()
    try {
        return await client.incr(\`votes:\${id}\`)
    } finally {
        await client.quit()
    }
}
`,
    },
    output: {
      'lib/redis.ts': `import { createClient } from "redis"

${bareDoubleQuotedNodeRedisExport('redis', '{ url: process.env.REDIS_URL }')}`,
      'handlers/scores.ts': `import { getRedis } from "../lib/redis"

export async function handler({ id }: { id: string }) {
    const client = await getRedis()
    const value = await client.get(\`votes:\${id}\`)
    return Number(value ?? "0")
}
`,
      'handlers/votes.ts': `import { getRedis } from "../lib/redis"

export async function handler({ id }: { id: string }) {
    const client = await getRedis()
    return await client.incr(\`votes:\${id}\`)
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "call-site files that write their code two different ways leave the new shared module in the default style, and the moved options keep their own double quotes",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "board", "private": true, "dependencies": { "ioredis": "^5.4.0" } }
`,
      'handlers/scores.ts': `import { Redis } from "ioredis"

export async function handler({ id }: { id: string }) {
    const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379")
    const value = await redis.get(id)
    await redis.quit()
    return Number(value ?? "0")
}
`,
      'handlers/votes.ts': `import { Redis } from 'ioredis';

export async function handler({ id }: { id: string }) {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
  const votes = await redis.incr(id);
  await redis.quit();
  return votes;
}
`,
    },
    output: {
      'lib/redis.ts': ioredisModule('process.env.REDIS_URL ?? "redis://localhost:6379"'),
      'handlers/scores.ts': `import { getRedis } from "../lib/redis"

export async function handler({ id }: { id: string }) {
    const redis = getRedis()
    const value = await redis.get(id)
    return Number(value ?? "0")
}
`,
      'handlers/votes.ts': `import { getRedis } from '../lib/redis';

export async function handler({ id }: { id: string }) {
  const redis = getRedis();
  const votes = await redis.incr(id);
  return votes;
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.ts', action: 'created' }],
  },
  {
    name: "a client appended to an existing shared module written with 4 spaces, no semicolons and double quotes is written that module's way, not the call site's; its moved options keep their single quotes",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "board", "private": true, "dependencies": { "ioredis": "^5.4.0", "redis": "^5.8.0" } }
`,
      'lib/redis.ts': `import { Redis } from "ioredis"

let cache: Redis | undefined

export function getCache(): Redis {
    cache ??= new Redis(process.env.REDIS_URL ?? "redis://localhost:6379")
    return cache
}
`,
      'handlers/sessions.ts': `import { createClient } from 'redis';

export async function handler({ id }: { id: string }) {
  const client = createClient({ url: process.env.SESSION_REDIS_URL ?? 'redis://localhost:6380' });
  await client.connect();
  const session = await client.get(id);
  await client.quit();
  return session;
}
`,
    },
    output: {
      'lib/redis.ts': `import { createClient } from "redis"
import { Redis } from "ioredis"

let cache: Redis | undefined

export function getCache(): Redis {
    cache ??= new Redis(process.env.REDIS_URL ?? "redis://localhost:6379")
    return cache
}

${bareDoubleQuotedNodeRedisExport('sessionRedis', "{ url: process.env.SESSION_REDIS_URL ?? 'redis://localhost:6380' }")}`,
      'handlers/sessions.ts': `import { getSessionRedis } from '../lib/redis';

export async function handler({ id }: { id: string }) {
  const client = await getSessionRedis();
  const session = await client.get(id);
  return session;
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  },
  {
    name: "a double-quoted CommonJS file gets its in-file connecting getter with double quotes, and its require of the shared module too",
    input: {
      'package.json': `{ "name": "visits", "private": true, "dependencies": { "express": "^5.1.0", "redis": "^5.8.0" } }
`,
      'routes/visits.js': `const { createClient } = require("redis");

const options = { url: process.env.REDIS_URL };

async function visits(req, res) {
  const client = createClient(options);
  await client.connect();
  res.json({ visits: await client.incr("visits") });
  await client.quit();
}

async function pages(req, res) {
  const client = createClient({ url: process.env.PAGES_REDIS_URL });
  await client.connect();
  res.json({ pages: await client.incr("pages") });
  await client.quit();
}

module.exports = { visits, pages };
`,
    },
    output: {
      'lib/redis.js': `const { createClient } = require("redis");

function createRedis() {
  return createClient({ url: process.env.PAGES_REDIS_URL });
}

${WHY}
const redisClients = {};

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getRedis() {
  if (!redisClients.redis) redisClients.redis = connectRedis();
  return redisClients.redis;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectRedis() {
  const client = createRedis();
  try {
    await client.connect();
  } catch (error) {
    redisClients.redis = undefined;
    throw error;
  }
  client.on("error", (error) => {
    console.error("Redis client error", error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    redisClients.redis = undefined;
    client.destroy();
  });
  return client;
}

exports.getRedis = getRedis;
`,
      'routes/visits.js': `const { createClient } = require("redis");
const { getRedis } = require("../lib/redis");

const options = { url: process.env.REDIS_URL };

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
let clientConnection;

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
  if (!clientConnection) clientConnection = connectClient();
  return clientConnection;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectClient() {
  const client = createClient(options);
  try {
    await client.connect();
  } catch (error) {
    clientConnection = undefined;
    throw error;
  }
  client.on("error", (error) => {
    console.error("Redis client error", error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    clientConnection = undefined;
    client.destroy();
  });
  return client;
}

async function visits(req, res) {
  const client = await getClient();
  res.json({ visits: await client.incr("visits") });
}

async function pages(req, res) {
  const client = await getRedis();
  res.json({ pages: await client.incr("pages") });
}

module.exports = { visits, pages };
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: "the shared getter's import takes getSharedRedis where the file already binds getRedis, and a file that binds both keeps its client, listed",
    input: {
      'package.json': `{ "name": "visits", "private": true, "dependencies": { "express": "^5.1.0", "ioredis": "^5.4.0" } }
`,
      'routes/visits.js': `const Redis = require('ioredis');
const { getRedis } = require('./legacy-cache');

async function visits(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ visits: await redis.incr('visits'), legacy: getRedis() });
  await redis.quit();
}

module.exports = { visits };
`,
      'routes/stats.js': `const Redis = require('ioredis');
const { getRedis, getSharedRedis } = require('./legacy-cache');

async function stats(req, res) {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ stats: await redis.get('stats'), legacy: [getRedis(), getSharedRedis()] });
  await redis.quit();
}

module.exports = { stats };
`,
      'routes/legacy-cache.js': `module.exports = { getRedis: () => 'legacy', getSharedRedis: () => 'legacy' };
`,
    },
    output: {
      'lib/redis.js': commonJsIoredisModule('process.env.REDIS_URL'),
      'routes/visits.js': `const { getRedis } = require('./legacy-cache');
const { getRedis: getSharedRedis } = require('../lib/redis');

async function visits(req, res) {
  const redis = getSharedRedis();
  res.json({ visits: await redis.incr('visits'), legacy: getRedis() });
}

module.exports = { visits };
`,
    },
    sitesHoisted: 1,
    sitesSkipped: [
      {
        file: 'routes/stats.js',
        line: 5,
        reason: 'every name its client could take here (`getRedis`, `getSharedRedis`) is already in use in this file; rename one of those bindings and run the fix again',
      },
    ],
    modules: [{ path: 'lib/redis.js', action: 'created' }],
  },
  {
    name: 'Next.js: an ioredis client kept in its route file (its options read a binding there) is kept on globalThis, so a dev-server reload reuses it',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "counter", "private": true, "dependencies": { "ioredis": "^5.4.0", "next": "^16.0.0" } }
`,
      'app/api/hits/route.ts': `import Redis from 'ioredis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function GET() {
  const redis = new Redis(REDIS_URL);
  try {
    return new Response(String(await redis.incr('hits')));
  } finally {
    await redis.quit();
  }
}
`,
    },
    output: {
      'app/api/hits/route.ts': `import Redis from 'ioredis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

${IN_FILE_WHY}
function createRedis() {
  return new Redis(REDIS_URL);
}

// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis as unknown as { appApiHitsRouteRedisClient?: ReturnType<typeof createRedis> };

function getRedis() {
  globalForRedis.appApiHitsRouteRedisClient ??= createRedis();
  return globalForRedis.appApiHitsRouteRedisClient;
}

export async function GET() {
  const redis = getRedis();
  return new Response(String(await redis.incr('hits')));
}
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'a plain Node package: the same client kept in its file stays in a module binding, with no globalThis guard',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "counter", "private": true, "dependencies": { "ioredis": "^5.4.0" } }
`,
      'handlers/hits.ts': `import Redis from 'ioredis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const handler = async () => {
  const redis = new Redis(REDIS_URL);
  try {
    return { statusCode: 200, body: String(await redis.incr('hits')) };
  } finally {
    await redis.quit();
  }
};
`,
    },
    output: {
      'handlers/hits.ts': `import Redis from 'ioredis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

${IN_FILE_WHY}
function createRedis() {
  return new Redis(REDIS_URL);
}

let redisClient: ReturnType<typeof createRedis> | undefined;

function getRedis() {
  redisClient ??= createRedis();
  return redisClient;
}

export const handler = async () => {
  const redis = getRedis();
  return { statusCode: 200, body: String(await redis.incr('hits')) };
};
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'Next.js: two clients kept in one route file get a globalThis holder each, named apart without a number, and the finally that closed both goes',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "stats", "private": true, "dependencies": { "ioredis": "^5.4.0", "next": "^16.0.0" } }
`,
      'app/api/stats/route.ts': `import Redis from 'ioredis';

const CACHE_URL = process.env.CACHE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE_URL = process.env.QUEUE_REDIS_URL ?? 'redis://127.0.0.1:6380';

export async function GET() {
  const cache = new Redis(CACHE_URL);
  const queue = new Redis(QUEUE_URL);
  try {
    return Response.json({ cached: await cache.dbsize(), queued: await queue.llen('jobs') });
  } finally {
    await cache.quit();
    await queue.quit();
  }
}
`,
    },
    output: {
      'app/api/stats/route.ts': `import Redis from 'ioredis';

const CACHE_URL = process.env.CACHE_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUEUE_URL = process.env.QUEUE_REDIS_URL ?? 'redis://127.0.0.1:6380';

${IN_FILE_WHY}
function createCache() {
  return new Redis(CACHE_URL);
}

// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis as unknown as { appApiStatsRouteCacheClient?: ReturnType<typeof createCache> };

function getCache() {
  globalForRedis.appApiStatsRouteCacheClient ??= createCache();
  return globalForRedis.appApiStatsRouteCacheClient;
}

${IN_FILE_WHY}
function createQueue() {
  return new Redis(QUEUE_URL);
}

// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForQueueClient = globalThis as unknown as { appApiStatsRouteQueueClient?: ReturnType<typeof createQueue> };

function getQueue() {
  globalForQueueClient.appApiStatsRouteQueueClient ??= createQueue();
  return globalForQueueClient.appApiStatsRouteQueueClient;
}

export async function GET() {
  const cache = getCache();
  const queue = getQueue();
  return Response.json({ cached: await cache.dbsize(), queued: await queue.llen('jobs') });
}
`,
    },
    sitesHoisted: 2,
    modules: [],
  },
  {
    name: "Next.js: an existing lib/redis.ts whose factory connects a node-redis 5 client per call gets a connect-once getter kept on globalThis",
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "gallery", "private": true, "dependencies": { "next": "^16.0.0", "redis": "^5.8.0" } }
`,
      ...reusedFactoryFiles,
    },
    output: {
      'lib/redis.ts': `import { createClient } from 'redis';

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis as unknown as { libRedisClientConnection?: ReturnType<typeof connectClient> };

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
  globalForRedis.libRedisClientConnection ??= connectClient();
  return globalForRedis.libRedisClientConnection;
}

/** The code's own 'error' listener is registered before connecting, as it was: the connect retries and later errors reconnect. */
async function connectClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', (err) => console.error('Redis error', err));
  try {
    await client.connect();
  } catch (error) {
    globalForRedis.libRedisClientConnection = undefined;
    throw error;
  }
  return client;
}

export async function getRedisClient() {
  const client = await getClient();
  return client;
}
`,
      'app/api/views/route.ts': `import { getRedisClient } from '../../../lib/redis';

export async function POST() {
  const redis = await getRedisClient();
  const views = await redis.incr('views');
  return new Response(String(views));
}
`,
    },
    sitesHoisted: 1,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  },
  {
    name: 'Next.js in JavaScript: a node-redis 4 client kept in its file is kept on globalThis, memoised without `??=`',
    input: {
      'package.json': `{ "name": "pages", "private": true, "dependencies": { "next": "^15.0.0", "redis": "^4.7.0" } }
`,
      'pages/api/page.js': perRequestPagesRoute,
    },
    output: {
      'pages/api/page.js': `import { createClient } from 'redis';

const options = { url: process.env.REDIS_URL };

// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.
// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis;

/** The shared client, connected on the first call; a failed connection is forgotten, so the next call tries afresh. */
function getClient() {
  if (!globalForRedis.pagesApiPageClientConnection) globalForRedis.pagesApiPageClientConnection = connectClient();
  return globalForRedis.pagesApiPageClientConnection;
}

/** No 'error' listener until connected, so a first failure rejects at once, as it did for a client built per call. */
async function connectClient() {
  const client = createClient(options);
  try {
    await client.connect();
  } catch (error) {
    globalForRedis.pagesApiPageClientConnection = undefined;
    throw error;
  }
  client.on('error', (error) => {
    console.error('Redis client error', error);
    // Dropped rather than left reconnecting, so calls fail fast while Redis is away, as before.
    globalForRedis.pagesApiPageClientConnection = undefined;
    void client.disconnect().catch(() => undefined);
  });
  return client;
}

export default async function handler(req, res) {
  const client = await getClient();
  res.json({ page: await client.get(\`page:\${req.query.name}\`) });
}
`,
    },
    sitesHoisted: 1,
    modules: [],
  },
  {
    name: 'Next.js: a factory rewritten in lib/redis.ts and a new client appended to it keep their clients on globalThis under two holders',
    input: {
      'tsconfig.json': nextTsconfig,
      'package.json': `{ "name": "gallery", "private": true, "dependencies": { "ioredis": "^5.4.0", "next": "^16.0.0" } }
`,
      'lib/redis.ts': `import { Redis } from 'ioredis';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function getRedis() {
  return new Redis(url);
}
`,
      'app/api/hits/route.ts': `import { getRedis } from '../../../lib/redis';

export async function GET() {
  const redis = getRedis();
  const hits = await redis.incr('hits');
  await redis.quit();
  return new Response(String(hits));
}
`,
      'app/api/sessions/route.ts': `import { Redis } from 'ioredis';

export async function GET() {
  const sessions = new Redis(process.env.SESSIONS_REDIS_URL!);
  const count = await sessions.dbsize();
  await sessions.quit();
  return new Response(String(count));
}
`,
    },
    output: {
      'lib/redis.ts': `import { Redis } from 'ioredis';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

${IN_FILE_WHY}
function createSharedRedis() {
  return new Redis(url);
}

// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedis = globalThis as unknown as { libRedisSharedRedisClient?: ReturnType<typeof createSharedRedis> };

function getSharedRedis() {
  globalForRedis.libRedisSharedRedisClient ??= createSharedRedis();
  return globalForRedis.libRedisSharedRedisClient;
}

export function getRedis() {
  return getSharedRedis();
}

${WHY}
// Next.js development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.
const globalForRedisByConfiguration = globalThis as unknown as { sessionsRedis?: Redis };

/** The shared client, built on the first call. */
export function getSessionsRedis(): Redis {
  globalForRedisByConfiguration.sessionsRedis ??= new Redis(process.env.SESSIONS_REDIS_URL!);
  return globalForRedisByConfiguration.sessionsRedis;
}
`,
      'app/api/hits/route.ts': `import { getRedis } from '../../../lib/redis';

export async function GET() {
  const redis = getRedis();
  const hits = await redis.incr('hits');
  return new Response(String(hits));
}
`,
      'app/api/sessions/route.ts': `import { getSessionsRedis } from '../../../lib/redis';

export async function GET() {
  const sessions = getSessionsRedis();
  const count = await sessions.dbsize();
  return new Response(String(count));
}
`,
    },
    sitesHoisted: 2,
    modules: [{ path: 'lib/redis.ts', action: 'updated' }],
  },
];

// What the run writes, checked as the user's compiler and runtime would: tsc for TypeScript projects (library
// typings parsed once for every case), `node --check` for JavaScript.
let scratch: string;
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

beforeAll(() => {
  scratch = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'redis-singleton-transform-'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function writeTree(dir: string, tree: Record<string, string>): void {
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

/** tsc's diagnostics for `files` (and what they import) under the project's own tsconfig.json. */
function typeErrors(dir: string, files: string[]): string[] {
  const { config } = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
  const options = { ...ts.parseJsonConfigFileContent(config, ts.sys, dir).options, noEmit: true, types: ['node'] };
  const host = ts.createCompilerHost(options);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/')) return readSourceFile(fileName, languageVersion, onError, shouldCreate);
    const format = typeof languageVersion === 'object' ? `${languageVersion.languageVersion}|${languageVersion.impliedNodeFormat}` : `${languageVersion}`;
    const key = `${fileName}|${format}`;
    if (!libraryFiles.has(key)) libraryFiles.set(key, readSourceFile(fileName, languageVersion, onError, shouldCreate));
    return libraryFiles.get(key);
  };
  const program = ts.createProgram({ rootNames: files.map((file) => path.join(dir, file)), options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(dir, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('runCodemod: input → output', () => {
  cases.forEach((transformCase, index) => describe(transformCase.name, () => {
    const first = run(transformCase.input);

    it('writes exactly the expected files', () => {
      expect(writesOf(first)).toEqual(transformCase.output);
    });

    it('reports what it moved, skipped and created', () => {
      expect({
        sitesHoisted: first.sitesHoisted,
        sitesSkipped: first.sitesSkipped.map(({ file, line, reason }) => ({ file, line, reason })),
        modules: first.modules,
        errors: first.errors,
      }).toEqual({
        sitesHoisted: transformCase.sitesHoisted,
        sitesSkipped: transformCase.sitesSkipped ?? [],
        modules: transformCase.modules,
        errors: transformCase.errors ?? [],
      });
    });

    it('changes nothing when run again on its output', () => {
      const second = run({ ...transformCase.input, ...writesOf(first) });
      expect(writesOf(second)).toEqual({});
      expect(second.sitesHoisted).toBe(0);
      expect(second.modules.filter((module) => module.action !== 'reused')).toEqual([]);
      expect(second.sitesSkipped.map(({ file, reason }) => ({ file, reason }))).toEqual(first.sitesSkipped.map(({ file, reason }) => ({ file, reason })));
    });

    const written = Object.keys(writesOf(first));
    if ('tsconfig.json' in transformCase.input) {
      it('writes TypeScript that type-checks', () => {
        const dir = path.join(scratch, String(index));
        writeTree(dir, { ...transformCase.input, ...writesOf(first) });
        expect(typeErrors(dir, written.filter((file) => /\.[cm]?tsx?$/.test(file)))).toEqual([]);
      });
    } else {
      it("writes JavaScript that Node parses under the project's module system", () => {
        const dir = path.join(scratch, String(index));
        writeTree(dir, { ...transformCase.input, ...writesOf(first) });
        // A project whose sources use no ES module syntax is CommonJS: there Node must not fall back to syntax detection.
        const esm = Object.entries(transformCase.input).some(([file, text]) => /\.[cm]?js$/.test(file) && /^(?:import|export)\s/m.test(text));
        const flags = esm ? [] : ['--no-experimental-detect-module'];
        const failures = written
          .filter((file) => /\.[cm]?js$/.test(file))
          .map((file) => ({ file, check: spawnSync(process.execPath, [...flags, '--check', file], { cwd: dir, encoding: 'utf8' }) }))
          .filter(({ check }) => check.status !== 0)
          .map(({ file, check }) => `${file}: ${check.stderr}`);
        expect(failures).toEqual([]);
      });
    }
  }));
});

// The transform on its own, through the jscodeshift CLI, as the README shows it.
describe('hoist-redis-client under the jscodeshift CLI', () => {
  const jscodeshift = path.join(repoRoot, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
  const transform = path.join(repoRoot, 'dist', 'codemods', 'hoist-redis-client.js');
  const handler = `import type { NextApiRequest, NextApiResponse } from 'next';
import Redis from 'ioredis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    res.json({ hits: await redis.incr('hits') });
  } finally {
    await redis.quit();
  }
}
`;
  const rewritten = `import type { NextApiRequest, NextApiResponse } from 'next';
import { getRedis } from '../../lib/redis';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const redis = getRedis();
  res.json({ hits: await redis.incr('hits') });
}
`;

  function runJscodeshift(project: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
    if (!existsSync(transform)) throw new Error(`${transform} does not exist: run \`npm run build\` first.`);
    const result = spawnSync(process.execPath, [jscodeshift, '--no-babel', '--run-in-band', '--parser', 'tsx', '-t', transform, ...args], {
      cwd: project,
      encoding: 'utf8',
      // jscodeshift colours its summary when CI is set; the assertions read plain text.
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('rewrites a handler in place, and leaves the shared module to `redis-singleton fix`', () => {
    const project = path.join(scratch, 'jscodeshift-write');
    writeTree(project, { 'pages/api/hits.ts': handler });
    const result = runJscodeshift(project, ['pages/api/hits.ts']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\b1 ok\b/);
    expect(readFileSync(path.join(project, 'pages/api/hits.ts'), 'utf8')).toBe(rewritten);
    expect(existsSync(path.join(project, 'lib'))).toBe(false);
  });

  it('prints the rewrite with --dry --print and writes nothing', () => {
    const project = path.join(scratch, 'jscodeshift-dry');
    writeTree(project, { 'pages/api/hits.ts': handler });
    const result = runJscodeshift(project, ['--dry', '--print', 'pages/api/hits.ts']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(rewritten);
    expect(readFileSync(path.join(project, 'pages/api/hits.ts'), 'utf8')).toBe(handler);
  });
});
