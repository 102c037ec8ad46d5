/**
 * `redis-singleton watch`: samples a live server every interval, shows what it sees, and ends with
 * a verdict and a summary (after --duration, or on Ctrl-C). Exit 0 done, 1 the --max-new-per-sec
 * gate was exceeded, 2 bad usage or a server that cannot be watched.
 */
import { writeFile } from 'node:fs/promises';
import { exitCodes, UsageError } from '../errors.js';
import type { Output } from '../fix.js';
import { openWatchTarget, type WatchTarget } from './connection.js';
import { parseDuration } from './duration.js';
import { redactUrl, WatchFault } from './faults.js';
import { readingJson, summaryJson } from './json.js';
import { record } from './record.js';
import { renderHtmlPage } from './render-html.js';
import { plainLine, summaryText, TerminalScreen, terminalView } from './render-terminal.js';
import { Sampler, youngAgeFor, type Reading } from './sampler.js';
import { summarise, type WatchSummary } from './verdict.js';

export const DEFAULT_URL = 'redis://127.0.0.1:6379';
/** Without a terminal nobody can press Ctrl-C: a watch in CI or a pipe ends after this. */
export const DEFAULT_UNATTENDED_DURATION = '60s';

export interface WatchOptions {
  url: string | undefined;
  interval: string;
  duration: string | undefined;
  json: boolean;
  html: string | undefined;
  maxNewPerSec: string | undefined;
}

interface WatchPlan {
  url: string;
  intervalMs: number;
  /** undefined: until Ctrl-C. */
  durationMs: number | undefined;
  maxNewPerSecond: number | undefined;
  mode: 'terminal' | 'plain' | 'json';
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return (stream as NodeJS.WriteStream).isTTY === true;
}

function planWatch(options: WatchOptions, output: Output): WatchPlan {
  const intervalMs = parseDuration(options.interval, '--interval');
  const terminal = isTerminal(output.stdout);
  const duration = options.duration ?? (terminal ? undefined : DEFAULT_UNATTENDED_DURATION);
  const durationMs = duration === undefined ? undefined : parseDuration(duration, '--duration');
  if (durationMs !== undefined && durationMs < intervalMs) {
    throw new UsageError(`--duration ${duration} is shorter than --interval ${options.interval}: give a duration of at least one interval.`);
  }
  let maxNewPerSecond: number | undefined;
  if (options.maxNewPerSec !== undefined) {
    maxNewPerSecond = Number(options.maxNewPerSec);
    if (!Number.isFinite(maxNewPerSecond) || maxNewPerSecond < 0 || options.maxNewPerSec.trim() === '') {
      throw new UsageError(`--max-new-per-sec takes a number of new connections per second, got "${options.maxNewPerSec}".`);
    }
  }
  return {
    url: options.url ?? process.env.REDIS_URL ?? DEFAULT_URL,
    intervalMs,
    durationMs,
    maxNewPerSecond,
    mode: options.json ? 'json' : terminal ? 'terminal' : 'plain',
  };
}

/** Ctrl-C (and a polite kill) end the watch with its summary instead of killing the process. */
function stopOnSignals(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

interface WatchOutcome {
  readings: Reading[];
  summary: WatchSummary;
  /** What the sampler had to say once (CLIENT LIST not allowed). */
  notes: string[];
}

async function sampleUntilStopped(target: WatchTarget, plan: WatchPlan, output: Output): Promise<WatchOutcome> {
  const shownUrl = redactUrl(plan.url);
  const youngAgeSeconds = youngAgeFor(plan.intervalMs);
  const sampler = new Sampler(target, { url: plan.url, youngAgeSeconds, clientList: true });
  const screen = new TerminalScreen(output.stdout);
  const startedAt = Date.now();
  const summaryOf = (readings: readonly Reading[]) =>
    summarise(readings, { startedAt, endedAt: Date.now(), youngAgeSeconds, maxNewPerSecond: plan.maxNewPerSecond });
  let notesShown = 0;
  const show = (reading: Reading, readings: readonly Reading[]) => {
    for (const note of sampler.notes.slice(notesShown)) output.stderr.write(`redis-singleton: note: ${note}\n`);
    notesShown = sampler.notes.length;
    if (plan.mode === 'json') output.stdout.write(readingJson(reading));
    else if (plan.mode === 'plain') output.stdout.write(`${plainLine(reading, plan.intervalMs)}\n`);
    else screen.draw(terminalView(readings, summaryOf(readings), { url: shownUrl, nodes: target.nodes.length, intervalMs: plan.intervalMs, startedAt }));
  };
  const { signal, release } = stopOnSignals();
  let readings: Reading[];
  try {
    ({ readings } = await record(sampler, { intervalMs: plan.intervalMs, durationMs: plan.durationMs, signal, onReading: show }));
  } finally {
    release();
  }
  return { readings, summary: summaryOf(readings), notes: sampler.notes };
}

export async function runWatch(options: WatchOptions, output: Output): Promise<number> {
  const plan = planWatch(options, output);
  const shownUrl = redactUrl(plan.url);
  let target: WatchTarget;
  try {
    target = await openWatchTarget(plan.url, { reconnectEveryMs: plan.intervalMs });
  } catch (error) {
    if (!(error instanceof WatchFault)) throw error;
    output.stderr.write(`redis-singleton: ${error.message}\n`);
    return exitCodes.usage;
  }
  for (const note of target.notes) output.stderr.write(`redis-singleton: note: ${note}\n`);

  let outcome: WatchOutcome;
  try {
    outcome = await sampleUntilStopped(target, plan, output);
  } finally {
    target.close();
  }
  const { readings, summary, notes } = outcome;
  if (plan.mode === 'json') output.stdout.write(summaryJson(summary, shownUrl, [...target.notes, ...notes]));
  else output.stdout.write(summaryText(summary, shownUrl));
  if (options.html !== undefined) {
    await writeFile(options.html, renderHtmlPage(readings, summary, shownUrl));
    output.stderr.write(`redis-singleton: wrote the charts to ${options.html}\n`);
  }
  if (summary.verdict === 'no data') return exitCodes.usage;
  return summary.gate?.exceeded ? exitCodes.failed : exitCodes.done;
}
