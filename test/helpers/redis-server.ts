/**
 * A real, throwaway redis-server (or a three-node cluster) on loopback ports. Its connection
 * counters are read through the sampler of `redis-singleton watch`, over one connection of its
 * own; a raw RESP connection answers the start-up probes. The client under test never reads the counters.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openWatchTarget, type WatchTarget } from '../../cli/watch/connection.js';
import { Sampler } from '../../cli/watch/sampler.js';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/** The counters the proof is about, read from `INFO stats` and `INFO clients`. */
export interface ConnectionStats {
  /** `INFO stats` total_connections_received: accepted connections since start. */
  totalConnectionsReceived: number;
  /** `INFO clients` connected_clients: connections open now. */
  connectedClients: number;
  /** `INFO stats` rejected_connections: refused because of maxclients. */
  rejectedConnections: number;
}

/** Anything whose connection counters can be read: one server or a whole cluster. */
export interface ConnectionCounter {
  connectionStats(): Promise<ConnectionStats>;
}

export interface RedisServer extends ConnectionCounter {
  host: string;
  port: number;
  url: string;
  /** Raw `INFO [section]` text. */
  info(section?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface RedisCluster extends ConnectionCounter {
  host: string;
  ports: number[];
  nodes: RedisServer[];
  /** The counters summed over every node. */
  info(): Promise<ConnectionStats>;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  maxclients?: number;
  /** Start with `--requirepass`; `url` then carries the password. */
  requirepass?: string;
  /** Listen on this port instead of a free one: a restart on the port a client already uses. */
  port?: number;
  /**
   * Listen on this loopback address instead of 127.0.0.1: with an address of its own, a server can take a fixed port
   * such as 6379 (code that hard-codes the port) without clashing with anything on 127.0.0.1.
   */
  host?: string;
}

export const INSTALL_HINT =
  'redis-server was not found on PATH. Install it to run the proof against a real Redis: ' +
  '`apt-get install -y redis-server` on Debian/Ubuntu, `brew install redis` on macOS.';

/** Thrown when redis-server or redis-cli is missing: the proof never skips silently. */
export class RedisServerMissingError extends Error {
  constructor(binary: string) {
    super(binary === 'redis-server' ? INSTALL_HINT : INSTALL_HINT.replace('redis-server was', `${binary} was`));
    this.name = 'RedisServerMissingError';
  }
}

function assertInstalled(binary: 'redis-server' | 'redis-cli'): void {
  if (!isRedisInstalled(binary)) throw new RedisServerMissingError(binary);
}

/** True when the binary (redis-server unless told otherwise) can be run. */
export function isRedisInstalled(binary: 'redis-server' | 'redis-cli' = 'redis-server'): boolean {
  return !spawnSync(binary, ['--version'], { stdio: 'ignore' }).error;
}

// A test worker that dies before afterAll must not leave redis-servers behind.
const liveServers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL');
});

/** One RESP reply: simple strings and bulk strings as text, integers as numbers. */
type RespReply = string | number | null | RespReply[];

/** Parses one reply at `offset`; returns undefined while the buffer holds only part of it. */
function parseReply(buffer: Buffer, offset: number): { value: RespReply | Error; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd === -1) return undefined;
  const kind = String.fromCharCode(buffer[offset]);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new Error(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespReply[] = [];
      let cursor = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, cursor);
        if (!item) return undefined;
        if (item.value instanceof Error) return { value: item.value, end: item.end };
        items.push(item.value);
        cursor = item.end;
      }
      return { value: items, end: cursor };
    }
    default:
      return { value: new Error(`unexpected RESP type byte ${JSON.stringify(kind)}`), end: buffer.length };
  }
}

/**
 * One plain TCP connection speaking RESP, kept open so that sampling INFO every few
 * milliseconds adds exactly one connection to the counters, once, before any baseline is read.
 */
