/**
 * Drives a fixture's real handlers in a child process (fresh module state per run) while this
 * process watches the server's connection counters over its own single RESP connection.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectionCounter, ConnectionStats } from './redis-server.js';

const SAMPLE_EVERY_MS = 50;
const SETTLE_TIMEOUT_MS = 10_000;

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const driveScript = fileURLToPath(new URL('../e2e/drive.ts', import.meta.url));
const reloadScript = fileURLToPath(new URL('../e2e/reload.ts', import.meta.url));

export interface LoadOptions {
  /** Fixture scenario name, which picks the driver (`next-pages-api`, `express`, …). */
  scenario: string;
  /** Root of the project copy to drive. */
  projectDir: string;
  /** Label for the report line (`input`, `fixed`). */
  label: string;
  calls: number;
  concurrency: number;
  /** The server (or cluster) the app talks to; its counters are sampled while the child runs. */
  target: ConnectionCounter;
  /** Environment for the child on top of this process's: REDIS_URL or REDIS_HOST/REDIS_PORT, NODE_ENV. */
  env: Record<string, string>;
}

export interface LoadRun {
  scenario: string;
  label: string;
  calls: number;
  /** Calls that threw, answered with an error status (4xx/5xx) or timed out. */
  errors: number;
  errorSamples: string[];
  /** Errors outside any call (an `'error'` event with no listener, an unhandled rejection). */
  uncaught: number;
  /** total_connections_received after minus before: connections the app opened. */
  newConnections: number;
  /** Highest connected_clients seen while the app ran (includes the one sampling connection per node). */
  peakConnectedClients: number;
  /** connected_clients before the run: the sampling connection(s) alone. */
  baselineConnectedClients: number;
  /** rejected_connections after minus before: refused because of maxclients. */
  rejectedConnections: number;
}

interface ChildOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a TypeScript script under tsx in `cwd`, so tsx applies that project's tsconfig. */
function runTsx(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): { done: Promise<ChildOutcome>; isRunning: () => boolean } {
  const child = spawn(process.execPath, ['--import', tsxLoader, script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let running = true;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  // Leaked clients log every refused reconnection; keep only the tail for diagnostics.
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
  const done = new Promise<ChildOutcome>((resolve, reject) => {
    child.once('error', (error) => {
      running = false;
      reject(error);
    });
    child.once('close', (code) => {
      running = false;
      resolve({ code, stdout, stderr });
    });
  });
  return { done, isRunning: () => running };
}

function parseDriveResult(outcome: ChildOutcome, scenario: string): {
  calls: number;
  errors: number;
  errorSamples: string[];
  uncaught: number;
} {
  const line = outcome.stdout
    .split('\n')
    .reverse()
    .find((candidate) => candidate.startsWith('{"calls":'));
  if (outcome.code !== 0 || !line) {
    throw new Error(
      `The ${scenario} driver exited with code ${outcome.code} without a result line.\n` +
        `stdout:\n${outcome.stdout.slice(-2_000)}\nstderr:\n${outcome.stderr.slice(-4_000)}`,
    );
  }
  return JSON.parse(line) as { calls: number; errors: number; errorSamples: string[]; uncaught: number };
}

/** Waits until connected_clients is back at `baseline`, so one run's leaks do not blur the next. */
export async function waitForIdle(target: ConnectionCounter, baseline: number): Promise<boolean> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if ((await target.connectionStats()).connectedClients <= baseline) return true;
    await sleep(SAMPLE_EVERY_MS);
  }
  return false;
}

/** Runs the scenario's driver against the project and measures what it did to the server. */
export async function driveLoad(options: LoadOptions): Promise<LoadRun> {
  const before: ConnectionStats = await options.target.connectionStats();
  const driver = runTsx(
    driveScript,
    [options.scenario, options.projectDir, String(options.calls), String(options.concurrency)],
    options.projectDir,
    options.env,
  );
  let peak = before.connectedClients;
  while (driver.isRunning()) {
    peak = Math.max(peak, (await options.target.connectionStats()).connectedClients);
    await sleep(SAMPLE_EVERY_MS);
  }
  const outcome = await driver.done;
  const after = await options.target.connectionStats();
  const result = parseDriveResult(outcome, options.scenario);
  await waitForIdle(options.target, before.connectedClients);
  return {
    scenario: options.scenario,
    label: options.label,
    calls: result.calls,
    errors: result.errors,
    errorSamples: result.errorSamples,
    uncaught: result.uncaught,
    newConnections: after.totalConnectionsReceived - before.totalConnectionsReceived,
    peakConnectedClients: peak,
    baselineConnectedClients: before.connectedClients,
    rejectedConnections: after.rejectedConnections - before.rejectedConnections,
  };
}

/** One line per run, for test logs. */
export function formatRunLine(run: LoadRun): string {
  const samples = run.errorSamples.length ? `  e.g. ${run.errorSamples.slice(0, 2).join(' | ')}` : '';
  return (
    `| ${run.scenario} ${run.label} | calls ${run.calls} | errors ${run.errors} | uncaught ${run.uncaught} ` +
    `| new connections ${run.newConnections} | peak connected_clients ${run.peakConnectedClients} ` +
    `(baseline ${run.baselineConnectedClients}) | rejected ${run.rejectedConnections} |${samples}`
  );
}

/** The demo's table: `| app | calls | errors | new connections | peak connected_clients |`. */
export function formatRunTable(runs: LoadRun[]): string {
  const header = ['app', 'calls', 'errors', 'new connections', 'peak connected_clients'];
  const rows = runs.map((run) => [
    run.label,
    String(run.calls),
    String(run.errors),
    String(run.newConnections),
    String(run.peakConnectedClients),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export interface HotReloadOptions {
  projectDir: string;
  /** The shared module, relative to projectDir (`lib/redis.ts`). */
  moduleFile: string;
  /** `redis` for an exported client, `getRedis` for an exported async getter. */
  exportName: string;
  times: number;
  target: ConnectionCounter;
  env: Record<string, string>;
}

export interface HotReloadRun {
  /** Distinct module instances evaluated. */
  instances: number;
  /** Distinct client objects their exports handed out. */
  distinctClients: number;
  newConnections: number;
}

/** Evaluates the shared module `times` times in one child process and counts the connections it opened. */
export async function simulateHotReload(options: HotReloadOptions): Promise<HotReloadRun> {
  const before = await options.target.connectionStats();
  const outcome = await runTsx(
    reloadScript,
    [options.moduleFile, options.exportName, String(options.times)],
    options.projectDir,
    options.env,
  ).done;
  const after = await options.target.connectionStats();
  const line = outcome.stdout.split('\n').find((candidate) => candidate.startsWith('{"instances":'));
  if (outcome.code !== 0 || !line) {
    throw new Error(
      `Reloading ${options.moduleFile} failed with code ${outcome.code}.\nstdout:\n${outcome.stdout}\nstderr:\n${outcome.stderr}`,
    );
  }
  await waitForIdle(options.target, before.connectedClients);
  const { instances, distinctClients } = JSON.parse(line) as { instances: number; distinctClients: number };
  return { instances, distinctClients, newConnections: after.totalConnectionsReceived - before.totalConnectionsReceived };
}
