/**
 * `redis-singleton watch` against real redis-servers: the per-request app gives `churn` at the
 * rate it really opened connections, the shared client gives `steady`, and every fault a user can
 * meet (no server, wrong password, an ACL without CLIENT, a restart, a cluster) reads as one line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openWatchTarget, type WatchTarget } from '../../cli/watch/connection.js';
import { Sampler, type Sample } from '../../cli/watch/sampler.js';
import { makeTempFolder, removeTempFolders } from '../helpers/cli.js';
import { freePort, startRedis, startRedisCluster, type RedisServer } from '../helpers/redis-server.js';
import { perRequestApp, sharedClientApp } from '../helpers/request-apps.js';
import { startWatch } from '../helpers/watch-process.js';

const INTERVAL = '200ms';
const REQUESTS = 150;
const TEST_TIMEOUT_MS = 60_000;

const churnLine =
  /^churn: \d+(\.\d)? new connections\/s, \d+% of connections younger than 2 s, mostly from 127\.0\.0\.1 — a client is built per request; run npx redis-singleton check$/;

interface JsonLine {
  type: 'sample' | 'gap' | 'summary';
  [field: string]: unknown;
}

const parseJsonLines = (stdout: string): JsonLine[] =>
  stdout.trim().split('\n').map((line) => JSON.parse(line) as JsonLine);

const within20Percent = (measured: number, expected: number) => {
  expect(measured).toBeGreaterThanOrEqual(expected * 0.8);
  expect(measured).toBeLessThanOrEqual(expected * 1.2);
};

const servers: RedisServer[] = [];
async function server(options: Parameters<typeof startRedis>[0] = {}): Promise<RedisServer> {
  const started = await startRedis(options);
  servers.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((started) => started.stop()));
});

afterAll(async () => {
  await removeTempFolders();
});

describe('the sampler', () => {
  let target: WatchTarget | undefined;
  afterEach(() => target?.close());

  it('measures the per-request app at the rate it opened connections', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await server();
    target = await openWatchTarget(redis.url, { reconnectEveryMs: 200 });
    const sampler = new Sampler(target, { url: redis.url, youngAgeSeconds: 2, clientList: true });
    const before = await sampler.sample();
    const opened = await perRequestApp(redis.url, REQUESTS);
    const after = (await sampler.sample()) as Sample;

    expect(before.kind).toBe('sample');
    expect(after.kind).toBe('sample');
    expect(opened).toBe(REQUESTS);
    within20Percent(after.newConnections ?? 0, opened);
    const openedPerSecond = opened / ((after.at - before.at) / 1_000);
    within20Percent(after.newPerSecond ?? 0, openedPerSecond);
    expect(after.rejectedConnections).toBe(0);
  });

  it('leaves its own connection out of the groups and groups the others by address and name', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await server();
    const named = new Redis(redis.url, { connectionName: 'checkout-api' });
    try {
      await named.ping();
      target = await openWatchTarget(redis.url, { reconnectEveryMs: 200 });
      const sample = (await new Sampler(target, { url: redis.url, youngAgeSeconds: 2, clientList: true }).sample()) as Sample;
      expect(sample.groups).toEqual([{ address: '127.0.0.1', library: '', name: 'checkout-api', connections: 1, young: 1 }]);
      expect(sample.connectedClients).toBe(2);
      expect(sample.ownConnections).toBe(1);
    } finally {
      named.disconnect();
    }
  });
});

describe('redis-singleton watch, the built CLI', () => {
  it('gives the churn verdict for the per-request app, fails the gate with figures, and writes the chart', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await server();
    const html = path.join(await makeTempFolder(), 'watch.html');
    const watch = startWatch(['--url', redis.url, '--interval', INTERVAL, '--duration', '60s', '--json', '--max-new-per-sec', '5', '--html', html]);
    await watch.waitForLine((line) => line.startsWith('{"type":"sample"'));
    // Each request works for 50 ms, so the load spans several samples and CLIENT LIST sees its connections.
    const opened = await perRequestApp(redis.url, REQUESTS, 10, 50);
    // Two more samples after the load, so the last connections are counted; then Ctrl-C.
    const seen = watch.lines().length;
    await watch.waitForLine(() => true, seen + 1);
    watch.interrupt();
    const run = await watch.done;

    const lines = parseJsonLines(run.stdout);
    const summary = lines.at(-1) as JsonLine;
    expect(summary.type).toBe('summary');
    expect(summary.verdict).toBe('churn');
    expect(summary.message).toMatch(churnLine);
    within20Percent(summary.newConnections as number, opened);
    expect(summary.gate).toMatchObject({ maxNewPerSecond: 5, exceeded: true });
    expect((summary.gate as { message: string }).message).toMatch(
      /^gate failed: \d+ new connections\/s at \d\d:\d\d:\d\d\.\d{3} exceeds --max-new-per-sec 5 \(mean \d+(\.\d)?\/s, \d+ new connections in \d+(\.\d)? m?s\)$/,
    );
    expect(lines.slice(0, -1).every((line) => line.type === 'sample')).toBe(true);
    expect(run.stderr).toBe(`redis-singleton: wrote the charts to ${html}\n`);
    expect(run.code).toBe(1);

    const page = await readFile(html, 'utf8');
    expect(page).toContain(`<p class="verdict">${summary.message as string}</p>`);
    for (const title of ['connected clients', 'new connections per second', 'rejected connections (per sample)']) {
      expect(page).toContain(`font-weight="bold" fill="#222">${title}</text>`);
    }
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('gives steady for the app that shares one client, one plain line per sample, and passes the gate', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await server();
    const shared = new Redis(redis.url);
    try {
      await shared.ping();
      const watch = startWatch(['--url', redis.url, '--interval', INTERVAL, '--duration', '2s', '--max-new-per-sec', '5']);
      await watch.waitForLine((line) => line.includes('connected'));
      await sharedClientApp(shared, REQUESTS);
      const run = await watch.done;

      const lines = run.stdout.trim().split('\n');
      const sampleLines = lines.filter((line) => /^\d\d:\d\d:\d\d\.\d{3} {2}connected /.test(line));
      expect(sampleLines.length).toBeGreaterThanOrEqual(10);
      expect(sampleLines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}connected 2\/64 {2}new - \(first sample\) {2}rejected 0 {2}blocked 0 {2}young \d+% {2}top 127\.0\.0\.1 x1$/);
      for (const line of sampleLines.slice(1)) expect(line).toMatch(/ {2}connected 2\/64 {2}new 0\/s {2}rejected 0 {2}blocked 0 /);
      const summary = lines.slice(sampleLines.length);
      expect(summary[0]).toMatch(/^steady: 1 connection, 0 new\/s for \d(\.\d)? s$/);
      expect(summary.at(-1)).toMatch(/^gate passed: at most 0 new connections\/s, within --max-new-per-sec 5 \(mean 0\/s, 0 new connections in \d(\.\d)? s\)$/);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    } finally {
      shared.disconnect();
    }
  });

  it('says the server is unreachable and exits 2', { timeout: TEST_TIMEOUT_MS }, async () => {
    const port = await freePort();
    const run = await startWatch(['--url', `redis://127.0.0.1:${port}`, '--duration', '1s']).done;
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `redis-singleton: cannot reach Redis at redis://127.0.0.1:${port} (connection refused): start the server or point --url (or REDIS_URL) at it.\n`,
    });
  });

  it('watches REDIS_URL when --url is not given', { timeout: TEST_TIMEOUT_MS }, async () => {
    const port = await freePort();
    const run = await startWatch(['--duration', '1s'], { REDIS_URL: `redis://127.0.0.1:${port}` }).done;
    expect(run.stderr).toBe(
      `redis-singleton: cannot reach Redis at redis://127.0.0.1:${port} (connection refused): start the server or point --url (or REDIS_URL) at it.\n`,
    );
  });

  it('rejects a wrong password, and asks for one when none is given', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await server({ requirepass: 's3cret' });
    const wrong = await startWatch(['--url', `redis://:nope@127.0.0.1:${redis.port}`, '--duration', '1s']).done;
    expect(wrong).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `redis-singleton: Redis at redis://:***@127.0.0.1:${redis.port} refused the user name or password: ` +
        'check the credentials in --url (redis://USER:PASSWORD@host:port).\n',
    });
    const missing = await startWatch(['--url', `redis://127.0.0.1:${redis.port}`, '--duration', '1s']).done;
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `redis-singleton: Redis at redis://127.0.0.1:${redis.port} requires a password: ` +
        'put it in --url, as redis://:PASSWORD@host:port or redis://USER:PASSWORD@host:port.\n',
    });
    const right = await startWatch(['--url', redis.url, '--interval', INTERVAL, '--duration', '400ms']).done;
    expect(right.code, right.stderr).toBe(0);
  });

  it('goes on without the groups, and says so once, for an ACL user without CLIENT', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await server();
    const admin = new Redis(redis.url);
    try {
      await admin.call('ACL', 'SETUSER', 'watcher', 'on', '>pw', '+info');
      await admin.call('ACL', 'SETUSER', 'blind', 'on', '>pw', '+client');
    } finally {
      admin.disconnect();
    }
    const run = await startWatch(['--url', `redis://watcher:pw@127.0.0.1:${redis.port}`, '--interval', INTERVAL, '--duration', '1s']).done;
    expect(run.stderr).toBe(
      'redis-singleton: note: user "watcher" may not run CLIENT LIST, so watch goes on without the groups by library, ' +
        'name and address; grant it with ACL SETUSER watcher +client|list to see them.\n',
    );
    const sampleLines = run.stdout.split('\n').filter((line) => line.includes('  connected '));
    expect(sampleLines.length).toBeGreaterThanOrEqual(5);
    for (const line of sampleLines) expect(line).not.toMatch(/young|top/);
    expect(run.stdout).toMatch(/^steady: 0 connections, 0 new\/s for 1 s$/m);
    expect(run.code).toBe(0);

    const withoutInfo = await startWatch(['--url', `redis://blind:pw@127.0.0.1:${redis.port}`, '--duration', '1s']).done;
    expect(withoutInfo).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `redis-singleton: user "blind" may not run INFO on redis://blind:***@127.0.0.1:${redis.port}: ` +
        'grant it with ACL SETUSER blind +info, or use another user in --url.\n',
    });
  });

  it('shows a gap while the server is down and resumes after it restarts, without a negative or huge rate', { timeout: TEST_TIMEOUT_MS }, async () => {
    const first = await startRedis();
    const watch = startWatch(['--url', first.url, '--interval', INTERVAL, '--duration', '60s', '--json']);
    await watch.waitForLine((line) => line.includes('"newPerSecond":0'));
    // Traffic before the restart, so the counter the restart resets is well above zero.
    await perRequestApp(first.url, 50);
    await first.stop();
    const gapAt = watch.lines().length;
    await watch.waitForLine((line) => line.startsWith('{"type":"gap"'), gapAt);
    servers.push(await startRedis({ port: first.port }));
    const resumed = await watch.waitForLine((line) => line.includes('"resumed":"restart"'), gapAt);
    await watch.waitForLine((line) => line.includes('"newPerSecond":0'), watch.lines().indexOf(resumed) + 1);
    watch.interrupt();
    const run = await watch.done;

    const lines = parseJsonLines(run.stdout);
    const gaps = lines.filter((line) => line.type === 'gap');
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    for (const gap of gaps) {
      expect(['server unreachable (connection refused)', 'server unreachable (connection lost)']).toContain(gap.reason);
    }
    expect(JSON.parse(resumed)).toMatchObject({ type: 'sample', resumed: 'restart', newConnections: null, newPerSecond: null });
    const rates = lines.filter((line) => line.type === 'sample' && line.newPerSecond !== null).map((line) => line.newPerSecond as number);
    for (const rate of rates) {
      expect(rate).toBeGreaterThanOrEqual(0);
      // 50 connections in one interval is the most this test ever opens: 250/s at 200 ms.
      expect(rate).toBeLessThanOrEqual(50 / 0.2 * 1.2);
    }
    const summary = lines.at(-1) as JsonLine;
    expect(summary).toMatchObject({ type: 'summary', restarts: 1 });
    expect(summary.gaps).toBe(gaps.length);
    expect(run.code).toBe(0);
  });

  it('prints a gap line in plain mode', { timeout: TEST_TIMEOUT_MS }, async () => {
    const redis = await startRedis();
    const watch = startWatch(['--url', redis.url, '--interval', INTERVAL, '--duration', '60s']);
    await watch.waitForLine((line) => line.includes('  connected '));
    await redis.stop();
    const gap = await watch.waitForLine((line) => line.includes('gap: '));
    watch.interrupt();
    const run = await watch.done;
    expect(gap).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}gap: server unreachable \(connection (refused|lost)\); trying again every 200 ms$/);
    expect(run.code).toBe(0);
  });

  it('samples every master of a three-node cluster from one node URL', { timeout: 120_000 }, async () => {
    const cluster = await startRedisCluster();
    try {
      const [seed, ...others] = cluster.ports;
      const watch = startWatch(['--url', `redis://127.0.0.1:${seed}`, '--interval', INTERVAL, '--duration', '60s', '--json']);
      const first = JSON.parse(await watch.waitForLine((line) => line.startsWith('{"type":"sample"'))) as JsonLine;
      // Per-request clients on the two masters the URL does not name: only a cluster-wide watch sees them.
      let opened = 0;
      for (const port of others) opened += await perRequestApp(`redis://127.0.0.1:${port}`, REQUESTS / 2);
      const seen = watch.lines().length;
      await watch.waitForLine(() => true, seen + 1);
      watch.interrupt();
      const run = await watch.done;

      expect(first).toMatchObject({ ownConnections: 3, maxClients: 3 * 64 });
      const summary = parseJsonLines(run.stdout).at(-1) as JsonLine;
      expect(summary.verdict).toBe('churn');
      within20Percent(summary.newConnections as number, opened);
      expect(run.code).toBe(0);
    } finally {
      await cluster.stop();
    }
  });

  it('refuses a bad duration, a duration shorter than the interval, and a URL that is not Redis', { timeout: TEST_TIMEOUT_MS }, async () => {
    expect(await startWatch(['--interval', '2x']).done).toEqual({
      code: 2,
      stdout: '',
      stderr: 'redis-singleton: --interval takes a duration such as 500ms, 2s or 1m, got "2x".\n',
    });
    expect(await startWatch(['--interval', '1s', '--duration', '500ms']).done).toEqual({
      code: 2,
      stdout: '',
      stderr: 'redis-singleton: --duration 500ms is shorter than --interval 1s: give a duration of at least one interval.\n',
    });
    expect(await startWatch(['--url', 'http://127.0.0.1:6379']).done).toEqual({
      code: 2,
      stdout: '',
      stderr: 'redis-singleton: --url must start with redis:// or rediss:// (TLS), got "http://127.0.0.1:6379".\n',
    });
  });
});
