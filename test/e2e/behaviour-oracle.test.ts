/**
 * Behaviour oracle against a real redis-server, for the runnable JavaScript fixtures: the same scripted calls on
 * input/ (before) and expected/ (after the fix) give the same responses and the same per-call command sequence seen
 * by MONITOR, apart from connection set-up and teardown. Old client versions run for real: the copy's node_modules
 * maps `redis` to node-redis 3 (`redis3`) and `ioredis` to ioredis 4 (`ioredis4`), both dev dependencies of this
 * repository.
 */
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopy, repoRoot, type FixtureSide } from '../helpers/fixture-tree.js';
import { RespConnection, startRedis, type RedisServer } from '../helpers/redis-server.js';

/** What a route or handler answered: an Express-style response, or a Lambda's return value. */
type Answer = unknown;

interface OracleScenario {
  fixture: string;
  /** The module and export that serve a call, relative to the fixture root. */
  entry: { file: string; export: string; esm: boolean };
  /** Environment variable that carries the server's URL. */
  urlVariable: string;
  /** Client packages to map in the copy's node_modules: name → package installed in this repository. */
  modules?: Record<string, string>;
  /** Data the calls read, written before each side runs. */
  seed: (string | number)[][];
  /** The scripted calls: arguments the entry is called with. */
  calls: { kind: 'express'; params: Record<string, string> }[] | { kind: 'lambda'; event: Record<string, string> }[];
  /** The shared module after the fix and its getter, to close the shared client when the side is done. */
  shared?: { file: string; getter: string; close: 'quit' | 'close' };
}

const scenarios: OracleScenario[] = [
  {
    fixture: 'cjs',
    entry: { file: 'routes/profile.js', export: 'getProfile', esm: false },
    urlVariable: 'REDIS_URL',
    seed: [['HSET', 'profile:7', 'name', 'Ada', 'city', 'London']],
    calls: { kind: 'express', params: [{ id: '7' }, { id: '8' }, { id: '7' }] } as never,
    shared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    fixture: 'ioredis-4',
    entry: { file: 'routes/session.js', export: 'readSession', esm: false },
    urlVariable: 'REDIS_URL',
    modules: { ioredis: 'ioredis4' },
    seed: [['SET', 'sess:abc', '{"user":"ada"}']],
    calls: { kind: 'express', params: [{ id: 'abc' }, { id: 'missing' }] } as never,
    shared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    fixture: 'node-redis-3',
    entry: { file: 'routes/counter.js', export: 'increment', esm: false },
    urlVariable: 'REDIS_URL',
    modules: { redis: 'redis3' },
    seed: [],
    calls: { kind: 'express', params: [{ name: 'a' }, { name: 'a' }, { name: 'b' }] } as never,
    shared: { file: 'lib/redis.js', getter: 'getRedis', close: 'quit' },
  },
  {
    fixture: 'esm-js',
    entry: { file: 'routes/visits.js', export: 'countVisit', esm: true },
    urlVariable: 'REDIS_URL',
    seed: [],
    calls: { kind: 'express', params: [{ page: 'home' }, { page: 'home' }, { page: 'about' }] } as never,
    shared: { file: 'lib/redis.js', getter: 'getRedis', close: 'close' },
  },
  {
    fixture: 'monorepo',
    entry: { file: 'packages/worker/handler.js', export: 'handler', esm: false },
    urlVariable: 'REDIS_URL',
    seed: [['RPUSH', 'orders:north', 'o1', 'o2']],
    calls: { kind: 'lambda', event: [{ shop: 'north' }, { shop: 'south' }] } as never,
    shared: { file: 'packages/worker/lib/redis.js', getter: 'getRedis', close: 'close' },
  },
];

/** Commands a client sends to set up or tear down its connection, which the fix may change in number. */
const CONNECTION_COMMANDS = new Set(['hello', 'client', 'info', 'quit', 'auth', 'select', 'ping']);

