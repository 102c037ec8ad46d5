import { UsageError } from '../errors.js';

const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `2s`, `1.5s`, `1m`, `1h`; a bare number is seconds. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) {
    throw new UsageError(`${option} takes a duration such as 500ms, 2s or 1m, got "${text}".`);
  }
  const ms = Math.round(Number(match[1]) * unitMs[match[2] ?? 's']);
  if (ms <= 0) throw new UsageError(`${option} must be longer than 0, got "${text}".`);
  return ms;
}

/** `200 ms`, `2 s`, `1.5 s`, `2 min`: the unit a reader expects for that length (999 ms of a 1 s watch is `1 s`). */
export function formatDuration(ms: number): string {
  if (ms < 900) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1_000).toFixed(1))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}
