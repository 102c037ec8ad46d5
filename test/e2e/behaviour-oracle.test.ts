/**
 * Behaviour oracle against a real redis-server, for every fixture that runs: the same scripted calls on input/
 * (before) and expected/ (after the fix) give the same answers and the same per-call command sequence seen by
 * MONITOR, apart from connection set-up and teardown; calls that fail after the fix failed before it; the fixed side
 * opens at most one connection per shared export; scripts and servers told to stop exit by themselves.
 * TypeScript fixtures run as their build would: each .ts file transpiled on its own (`transpileModule`) into the copy.
 * Old client versions run for real: the copy's node_modules maps `redis` to node-redis 3 (`redis3`) and `ioredis` to
 * ioredis 4 (`ioredis4`), both dev dependencies of this repository.
 */
import { randomInt } from 'node:crypto';
import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopy, repoRoot, type FixtureSide } from '../helpers/fixture-tree.js';
import { RespConnection, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { transpileProject } from '../helpers/transpile.js';
import { startSide, type Answer, type SessionDriver, type SharedClient } from './oracle-sessions.js';

interface OracleScenario {
  /** What the scenario shows; the fixture's name unless it has several. */
  title: string;
  fixture: string;
  /** Transpile the copy's TypeScript before loading it. */
  typescript?: boolean;
  /** The ways in, by name: each call names the one it goes through. */
  entries: Record<string, SessionDriver>;
  /** The scripted calls, in order: entry name and what it is called with. */
  calls: [entry: string, input: unknown][];
  /** Variables each side runs with, read from the server; `undefined` removes one for the run. */
  env: (server: RedisServer) => Record<string, string | undefined>;
  /** Files written into each copy before it loads, such as a `.env`. */
  files?: (server: RedisServer) => Record<string, string>;
  /** Client packages to map in the copy's node_modules: name → package installed in this repository. */
  modules?: Record<string, string>;
  /** Where the server listens when the code hard-codes its port; a free loopback port otherwise. */
  server?: { host: string; port: number };
  /** Data the calls read, written before each side runs. */
  seed: (string | number)[][];
  /** Getters the fix's shared module exports; 0 when the fix leaves the fixture as it was. */
  sharedExports: number;
  /** The shared module after the fix and its getter, to close the shared client when the side is done. */
  closeShared?: SharedClient;
  /** Stopped with SIGTERM, after which the process must exit by itself with code 0 (a server's shutdown path). */
  terminate?: boolean;
  /** Neither side may open a connection: the client is built under a condition the calls do not meet. */
  noConnection?: boolean;
  /** Values that differ from run to run by design (clock readings), replaced before the sides are compared. */
  normalise?: (text: string) => string;
  /**
   * A difference the oracle finds in expected/ that the codemod must fix (expected/ is never edited to pass): the
   * claim it breaks runs as `it.fails`, so it turns red once the codemod's output behaves and the entry can go.
   */
  knownDifference?: { claim: Claim; why: string };
}

type Claim = 'answers' | 'errors' | 'commands' | 'shutdown' | 'connections';

const route = (file: string, name: string): SessionDriver => ({ kind: 'route', file, export: name });
const fn = (file: string, name: string): SessionDriver => ({ kind: 'function', file, export: name });
/** An address of 127.0.0.0/8 other than 127.0.0.1, where a fixed port such as 6379 is sure to be free. */
const spareLoopbackAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
/** `Date.now()` readings stored or returned by a call. */
const clockReadings = (text: string) => text.replace(/\b1\d{12}\b/g, '<Date.now()>');

const scenarios: OracleScenario[] = [
  {
    title: 'cjs',
    fixture: 'cjs',
    entries: { profile: route('routes/profile.js', 'getProfile') },
    calls: [['profile', { params: { id: '7' } }], ['profile', { params: { id: '8' } }], ['profile', { params: { id: '7' } }]],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [['HSET', 'profile:7', 'name', 'Ada', 'city', 'London']],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'ioredis-4',
    fixture: 'ioredis-4',
    entries: { session: route('routes/session.js', 'readSession') },
    calls: [['session', { params: { id: 'abc' } }], ['session', { params: { id: 'missing' } }]],
    env: (server) => ({ REDIS_URL: server.url }),
    modules: { ioredis: 'ioredis4' },
    seed: [['SET', 'sess:abc', '{"user":"ada"}']],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'node-redis-3',
    fixture: 'node-redis-3',
    entries: { increment: route('routes/counter.js', 'increment') },
    calls: [['increment', { params: { name: 'a' } }], ['increment', { params: { name: 'a' } }], ['increment', { params: { name: 'b' } }]],
    env: (server) => ({ REDIS_URL: server.url }),
    modules: { redis: 'redis3' },
    seed: [],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'esm-js',
    fixture: 'esm-js',
    entries: { visit: route('routes/visits.js', 'countVisit') },
    calls: [['visit', { params: { page: 'home' } }], ['visit', { params: { page: 'home' } }], ['visit', { params: { page: 'about' } }]],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'close' },
  },
  {
    title: 'monorepo',
    fixture: 'monorepo',
    entries: { worker: fn('packages/worker/handler.js', 'handler') },
    calls: [['worker', { shop: 'north' }], ['worker', { shop: 'south' }]],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [['RPUSH', 'orders:north', 'o1', 'o2']],
    sharedExports: 1,
    closeShared: { file: 'packages/worker/lib/redis.js', getter: 'getRedis', close: 'close' },
  },
  {
    title: 'express: real HTTP requests to the app, a per-request store whose close() the fix empties',
    fixture: 'express',
    entries: { app: { kind: 'http', file: 'app.js', export: 'default' } },
    calls: [['app', 'GET /visits'], ['app', 'POST /session/ada'], ['app', 'GET /visits'], ['app', 'POST /session/ada']],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
    normalise: clockReadings,
  },
  {
    title: 'helper-callers: routes that close or destroy the client a NodeNext .js import of a .ts helper connects',
    fixture: 'helper-callers',
    typescript: true,
    entries: {
      ping: route('src/routes/health.js', 'ping'),
      list: route('src/routes/orders.js', 'listOrders'),
      count: route('src/routes/orders.js', 'countOrders'),
    },
    calls: [
      ['ping', {}],
      ['list', { params: { user: 'ada' } }],
      ['count', { params: { user: 'ada' } }],
      ['list', { params: { user: 'bob' } }],
      ['count', { params: { user: 'bob' } }],
      ['ping', {}],
    ],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [['RPUSH', 'orders:ada', 'o1', 'o2']],
    sharedExports: 1,
    closeShared: { file: 'src/lib/redis.js', getter: 'getRedis', close: 'close' },
  },
  {
    title: 'helper-callers: the one-shot prune script exits by itself with code 0',
    fixture: 'helper-callers',
    typescript: true,
    entries: { prune: { kind: 'script', file: 'src/scripts/prune.js' } },
    calls: [['prune', null]],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [['RPUSH', 'orders:stale', 'o0']],
    sharedExports: 1,
  },
  {
    title: 'service-shutdown: the server exits by itself after SIGTERM, so disconnect() still closes',
    fixture: 'service-shutdown',
    typescript: true,
    entries: { server: { kind: 'http', file: 'src/server.js', export: 'default' } },
    calls: [['server', 'GET /apple'], ['server', 'GET /pear'], ['server', 'GET /apple']],
    env: (server) => ({ PRICE_REDIS_URL: server.url }),
    seed: [['SET', 'price:apple', '3']],
    sharedExports: 0,
    terminate: true,
  },
  {
    title: 'cache-env-check: with CACHE_HOST unset neither side connects',
    fixture: 'cache-env-check',
    typescript: true,
    entries: { product: { kind: 'web', file: 'src/app/api/product/route.js', export: 'GET' } },
    calls: [['product', '/api/product?id=1'], ['product', '/api/product?id=2'], ['product', '/api/product?id=1']],
    env: () => ({ CACHE_HOST: undefined }),
    seed: [],
    sharedExports: 1,
    noConnection: true,
  },
  {
    title: 'cache-env-check: with CACHE_HOST set, the same cached reads on the port 6379 the route hard-codes',
    fixture: 'cache-env-check',
    typescript: true,
    entries: { product: { kind: 'web', file: 'src/app/api/product/route.js', export: 'GET' } },
    calls: [['product', '/api/product?id=1'], ['product', '/api/product?id=2'], ['product', '/api/product?id=1']],
    env: (server) => ({ CACHE_HOST: server.host }),
    server: { host: spareLoopbackAddress(), port: 6379 },
    seed: [['SET', 'product:2', '{"id":"2","name":"from the cache"}']],
    sharedExports: 1,
    closeShared: { file: 'src/lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'dotenv-after-imports: both sides read the URL from the .env loaded after the imports',
    fixture: 'dotenv-after-imports',
    entries: { stock: fn('main.js', 'handle') },
    calls: [['stock', 'apple'], ['stock', 'pear'], ['stock', 'apple']],
    // The URL reaches the app only through the .env file; the variable is removed from the environment.
    env: () => ({ STOCK_REDIS_URL: undefined }),
    files: (server) => ({ '.env': `STOCK_REDIS_URL=${server.url}\n` }),
    seed: [['SET', 'stock:apple', '5']],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'crlf-bom: a TypeScript Lambda in a CRLF file with a byte order mark',
    fixture: 'crlf-bom',
    typescript: true,
    entries: { item: fn('api/item.js', 'handler') },
    calls: [['item', { id: 'a' }], ['item', { id: 'b' }]],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [['SET', 'item:a', 'anvil']],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'redis-folder: a pages/api route whose shared module goes into the existing lib/redis/ folder',
    fixture: 'redis-folder',
    typescript: true,
    entries: { top: route('pages/api/top.js', 'default') },
    calls: [['top', { query: { board: 'daily' } }], ['top', { query: { board: 'weekly' } }]],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [['ZADD', 'scores:daily', '10', 'ada', '20', 'bob']],
    sharedExports: 1,
    closeShared: { file: 'lib/redis/client.js', getter: 'getRedis', close: 'quit' },
  },
  {
    title: 'next-pages-api: pages/api routes, one through a getClient() helper whose caller disconnects',
    fixture: 'next-pages-api',
    typescript: true,
    entries: {
      hits: route('pages/api/hits.js', 'default'),
      session: route('pages/api/session.js', 'default'),
      stats: route('pages/api/stats.js', 'default'),
    },
    calls: [
      ['hits', { query: { page: 'home' } }],
      ['hits', { query: { page: 'about' } }],
      ['stats', {}],
      ['session', { query: { id: 'ada' } }],
      ['hits', { query: { page: 'home' } }],
      ['stats', {}],
    ],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [],
    sharedExports: 1,
    closeShared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
    normalise: clockReadings,
  },
  {
    title: 'mixed: the route on REDIS_URL reuses the existing lib/redis.ts; a second URL shared by two routes gets a module beside it',
    fixture: 'mixed',
    typescript: true,
    entries: { a: route('pages/api/a.js', 'default'), b: route('pages/api/b.js', 'default'), c: route('pages/api/c.js', 'default') },
    calls: [
      ['b', { query: { sku: 'kettle' } }],
      ['b', { query: { sku: 'kettle' } }],
      ['a', { query: { sku: 'kettle' } }],
      ['c', { query: { sku: 'kettle' } }],
      ['b', { query: { sku: 'kettle' } }],
    ],
    env: (server) => ({ REDIS_URL: server.url, CACHE_REDIS_URL: server.url, NODE_ENV: 'production' }),
    seed: [],
    sharedExports: 2,
    closeShared: { file: 'lib/redis-clients.js', getter: 'getCacheRedis', close: 'quit' },
  },
  {
    // lib/redis.ts builds its client at import: the cache routes must not import it for theirs.
    title: 'mixed: a deployment that sets only CACHE_REDIS_URL and calls only the cache routes',
    fixture: 'mixed',
    typescript: true,
    entries: { b: route('pages/api/b.js', 'default'), c: route('pages/api/c.js', 'default') },
    calls: [
      ['b', { query: { sku: 'kettle' } }],
      ['c', { query: { sku: 'kettle' } }],
      ['b', { query: { sku: 'kettle' } }],
    ],
    env: (server) => ({ REDIS_URL: undefined, CACHE_REDIS_URL: server.url, NODE_ENV: 'production' }),
    seed: [],
    sharedExports: 1,
    closeShared: { file: 'lib/redis-clients.js', getter: 'getCacheRedis', close: 'quit' },
  },
  {
    title: 'lambda-node-redis: NodeNext Lambdas, one chaining connect() and destroying the client',
    fixture: 'lambda-node-redis',
    typescript: true,
    entries: { views: fn('src/handler.js', 'handler'), orders: fn('src/orders.js', 'handler') },
    calls: [
      ['views', { pathParameters: { slug: 'home' } }],
      ['orders', { body: '{"sku":"kettle","quantity":2}' }],
      ['orders', { body: '{"quantity":2}' }],
      ['views', {}],
    ],
    env: (server) => ({ REDIS_URL: server.url }),
    seed: [],
    // The views handler's listener before connect() retries; the orders handler, with none, gets a client that fails fast.
    sharedExports: 2,
    closeShared: { file: 'src/lib/redis.js', getter: 'getRedis', close: 'close' },
  },
];

/** Commands a client sends to set up or tear down its connection, which the fix may change in number. */
const CONNECTION_COMMANDS = new Set(['hello', 'client', 'info', 'quit', 'auth', 'select']);

/** MONITOR on its own connection: every command the server runs, as `"name" "arg"…`, in order. */
class Monitor {
  readonly lines: string[] = [];
  private pending = '';
  private readonly waiting = new Set<() => void>();
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending += chunk.toString('utf8');
      const parts = this.pending.split('\r\n');
      this.pending = parts.pop()!;
      for (const line of parts) if (line.startsWith('+') && line !== '+OK') this.lines.push(line);
      for (const wake of this.waiting) wake();
    });
  }

  static async open(server: RedisServer): Promise<Monitor> {
    const socket = net.createConnection({ port: server.port, host: server.host });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const monitor = new Monitor(socket);
    socket.write('MONITOR\r\n');
    return monitor;
  }

  /** Waits until the server has run `ECHO <marker>` and returns its line's index. */
  async indexOf(marker: string): Promise<number> {
    const quoted = `"ECHO" "${marker}"`;
    for (;;) {
      const index = this.lines.findIndex((line) => line.endsWith(quoted));
      if (index !== -1) return index;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          resolve();
        };
        this.waiting.add(wake);
      });
    }
  }

  /** The commands between two line indexes, without connection set-up and teardown, as `name arg…`. */
  commands(from: number, to: number): string[] {
    return this.lines.slice(from, to).flatMap((line) => {
      const words = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]);
      return words.length === 0 || CONNECTION_COMMANDS.has(words[0].toLowerCase()) ? [] : [words.join(' ').replace(/^\S+/, (name) => name.toLowerCase())];
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Replaces the copy's node_modules link with a folder of links, mapping the named packages to older versions. */
async function mapModules(root: string, modules: Record<string, string>): Promise<void> {
  const folder = path.join(root, 'node_modules');
  await rm(folder, { force: true });
  await mkdir(folder);
  const installed = path.join(repoRoot, 'node_modules');
  for (const name of await readdir(installed)) {
    if (name === '.bin' || Object.keys(modules).includes(name)) continue;
    await symlink(path.join(installed, name), path.join(folder, name), 'dir');
  }
  for (const [name, target] of Object.entries(modules)) await symlink(path.join(installed, target), path.join(folder, name), 'dir');
}

/** This process's environment with the side's variables set, or removed where they are `undefined`. */
function sideEnvironment(variables: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

interface SideRun {
  answers: Answer[];
  commandsPerCall: string[][];
  /** How the side stopped: a server's exit after SIGTERM, or null once its shared client closed. */
  shutdown: Answer;
  /** Connections the side's code opened to the test server, from `total_connections_received`. */
  connections: number;
  /** Every connection the side's code attempted, to any host and port (a default `localhost:6379` too). */
  connectionAttempts: string[];
}

function failure(error: unknown): Answer {
  return { error: error instanceof Error ? error.message : String(error) };
}

function errorsOf(run: SideRun): Answer[] {
  return [...run.answers, run.shutdown].filter((answer) => typeof answer === 'object' && answer !== null && 'error' in answer);
}

async function runSide(scenario: OracleScenario, side: FixtureSide, server: RedisServer, monitor: Monitor): Promise<SideRun> {
  const root = await copyFixture(scenario.fixture, side);
  const admin = await RespConnection.open(server.port, server.host);
  try {
    if (scenario.modules) await mapModules(root, scenario.modules);
    if (scenario.typescript) await transpileProject(root);
    for (const [file, text] of Object.entries(scenario.files?.(server) ?? {})) await writeFile(path.join(root, file), text);
    await admin.command('FLUSHALL');
    for (const command of scenario.seed) await admin.command(...command);
    const connectionsBefore = (await server.connectionStats()).totalConnectionsReceived;
    const sideProcess = await startSide({ root, env: sideEnvironment(scenario.env(server)) });
    const answers: Answer[] = [];
    const commandsPerCall: string[][] = [];
    for (const [index, [entry, input]] of scenario.calls.entries()) {
      // ECHOs from another connection mark where each call starts and ends in the MONITOR stream.
      const marker = `oracle-${scenario.fixture}-${side}-${index}`;
      await admin.command('ECHO', `${marker}-start`);
      const start = await monitor.indexOf(`${marker}-start`);
      answers.push(await sideProcess.call(scenario.entries[entry], entry, input).catch(failure));
      await admin.command('ECHO', `${marker}-end`);
      commandsPerCall.push(monitor.commands(start + 1, await monitor.indexOf(`${marker}-end`)));
    }
    const connections = (await server.connectionStats()).totalConnectionsReceived - connectionsBefore;
    const connectionAttempts = await sideProcess.connectionAttempts();
    const closeShared = side === 'expected' ? scenario.closeShared : undefined;
    const shutdown = await sideProcess.stop({ closeShared, terminate: scenario.terminate }).catch(failure);
    const normalise = scenario.normalise ?? ((text: string) => text);
    return {
      answers: JSON.parse(normalise(JSON.stringify(answers))) as Answer[],
      commandsPerCall: commandsPerCall.map((commands) => commands.map(normalise)),
      shutdown,
      connections,
      connectionAttempts,
    };
  } finally {
    admin.close();
    await removeFixtureCopy(root);
  }
}

describe.each(scenarios)('$title: the same calls before and after the fix', (scenario) => {
  let server: RedisServer;
  let monitor: Monitor;
  let before: SideRun;
  let after: SideRun;

  beforeAll(async () => {
    server = await startRedis(scenario.server);
    // The first reading opens the counters' own connection, so no side is charged for it.
    await server.connectionStats();
    monitor = await Monitor.open(server);
    before = await runSide(scenario, 'input', server, monitor);
    after = await runSide(scenario, 'expected', server, monitor);
  });

  afterAll(async () => {
    monitor?.close();
    await server?.stop();
  });

  /** `it`, or `it.fails` for the one claim a known difference of expected/ breaks. */
  const claim = (name: Claim) => (scenario.knownDifference?.claim === name ? it.fails : it);

  claim('answers')('answers every call the same, and every call succeeds before the fix', () => {
    expect(after.answers).toEqual(before.answers);
    expect(errorsOf(before)).toEqual([]);
  });

  claim('errors')('fails no call after the fix that did not fail before it', () => {
    const errorsBefore = errorsOf(before);
    expect(errorsOf(after).filter((error) => !errorsBefore.some((known) => JSON.stringify(known) === JSON.stringify(error)))).toEqual([]);
  });

  claim('commands')('sends Redis the same commands for each call, apart from connection set-up and teardown', () => {
    expect(after.commandsPerCall).toEqual(before.commandsPerCall);
    if (scenario.noConnection) expect(before.commandsPerCall.flat()).toEqual([]);
    else expect(before.commandsPerCall.flat().length).toBeGreaterThan(0);
  });

  claim('shutdown')('stops the same way: the shared client closes, and a server sent SIGTERM exits by itself with code 0', () => {
    expect(after.shutdown).toEqual(before.shutdown);
  });

  const connectionClaim = scenario.noConnection ? 'opens no connection on either side' : 'opens at most one connection per shared export after the fix';
  claim('connections')(`connects nowhere new after the fix, and ${connectionClaim}`, () => {
    expect(after.connectionAttempts.filter((target) => !before.connectionAttempts.includes(target))).toEqual([]);
    if (scenario.noConnection) {
      expect([before.connections, after.connections]).toEqual([0, 0]);
      expect([before.connectionAttempts, after.connectionAttempts]).toEqual([[], []]);
    }
    else if (scenario.sharedExports > 0) expect(after.connections).toBeLessThanOrEqual(scenario.sharedExports);
    else expect(after.connections).toBeLessThanOrEqual(before.connections);
  });
});