/** MONITOR on its own connection: every command the server runs, as `name arg…`, in order. */
class Monitor {
  readonly lines: string[] = [];
  private pending = '';
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.pending += chunk.toString('utf8');
      const parts = this.pending.split('\r\n');
      this.pending = parts.pop()!;
      for (const line of parts) if (line.startsWith('+') && line !== '+OK') this.lines.push(line);
    });
  }

  static async open(port: number): Promise<Monitor> {
    const socket = net.createConnection({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const monitor = new Monitor(socket);
    socket.write('MONITOR\r\n');
    return monitor;
  }

  /** The commands seen since `from`, without connection set-up and teardown. */
  commands(from: number): string[] {
    return this.lines.slice(from).flatMap((line) => {
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

async function loadEntry(root: string, entry: OracleScenario['entry']): Promise<(...args: unknown[]) => unknown> {
  const file = path.join(root, entry.file);
  const loaded = (entry.esm ? await import(pathToFileURL(file).href) : createRequire(file)(file)) as Record<string, (...args: unknown[]) => unknown>;
  return loaded[entry.export];
}

/** Calls an Express-style route with a request and a response that records what was sent. */
async function callRoute(route: (...args: unknown[]) => unknown, params: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let status = 200;
    const res = {
      status(code: number) {
        status = code;
        return res;
      },
      json(body: unknown) {
        resolve({ status, body });
        return res;
      },
    };
    Promise.resolve(route({ params, body: {} }, res)).catch(reject);
  });
}

interface SideRun {
  answers: Answer[];
  commandsPerCall: string[][];
}

async function runSide(scenario: OracleScenario, side: FixtureSide, server: RedisServer, monitor: Monitor): Promise<SideRun> {
  const root = await copyFixture(scenario.fixture, side);
  try {
    if (scenario.modules) await mapModules(root, scenario.modules);
    const admin = await RespConnection.open(server.port);
    await admin.command('FLUSHALL');
    for (const command of scenario.seed) await admin.command(...command);
    process.env[scenario.urlVariable] = server.url;
    const entry = await loadEntry(root, scenario.entry);
    const answers: Answer[] = [];
    const commandsPerCall: string[][] = [];
    const calls = scenario.calls as unknown as { kind: string; params?: Record<string, string>[]; event?: Record<string, string>[] };
    const inputs = calls.kind === 'express' ? calls.params! : calls.event!;
    for (const [index, input] of inputs.entries()) {
      // An ECHO from another connection marks where each call starts in the MONITOR stream.
      await admin.command('ECHO', `oracle-call-${index}`);
      await waitFor(() => monitor.lines.some((line) => line.includes(`oracle-call-${index}`)));
      const start = monitor.lines.findIndex((line) => line.includes(`oracle-call-${index}`)) + 1;
      answers.push(calls.kind === 'express' ? await callRoute(entry, input) : await entry(input));
      await admin.command('ECHO', `oracle-done-${index}`);
      await waitFor(() => monitor.lines.some((line) => line.includes(`oracle-done-${index}`)));
      const end = monitor.lines.findIndex((line) => line.includes(`oracle-done-${index}`));
      commandsPerCall.push(monitor.commands(start).slice(0, monitor.commands(start).length - monitor.commands(end).length));
    }
    if (side === 'expected' && scenario.shared) {
      const shared = path.join(root, scenario.shared.file);
      const module = (scenario.entry.esm ? await import(pathToFileURL(shared).href) : createRequire(shared)(shared)) as Record<string, () => unknown>;
      const client = (await module[scenario.shared.getter]()) as Record<string, () => Promise<unknown>>;
      await client[scenario.shared.close]();
    }
    admin.close();
    return { answers, commandsPerCall };
  } finally {
    await removeFixtureCopy(root);
  }
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(scenarios)('$fixture: the same calls before and after the fix', (scenario) => {
  let server: RedisServer;
  let monitor: Monitor;
  let before: SideRun;
  let after: SideRun;

  beforeAll(async () => {
    server = await startRedis();
    monitor = await Monitor.open(server.port);
    before = await runSide(scenario, 'input', server, monitor);
    after = await runSide(scenario, 'expected', server, monitor);
  });

  afterAll(async () => {
    monitor?.close();
    await server?.stop();
  });

  it('answers every call the same', () => {
    expect(after.answers).toEqual(before.answers);
  });

  it('sends Redis the same commands for each call, apart from connection set-up and teardown', () => {
    expect(after.commandsPerCall).toEqual(before.commandsPerCall);
    expect(before.commandsPerCall.every((commands) => commands.length > 0)).toBe(true);
  });
});
