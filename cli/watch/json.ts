/** `--json`: one object per line, `{"type":"sample"|"gap",…}` per sample and a final `{"type":"summary",…}`. */
import type { Reading } from './sampler.js';
import type { WatchSummary } from './verdict.js';

const isoTime = (at: number): string => new Date(at).toISOString();

/** Unknown figures (the first sample's rate, groups the ACL hides) print as null rather than vanish. */
const keepUnknown = (_key: string, value: unknown): unknown => (value === undefined ? null : value);

export function readingJson(reading: Reading): string {
  const { kind, at, ...fields } = reading;
  return `${JSON.stringify({ type: kind, time: isoTime(at), ...fields }, keepUnknown)}\n`;
}

export function summaryJson(summary: WatchSummary, url: string, notes: readonly string[]): string {
  const { startedAt, endedAt, gate, ...figures } = summary;
  return `${JSON.stringify({
    type: 'summary',
    url,
    startedAt: isoTime(startedAt),
    endedAt: isoTime(endedAt),
    ...figures,
    ...(gate ? { gate: { ...gate, peakAt: gate.peakAt === undefined ? undefined : isoTime(gate.peakAt) } } : {}),
    notes,
  }, keepUnknown)}\n`;
}
