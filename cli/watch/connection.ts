/**
 * Opens the connections `watch` samples through: one ioredis client for a standalone server,
 * one per master when the server is a cluster node. Each is a single long-lived connection, so
 * the watch adds one to connected_clients and nothing to the connection rate it measures.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { UsageError } from '../errors.js';
import { connectFault, isPermissionError, WatchFault } from './faults.js';
import { nodeCounters } from './info.js';

const CONNECT_TIMEOUT_MS = 5_000;
const COMMAND_TIMEOUT_MS = 5_000;

export interface WatchNode {
  /** `host:port`, as the server is reached. */
  address: string;
  client: Redis;
  /** CLIENT ID of the watch's own connection, left out of the groups; undefined when the ACL hides it. */
  ownId: string | undefined;
  /** The last connection error ioredis reported, which says why a command found no connection. */
  lastError: unknown;
}

export interface WatchTarget {
  nodes: WatchNode[];
  /** True when the URL named a cluster node and every master is sampled. */
  cluster: boolean;
  /** Said once when the watch samples less than asked (a cluster it may not list). */
  notes: string[];
  close(): void;
}

export interface OpenOptions {
  /** How often to try again when a sampled server goes away mid-watch. */
  reconnectEveryMs: number;
  /** Sample every master when the URL names a cluster node (default); false samples that node only. */
  followCluster?: boolean;
}

/** Checks the URL before any connection: a typo is a usage error, not an unreachable server. */
export function checkRedisUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UsageError(`--url must be a Redis URL such as redis://127.0.0.1:6379, got "${url}".`);
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new UsageError(`--url must start with redis:// or rediss:// (TLS), got "${url}".`);
  }
}

/** Options for every connection the watch opens: fail fast while sampling, never queue commands. */
function watchOptions(): RedisOptions {
  return {
    lazyConnect: true,
    // The ready check's INFO would warn on the console for a user without +info; the watch asks itself.
    enableReadyCheck: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // A server that accepts the connection but stops answering is a gap too, not a hang.
    commandTimeout: COMMAND_TIMEOUT_MS,
    // No retries while connecting the first time: an unreachable server is a fault to report.
    retryStrategy: () => null,
  };
}

/** Closes a connection; one that has already ended is left alone (ioredis would arm a 2 s timer for it). */
function closeClient(client: Redis): void {
  if (client.status !== 'end') client.disconnect();
}

/** The connection's CLIENT ID; undefined when the ACL does not allow CLIENT (then CLIENT LIST is hidden too). */
async function ownClientId(client: Redis): Promise<string | undefined> {
  try {
    return String(await client.call('CLIENT', 'ID'));
  } catch (error) {
    if (isPermissionError(error)) return undefined;
    throw error;
  }
}

async function connectNode(client: Redis, url: string, reconnectEveryMs: number): Promise<WatchNode> {
  const node: WatchNode = { address: `${client.options.host}:${client.options.port}`, client, ownId: undefined, lastError: undefined };
  // ioredis reports refused connections, bad passwords and resets as 'error' events.
  client.on('error', (error: unknown) => {
    node.lastError = error;
  });
  // A fresh TCP connection clears the old error; a refused login follows it and is kept.
  client.on('connect', () => {
    node.lastError = undefined;
  });
  client.on('ready', () => {
    // After a reconnection the watch's own connection has a new id; keep leaving it out.
    ownClientId(client).then(
      (id) => (node.ownId = id),
      () => undefined,
    );
  });
  try {
    await client.connect();
    node.ownId = await ownClientId(client);
  } catch (error) {
    closeClient(client);
    throw connectFault(node.lastError ?? error, url);
  }
  // From now on a lost server is a gap in the samples: keep trying at the sampling pace.
  client.options.retryStrategy = () => reconnectEveryMs;
  return node;
}

interface ClusterMaster {
  host: string;
  port: number;
  /** The node the URL named. */
  myself: boolean;
}

/** Masters from `CLUSTER NODES`: `<id> <ip:port@cport[,hostname]> <flags> …`, skipping failed and address-less ones. */
export function clusterMasters(clusterNodes: string): ClusterMaster[] {
  const masters: ClusterMaster[] = [];
  for (const line of clusterNodes.split(/\r?\n/)) {
    const [, endpoint, flagText] = line.split(' ');
    if (!endpoint || !flagText) continue;
    const flags = flagText.split(',');
    if (!flags.includes('master') || flags.some((flag) => flag === 'fail' || flag === 'noaddr')) continue;
    const match = /^(.*):(\d+)@/.exec(endpoint);
    if (!match || !match[1]) continue;
    masters.push({ host: match[1], port: Number(match[2]), myself: flags.includes('myself') });
  }
  return masters;
}

/** The URL with another node's host and port, for messages about that node. */
function urlOfNode(url: string, node: ClusterMaster): string {
  const nodeUrl = new URL(url);
  nodeUrl.hostname = node.host;
  nodeUrl.port = String(node.port);
  return nodeUrl.toString();
}

/** Connects to the server the URL names and, for a cluster node, to every master of its cluster. */
export async function openWatchTarget(url: string, options: OpenOptions): Promise<WatchTarget> {
  checkRedisUrl(url);
  const seed = await connectNode(new Redis(url, watchOptions()), url, options.reconnectEveryMs);
  const close = (nodes: WatchNode[]) => () => {
    for (const node of nodes) closeClient(node.client);
  };
  let clusterEnabled: boolean;
  try {
    clusterEnabled = nodeCounters(await seed.client.info()).clusterEnabled;
  } catch (error) {
    closeClient(seed.client);
    throw connectFault(seed.lastError ?? error, url);
  }
  if (!clusterEnabled || options.followCluster === false) {
    return { nodes: [seed], cluster: false, notes: [], close: close([seed]) };
  }

  let masters: ClusterMaster[];
  try {
    masters = clusterMasters(String(await seed.client.call('CLUSTER', 'NODES')));
  } catch (error) {
    if (!isPermissionError(error)) {
      closeClient(seed.client);
      throw connectFault(seed.lastError ?? error, url);
    }
    const note = `this user may not run CLUSTER NODES, so watch samples only ${seed.address}, not the other masters of its cluster.`;
    return { nodes: [seed], cluster: false, notes: [note], close: close([seed]) };
  }

  const nodes: WatchNode[] = [];
  try {
    for (const master of masters) {
      if (master.myself) {
        nodes.push(seed);
        continue;
      }
      // Same user, password and TLS settings as the URL, pointed at this master.
      const client = new Redis({ ...seed.client.options, ...watchOptions(), host: master.host, port: master.port });
      nodes.push(await connectNode(client, urlOfNode(url, master), options.reconnectEveryMs));
    }
  } catch (error) {
    close([seed, ...nodes])();
    throw error instanceof WatchFault ? error : connectFault(error, url);
  }
  if (!nodes.includes(seed)) closeClient(seed.client);
  return { nodes, cluster: true, notes: [], close: close(nodes) };
}
