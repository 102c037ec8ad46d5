/**
 * One sample of a server (or of every master of a cluster): `INFO` for the counters, `CLIENT LIST`
 * for who is connected, and the rates derived from the previous sample. `watch`, `npm run demo`
 * and the end-to-end tests all measure connections through this one sampler.
 */
import { groupClients, mergeGroups, parseClientList, type ClientGroup } from './client-list.js';
import type { WatchNode, WatchTarget } from './connection.js';
import { clientListDeniedNote, connectionProblem, isPermissionError } from './faults.js';
import { nodeCounters, type NodeCounters } from './info.js';

export interface Sample {
  kind: 'sample';
  /** When the sample was taken (ms since the epoch). */
  at: number;
  /** `connected_clients` summed over the sampled nodes, the watch's own connections included. */
  connectedClients: number;
  /** The watch's own connections among them: one per sampled node. */
  ownConnections: number;
  /** `maxclients` summed over the nodes; undefined when a server does not report it. */
  maxClients: number | undefined;
  blockedClients: number;
  /** `total_connections_received`, summed: connections accepted since each server started. */
  totalConnectionsReceived: number;
  /** `rejected_connections`, summed: refused at maxclients since each server started. */
  rejectedConnectionsTotal: number;
  /** Since the previous sample; undefined for the first one and when a server restarted. */
  newConnections: number | undefined;
  newPerSecond: number | undefined;
  rejectedConnections: number | undefined;
  /** Clients grouped by address, library and name; undefined when CLIENT LIST is not allowed. */
  groups: ClientGroup[] | undefined;
  /** Clients listed (the watch's own left out) and how many of them are younger than the young age. */
  listedClients: number;
  youngClients: number;
  /** Set on the first sample after a gap: `restart` when the counters began again, else `reconnect`. */
  resumed?: 'restart' | 'reconnect';
}

/** A sample that could not be taken: the server was unreachable or refused. */
export interface Gap {
  kind: 'gap';
  at: number;
  reason: string;
}

export type Reading = Sample | Gap;

export interface SamplerOptions {
  /** The URL the user gave, for messages. */
  url: string;
  /** A connection younger than this counts as churn (CLIENT LIST reports whole seconds). */
  youngAgeSeconds: number;
  /** False to read the counters only, as the load tests do between many quick samples. */
  clientList: boolean;
}

interface NodeReading {
  at: number;
  counters: NodeCounters;
  clients: ClientGroup[] | undefined;
  listed: number;
  young: number;
}

/** Whole seconds a connection may live and still count as young: a few sampling intervals, 2 s at least. */
export function youngAgeFor(intervalMs: number): number {
  return Math.max(2, Math.ceil((3 * intervalMs) / 1_000));
}

export class Sampler {
  private readonly previous = new Map<WatchNode, NodeReading>();
  private lastWasGap = false;
  private clientListAllowed: boolean;
  /** Things the user must hear once (the ACL hides CLIENT LIST). */
  readonly notes: string[] = [];

  constructor(
    private readonly target: WatchTarget,
    private readonly options: SamplerOptions,
  ) {
    this.clientListAllowed = options.clientList;
  }

  async sample(): Promise<Reading> {
    const at = Date.now();
    let readings: NodeReading[];
    try {
      readings = await Promise.all(this.target.nodes.map((node) => this.readNode(node)));
    } catch (error) {
      this.lastWasGap = true;
      return { kind: 'gap', at, reason: this.gapReason(error) };
    }
    const sample = this.combine(at, readings);
    this.target.nodes.forEach((node, index) => this.previous.set(node, readings[index]));
    this.lastWasGap = false;
    return sample;
  }

  private gapReason(error: unknown): string {
    const failed = (error as { node?: WatchNode }).node;
    const where = failed && this.target.nodes.length > 1 ? ` at ${failed.address}` : '';
    // Without a connection ioredis fails the command itself; the last connection error says why.
    return `server unreachable${where} (${connectionProblem(failed?.lastError ?? error)})`;
  }

  private async readNode(node: WatchNode): Promise<NodeReading> {
    try {
      const counters = nodeCounters(await node.client.info());
      const at = Date.now();
      const clients = await this.listClients(node);
      const young = clients?.reduce((sum, group) => sum + group.young, 0) ?? 0;
      const listed = clients?.reduce((sum, group) => sum + group.connections, 0) ?? 0;
      return { at, counters, clients, listed, young };
    } catch (error) {
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { node });
    }
  }

  private async listClients(node: WatchNode): Promise<ClientGroup[] | undefined> {
    if (!this.clientListAllowed) return undefined;
    try {
      const clients = parseClientList(String(await node.client.call('CLIENT', 'LIST')));
      return groupClients(
        clients.filter((client) => client.id !== node.ownId),
        this.options.youngAgeSeconds,
      );
    } catch (error) {
      if (!isPermissionError(error)) throw error;
      this.clientListAllowed = false;
      this.notes.push(clientListDeniedNote(this.options.url));
      return undefined;
    }
  }

  private combine(at: number, readings: NodeReading[]): Sample {
    let accepted = 0;
    let acceptedPerSecond = 0;
    let rejected = 0;
    let baseline = false;
    let restarted = false;
    for (const [index, node] of this.target.nodes.entries()) {
      const now = readings[index];
      const before = this.previous.get(node);
      // A new run_id, or a counter that went down, means the server restarted: its counters began
      // again at zero, so this sample only sets a new baseline instead of showing a negative rate.
      const restart =
        before !== undefined &&
        (before.counters.runId !== now.counters.runId ||
          now.counters.totalConnectionsReceived < before.counters.totalConnectionsReceived);
      restarted ||= restart;
      if (!before || restart) {
        baseline = true;
        continue;
      }
      const acceptedHere = now.counters.totalConnectionsReceived - before.counters.totalConnectionsReceived;
      accepted += acceptedHere;
      acceptedPerSecond += acceptedHere / Math.max((now.at - before.at) / 1_000, 0.001);
      rejected += now.counters.rejectedConnections - before.counters.rejectedConnections;
    }

    const sum = (field: 'connectedClients' | 'blockedClients' | 'totalConnectionsReceived' | 'rejectedConnections') =>
      readings.reduce((total, reading) => total + reading.counters[field], 0);
    const maxClients = readings.every((reading) => reading.counters.maxClients !== undefined)
      ? readings.reduce((total, reading) => total + (reading.counters.maxClients ?? 0), 0)
      : undefined;
    const groups = readings.every((reading) => reading.clients !== undefined)
      ? readings.reduce<ClientGroup[]>((total, reading) => mergeGroups(total, reading.clients ?? []), [])
      : undefined;
    const resumed = restarted ? 'restart' : this.lastWasGap ? 'reconnect' : undefined;
    return {
      kind: 'sample',
      at,
      connectedClients: sum('connectedClients'),
      ownConnections: readings.length,
      maxClients,
      blockedClients: sum('blockedClients'),
      totalConnectionsReceived: sum('totalConnectionsReceived'),
      rejectedConnectionsTotal: sum('rejectedConnections'),
      newConnections: baseline ? undefined : accepted,
      newPerSecond: baseline ? undefined : acceptedPerSecond,
      rejectedConnections: baseline ? undefined : rejected,
      groups,
      listedClients: readings.reduce((total, reading) => total + reading.listed, 0),
      youngClients: readings.reduce((total, reading) => total + reading.young, 0),
      ...(resumed ? { resumed } : {}),
    };
  }
}