export class RespConnection {
  private buffer = Buffer.alloc(0);
  private readonly waiting: { resolve: (value: RespReply) => void; reject: (error: Error) => void }[] = [];
  private closedWith: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection to redis-server closed')));
  }

  static open(port: number, host = HOST): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ port, host });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RespConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  command(...args: (string | number)[]): Promise<RespReply> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const parts = args.map(String);
    const payload = `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(payload);
    });
  }

  close(): void {
    this.closedWith ??= new Error('connection closed by the caller');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const reply = parseReply(this.buffer, 0);
      if (!reply) return;
      this.buffer = this.buffer.subarray(reply.end);
      const waiter = this.waiting.shift();
      if (!waiter) continue;
      if (reply.value instanceof Error) waiter.reject(reply.value);
      else waiter.resolve(reply.value);
    }
  }

  private fail(error: Error): void {
    this.closedWith ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.closedWith);
  }
}

/** Reads one numeric field (`name:value`) out of INFO text. */
export function infoField(info: string, name: string): number {
  const match = new RegExp(`^${name}:(\\d+)\\r?$`, 'm').exec(info);
  if (!match) throw new Error(`INFO has no field ${name}`);
  return Number(match[1]);
}

/** `INFO stats` total_connections_received. */
export function totalConnectionsReceived(info: string): number {
  return infoField(info, 'total_connections_received');
}

/** `INFO clients` connected_clients. */
export function connectedClients(info: string): number {
  return infoField(info, 'connected_clients');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, HOST, () => probe.close(() => resolve(true)));
  });
}

/** Binds port 0 on loopback, reads the port the kernel chose, and releases it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A free port P whose cluster bus port P + 10000 is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = await freePort();
    if (port + 10_000 > 65_535 || taken.has(port) || taken.has(port + 10_000)) continue;
    if (await portIsFree(port + 10_000)) return port;
  }
  throw new Error('Could not find a free loopback port P with P+10000 free for the Redis cluster bus.');
}

/** Keeps the tail of a child's output so a failed start can say why. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForPong(host: string, port: number, child: ChildProcess, output: () => string, password?: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server on port ${port} exited with code ${child.exitCode}:\n${output()}`);
    }
    try {
      const connection = await RespConnection.open(port, host);
      try {
        if (password !== undefined) await connection.command('AUTH', password);
        if ((await connection.command('PING')) === 'PONG') return;
      } finally {
        connection.close();
      }
    } catch {
      // Not listening yet: try again shortly.
    }
    await sleep(50);
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** Reads the counters through the watch's sampler, over one connection opened on first use. */
function sampledCounters(url: string): { read: () => Promise<ConnectionStats>; close: () => Promise<void> } {
  let opened: Promise<{ target: WatchTarget; sampler: Sampler }> | undefined;
  return {
    async read() {
      opened ??= openWatchTarget(url, { reconnectEveryMs: 100, followCluster: false }).then((target) => ({
        target,
        sampler: new Sampler(target, { url, youngAgeSeconds: 2, clientList: false }),
      }));
      const reading = await (await opened).sampler.sample();
      if (reading.kind === 'gap') throw new Error(`could not read the counters of ${url}: ${reading.reason}`);
      return {
        totalConnectionsReceived: reading.totalConnectionsReceived,
        connectedClients: reading.connectedClients,
        rejectedConnections: reading.rejectedConnectionsTotal,
      };
    },
    async close() {
      (await opened?.catch(() => undefined))?.target.close();
    },
  };
}

