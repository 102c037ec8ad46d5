/**
 * What a watch saw, summed up, and the verdict: `churn` when connections keep being opened (a
 * client built per request), `steady` when they do not. Also the `--max-new-per-sec` gate.
 */
import { describeGroup, mergeGroups, type ClientGroup } from './client-list.js';
import { formatDuration } from './duration.js';
import type { Reading, Sample } from './sampler.js';

/** Below this mean rate, or below this many new connections in all, a watch is `steady`. */
const CHURN_MIN_PER_SECOND = 1;
const CHURN_MIN_CONNECTIONS = 5;
const TOP_GROUPS = 5;

export type Verdict = 'churn' | 'steady' | 'no data';

export interface GateResult {
  maxNewPerSecond: number;
  exceeded: boolean;
  /** Highest rate over one interval, and when. */
  peakNewPerSecond: number;
  peakAt: number | undefined;
  message: string;
}

export interface WatchSummary {
  verdict: Verdict;
  /** The verdict line, as printed. */
  message: string;
  startedAt: number;
  endedAt: number;
  samples: number;
  gaps: number;
  restarts: number;
  /** Time covered by samples that have a rate (gaps and restarts excluded). */
  coveredMs: number;
  newConnections: number;
  newPerSecond: number;
  peakNewPerSecond: number;
  /** Connected clients besides the watch's own: at the last sample and at the most. */
  connectedClients: number;
  peakConnectedClients: number;
  maxClients: number | undefined;
  rejectedConnections: number;
  peakBlockedClients: number;
  youngAgeSeconds: number;
  /** Share of listed connections younger than the young age; undefined without CLIENT LIST. */
  youngShare: number | undefined;
  /** The groups with most young connections over the whole watch; undefined without CLIENT LIST. */
  groups: ClientGroup[] | undefined;
  gate?: GateResult;
}

/** `85`, `3.4`, `0`: whole numbers from 10 up, one decimal below. */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  return perSecond >= 10 ? String(Math.round(perSecond)) : perSecond.toFixed(1);
}

/** `1 new connection`, `2 new connections`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function formatClock(at: number): string {
  const time = new Date(at);
  return `${time.toTimeString().slice(0, 8)}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

function verdictMessage(summary: Omit<WatchSummary, 'verdict' | 'message' | 'gate'>, verdict: Verdict, lastGap: string | undefined): string {
  const rejected = summary.rejectedConnections > 0 ? `, ${summary.rejectedConnections} rejected at maxclients` : '';
  if (verdict === 'no data') {
    return `no data: no sample could be read (${lastGap ?? 'the watch ended before the first sample'}); check the server and --url.`;
  }
  if (verdict === 'steady') {
    return (
      `steady: ${countOf(summary.connectedClients, 'connection')}, ` +
      `${formatRate(summary.newPerSecond)} new/s for ${formatDuration(summary.coveredMs)}${rejected}`
    );
  }
  const young =
    summary.youngShare === undefined ? '' : `, ${formatShare(summary.youngShare)} of connections younger than ${summary.youngAgeSeconds} s`;
  const top = summary.groups?.find((group) => group.young > 0);
  const from = top ? `, mostly from ${describeGroup(top)}` : '';
  return (
    `churn: ${formatRate(summary.newPerSecond)} new connections/s${young}${from}${rejected}` +
    ' — a client is built per request; run npx redis-singleton check'
  );
}

function gateResult(samples: Sample[], summary: Pick<WatchSummary, 'newPerSecond' | 'newConnections' | 'coveredMs'>, maxNewPerSecond: number): GateResult {
  let peak: Sample | undefined;
  for (const sample of samples) {
    if (sample.newPerSecond !== undefined && (!peak || sample.newPerSecond > (peak.newPerSecond ?? 0))) peak = sample;
  }
  const peakNewPerSecond = peak?.newPerSecond ?? 0;
  const exceeded = peakNewPerSecond > maxNewPerSecond;
  const figures =
    `mean ${formatRate(summary.newPerSecond)}/s, ${countOf(summary.newConnections, 'new connection')} in ${formatDuration(summary.coveredMs)}`;
  const message = exceeded
    ? `gate failed: ${formatRate(peakNewPerSecond)} new connections/s at ${formatClock(peak?.at ?? 0)} exceeds ` +
      `--max-new-per-sec ${maxNewPerSecond} (${figures})`
    : `gate passed: at most ${formatRate(peakNewPerSecond)} new connections/s, within --max-new-per-sec ${maxNewPerSecond} (${figures})`;
  return { maxNewPerSecond, exceeded, peakNewPerSecond, peakAt: peak?.at, message };
}

export interface SummaryOptions {
  startedAt: number;
  endedAt: number;
  youngAgeSeconds: number;
  maxNewPerSecond?: number;
}

export function summarise(readings: readonly Reading[], options: SummaryOptions): WatchSummary {
  const samples = readings.filter((reading): reading is Sample => reading.kind === 'sample');
  const gaps = readings.filter((reading) => reading.kind === 'gap');
  const withRate = samples.filter((sample) => sample.newConnections !== undefined);
  let coveredMs = 0;
  for (const sample of withRate) {
    const previous = samples[samples.indexOf(sample) - 1];
    if (previous) coveredMs += sample.at - previous.at;
  }
  const newConnections = withRate.reduce((sum, sample) => sum + (sample.newConnections ?? 0), 0);
  const listed = samples.every((sample) => sample.groups !== undefined) && samples.length > 0;
  const listedClients = samples.reduce((sum, sample) => sum + sample.listedClients, 0);
  const youngClients = samples.reduce((sum, sample) => sum + sample.youngClients, 0);
  const others = (sample: Sample) => sample.connectedClients - sample.ownConnections;
  const last = samples.at(-1);

  const figures = {
    startedAt: options.startedAt,
    endedAt: options.endedAt,
    samples: samples.length,
    gaps: gaps.length,
    restarts: samples.filter((sample) => sample.resumed === 'restart').length,
    coveredMs,
    newConnections,
    newPerSecond: coveredMs > 0 ? newConnections / (coveredMs / 1_000) : 0,
    peakNewPerSecond: Math.max(0, ...withRate.map((sample) => sample.newPerSecond ?? 0)),
    connectedClients: last ? others(last) : 0,
    peakConnectedClients: Math.max(0, ...samples.map(others)),
    maxClients: last?.maxClients,
    rejectedConnections: withRate.reduce((sum, sample) => sum + (sample.rejectedConnections ?? 0), 0),
    peakBlockedClients: Math.max(0, ...samples.map((sample) => sample.blockedClients)),
    youngAgeSeconds: options.youngAgeSeconds,
    youngShare: listed && listedClients > 0 ? youngClients / listedClients : undefined,
    groups: listed
      ? samples.reduce<ClientGroup[]>((total, sample) => mergeGroups(total, sample.groups ?? []), []).slice(0, TOP_GROUPS)
      : undefined,
  };
  const verdict: Verdict =
    samples.length === 0
      ? 'no data'
      : figures.newPerSecond >= CHURN_MIN_PER_SECOND && newConnections >= CHURN_MIN_CONNECTIONS
        ? 'churn'
        : 'steady';
  const lastGap = gaps.at(-1);
  return {
    verdict,
    message: verdictMessage(figures, verdict, lastGap?.kind === 'gap' ? lastGap.reason : undefined),
    ...figures,
    ...(options.maxNewPerSecond === undefined ? {} : { gate: gateResult(samples, figures, options.maxNewPerSecond) }),
  };
}
