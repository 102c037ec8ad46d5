/**
 * The CommonJS Lambda against a real three-node Redis Cluster: an `ioredis` Cluster per call
 * before the codemod, one shared Cluster after it. Connections are counted on every node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeFixtureCopy } from '../helpers/fixture-tree.js';
import { driveLoad, formatRunLine, type LoadRun } from '../helpers/load.js';
import { startRedisCluster, type ConnectionStats, type RedisCluster } from '../helpers/redis-server.js';
import { fixProject } from './codemod.js';

const SCENARIO = 'lambda-cjs-cluster';
const CALLS = 300;
const CONCURRENCY = 100;
const MAX_CLIENTS = 64;
/**
 * Per node after the fix: the shared Cluster's one pooled connection to that master, plus one
 * short-lived connection ioredis opens to read the topology (CLUSTER SLOTS on a duplicate, at start
 * and on every slotsRefreshInterval). Across the three masters that is at most 6.
 */
const MAX_NEW_CONNECTIONS_PER_NODE = 2;
const RUN_TIMEOUT_MS = 120_000;

let cluster: RedisCluster;

beforeAll(async () => {
  cluster = await startRedisCluster({ maxclients: MAX_CLIENTS });
});

afterAll(async () => {
  await cluster?.stop();
});

async function driveWithPerNodeCounts(projectDir: string, label: string, fix: boolean): Promise<{ run: LoadRun; perNode: number[] }> {
  if (fix) {
    const outcome = await fixProject(projectDir);
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    expect(outcome.summary.sitesHoisted).toBeGreaterThan(0);
  }
  const totals = (stats: ConnectionStats[]) => stats.map((node) => node.totalConnectionsReceived);
  const before = totals(await Promise.all(cluster.nodes.map((node) => node.connectionStats())));
  const run = await driveLoad({
    scenario: SCENARIO,
    projectDir,
    label,
    calls: CALLS,
    concurrency: CONCURRENCY,
    target: cluster,
    env: { REDIS_HOST: cluster.host, REDIS_PORT: String(cluster.ports[0]), NODE_ENV: 'production' },
  });
  const after = totals(await Promise.all(cluster.nodes.map((node) => node.connectionStats())));
  return { run, perNode: after.map((total, index) => total - before[index]) };
}

describe(`${SCENARIO} against a real three-node Redis Cluster`, () => {
  async function inCopy<T>(work: (projectDir: string) => Promise<T>): Promise<T> {
    const projectDir = await copyFixture(SCENARIO, 'input');
    try {
      return await work(projectDir);
    } finally {
      await removeFixtureCopy(projectDir);
    }
  }

  it('before the codemod: connections grow with calls until the nodes refuse them', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { run, perNode } = await inCopy((projectDir) => driveWithPerNodeCounts(projectDir, 'input', false));
    console.log(`${formatRunLine(run)} per node ${perNode.join('/')}`);
    expect(run.newConnections >= CONCURRENCY || run.errors + run.uncaught > 0, formatRunLine(run)).toBe(true);
  });

  it('after the codemod: no errors and at most two connections per node', { timeout: RUN_TIMEOUT_MS }, async () => {
    const { run, perNode } = await inCopy((projectDir) => driveWithPerNodeCounts(projectDir, 'fixed', true));
    const line = `${formatRunLine(run)} per node ${perNode.join('/')}`;
    console.log(line);
    expect(run.errors, line).toBe(0);
    expect(run.uncaught, line).toBe(0);
    expect(run.newConnections, line).toBeGreaterThanOrEqual(cluster.nodes.length);
    for (const newOnNode of perNode) expect(newOnNode, line).toBeLessThanOrEqual(MAX_NEW_CONNECTIONS_PER_NODE);
    expect(run.newConnections, line).toBeLessThanOrEqual(MAX_NEW_CONNECTIONS_PER_NODE * cluster.nodes.length);
    expect(run.peakConnectedClients - run.baselineConnectedClients, line).toBeLessThanOrEqual(
      MAX_NEW_CONNECTIONS_PER_NODE * cluster.nodes.length,
    );
  });
});
