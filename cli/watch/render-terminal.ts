/**
 * What a person sees: on a terminal a compact view redrawn in place (sparklines, top groups,
 * the verdict so far); without one, one plain line per sample, which logs and CI keep.
 */
import { describeGroup } from './client-list.js';
import { formatDuration } from './duration.js';
import type { Reading, Sample } from './sampler.js';
import { countOf, formatClock, formatRate, formatShare, type WatchSummary } from './verdict.js';

const SPARK_BARS = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 48;
const VIEW_GROUPS = 5;

/** One bar per value, scaled to the highest; a gap is a blank. */
export function sparkline(values: readonly (number | undefined)[], width = SPARK_WIDTH): string {
  const shown = values.slice(-width);
  const highest = Math.max(0, ...shown.map((value) => value ?? 0));
  return shown
    .map((value) => {
      if (value === undefined) return ' ';
      if (highest === 0) return SPARK_BARS[0];
      return SPARK_BARS[Math.min(SPARK_BARS.length - 1, Math.round((value / highest) * (SPARK_BARS.length - 1)))];
    })
    .join('');
}

function connectedText(sample: Sample): string {
  return sample.maxClients === undefined ? String(sample.connectedClients) : `${sample.connectedClients}/${sample.maxClients}`;
}

function newText(sample: Sample): string {
  if (sample.resumed === 'restart') return 'new - (server restarted, counting again)';
  if (sample.newPerSecond === undefined) return 'new - (first sample)';
  return `new ${formatRate(sample.newPerSecond)}/s`;
}

function gapText(reason: string, intervalMs: number): string {
  return `gap: ${reason}; trying again every ${formatDuration(intervalMs)}`;
}

/** The line printed for each sample when stdout is not a terminal. */
export function plainLine(reading: Reading, intervalMs: number): string {
  const time = formatClock(reading.at);
  if (reading.kind === 'gap') return `${time}  ${gapText(reading.reason, intervalMs)}`;
  const parts = [
    time,
    `connected ${connectedText(reading)}`,
    newText(reading),
    `rejected ${reading.rejectedConnections ?? 0}`,
    `blocked ${reading.blockedClients}`,
  ];
  if (reading.groups) {
    if (reading.listedClients > 0) parts.push(`young ${formatShare(reading.youngClients / reading.listedClients)}`);
    const top = reading.groups[0];
    if (top) parts.push(`top ${describeGroup(top)} x${top.connections}`);
  }
  if (reading.resumed === 'reconnect') parts.push('(reconnected)');
  return parts.join('  ');
}

export interface ViewContext {
  url: string;
  nodes: number;
  intervalMs: number;
  startedAt: number;
}

/** The in-place view: a header, two sparklines, counters, the top groups and the verdict so far. */
export function terminalView(readings: readonly Reading[], summary: WatchSummary, context: ViewContext): string[] {
  const samples = readings.filter((reading): reading is Sample => reading.kind === 'sample');
  const last = readings.at(-1);
  const lastSample = samples.at(-1);
  const where = context.nodes > 1 ? `${context.url} (${context.nodes} masters)` : context.url;
  const elapsed = formatDuration((last?.at ?? context.startedAt) - context.startedAt);
  const lines = [`redis-singleton watch  ${where}  every ${formatDuration(context.intervalMs)}  ${elapsed}  (Ctrl-C to stop)`];
  const series = readings.map((reading) => (reading.kind === 'sample' ? reading : undefined));
  lines.push(
    `connected  ${(lastSample ? connectedText(lastSample) : '-').padEnd(12)}${sparkline(series.map((sample) => sample?.connectedClients))}`,
    `new/s      ${(lastSample?.newPerSecond === undefined ? '-' : formatRate(lastSample.newPerSecond)).padEnd(12)}` +
      sparkline(series.map((sample) => sample?.newPerSecond)),
    `rejected   ${summary.rejectedConnections}   blocked ${lastSample?.blockedClients ?? 0}`,
  );
  if (last?.kind === 'gap') lines.push(gapText(last.reason, context.intervalMs));
  for (const group of lastSample?.groups?.slice(0, VIEW_GROUPS) ?? []) {
    lines.push(`  ${describeGroup(group).padEnd(40)} ${group.connections} connected, ${group.young} under ${summary.youngAgeSeconds} s`);
  }
  lines.push(summary.message);
  return lines;
}

/** Redraws the view in place: back up over the lines drawn last time, clear, draw again. */
export class TerminalScreen {
  private drawnLines = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  draw(lines: readonly string[]): void {
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F\x1b[J` : '';
    this.stream.write(`${up}${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}

/** The closing text: verdict, figures, top groups, gate. */
export function summaryText(summary: WatchSummary, url: string): string {
  const lines = [summary.message];
  const gaps = summary.gaps > 0 ? `, ${countOf(summary.gaps, 'gap')}` : '';
  const restarts = summary.restarts > 0 ? `, ${countOf(summary.restarts, 'server restart')}` : '';
  lines.push(
    `watched ${url} for ${formatDuration(summary.endedAt - summary.startedAt)}: ${countOf(summary.samples, 'sample')}${gaps}${restarts}; ` +
      `${countOf(summary.newConnections, 'new connection')} (mean ${formatRate(summary.newPerSecond)}/s, peak ${formatRate(summary.peakNewPerSecond)}/s), ` +
      `connected ${summary.connectedClients} (peak ${summary.peakConnectedClients}${summary.maxClients === undefined ? '' : ` of maxclients ${summary.maxClients}`}), ` +
      `rejected ${summary.rejectedConnections}, blocked peak ${summary.peakBlockedClients}`,
  );
  for (const group of summary.groups?.slice(0, 3) ?? []) {
    lines.push(
      `  from ${describeGroup(group)}: ${group.young} of the ${group.connections} connections seen across samples ` +
        `were younger than ${summary.youngAgeSeconds} s`,
    );
  }
  if (summary.gate) lines.push(summary.gate.message);
  return `${lines.join('\n')}\n`;
}