async function launchServer(port: number, maxclients: number, extraArgs: string[], password?: string, host = HOST): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'redis-singleton-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port', String(port),
      '--bind', host,
      '--save', '',
      '--appendonly', 'no',
      '--maxclients', String(maxclients),
      '--daemonize', 'no',
      '--dir', dir,
      ...extraArgs,
      ...(password === undefined ? [] : ['--requirepass', password]),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  liveServers.add(child);
  const output = captureTail(child);
  const exited = waitForExit(child).then(() => {
    liveServers.delete(child);
  });
  try {
    await waitForPong(host, port, child, output, password);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let monitor: Promise<RespConnection> | undefined;
  const info = async (section?: string): Promise<string> => {
    monitor ??= RespConnection.open(port, host).then(async (connection) => {
      if (password !== undefined) await connection.command('AUTH', password);
      return connection;
    });
    const reply = await (await monitor).command(...(section ? ['INFO', section] : ['INFO']));
    if (typeof reply !== 'string') throw new Error(`INFO returned ${JSON.stringify(reply)}`);
    return reply;
  };

  const url = password === undefined ? `redis://${host}:${port}` : `redis://:${encodeURIComponent(password)}@${host}:${port}`;
  const counters = sampledCounters(url);
  return {
    host,
    port,
    url,
    info,
    connectionStats: counters.read,
    async stop() {
      await counters.close();
      if (monitor) (await monitor.catch(() => undefined))?.close();
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function looksLikePortClash(error: unknown): boolean {
  return error instanceof Error && /Address already in use/.test(error.message);
}

/** Starts a standalone redis-server on a free loopback port and waits until it answers PING. */
export async function startRedis({ maxclients = 64, requirepass, port: fixedPort, host }: RedisServerOptions = {}): Promise<RedisServer> {
  assertInstalled('redis-server');
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    try {
      return await launchServer(port, maxclients, [], requirepass, host);
    } catch (error) {
      // Another process may take the port between probing and binding: try a new one.
      if (fixedPort !== undefined || attempt >= 3 || !looksLikePortClash(error)) throw error;
    }
  }
}

async function waitForClusterOk(nodes: RedisServer[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const node of nodes) {
    const connection = await RespConnection.open(node.port);
    try {
      for (;;) {
        const info = String(await connection.command('CLUSTER', 'INFO'));
        if (/^cluster_state:ok\r?$/m.test(info) && infoField(info, 'cluster_known_nodes') === nodes.length) break;
        if (Date.now() > deadline) {
          throw new Error(`Redis cluster node ${node.port} did not reach cluster_state:ok:\n${info}`);
        }
        await sleep(100);
      }
    } finally {
      connection.close();
    }
  }
}

/** Starts three cluster-enabled masters on loopback, joins them, and waits for cluster_state:ok on each. */
export async function startRedisCluster({ maxclients = 64 }: RedisServerOptions = {}): Promise<RedisCluster> {
  assertInstalled('redis-server');
  assertInstalled('redis-cli');
  const taken = new Set<number>();
  const nodes: RedisServer[] = [];
  try {
    while (nodes.length < 3) {
      const port = await freeClusterPort(taken);
      taken.add(port).add(port + 10_000);
      try {
        nodes.push(
          await launchServer(port, maxclients, [
            '--cluster-enabled', 'yes',
            '--cluster-config-file', 'nodes.conf',
            '--cluster-node-timeout', '5000',
          ]),
        );
      } catch (error) {
        if (!looksLikePortClash(error)) throw error;
      }
    }
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((node) => `${HOST}:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: READY_TIMEOUT_MS * 2 },
    );
    if (create.status !== 0) {
      throw new Error(`redis-cli --cluster create failed (exit ${create.status}):\n${create.stdout}\n${create.stderr}`);
    }
    await waitForClusterOk(nodes);
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw error;
  }

  const connectionStats = async (): Promise<ConnectionStats> => {
    const perNode = await Promise.all(nodes.map((node) => node.connectionStats()));
    return perNode.reduce((sum, stats) => ({
      totalConnectionsReceived: sum.totalConnectionsReceived + stats.totalConnectionsReceived,
      connectedClients: sum.connectedClients + stats.connectedClients,
      rejectedConnections: sum.rejectedConnections + stats.rejectedConnections,
    }));
  };
  return {
    host: HOST,
    ports: nodes.map((node) => node.port),
    nodes,
    info: connectionStats,
    connectionStats,
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}
