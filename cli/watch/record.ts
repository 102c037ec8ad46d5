/** Takes a sample every interval until the duration is over or the signal stops it. */
import type { Reading, Sampler } from './sampler.js';

export interface RecordOptions {
  intervalMs: number;
  /** undefined: until the signal stops it. */
  durationMs?: number;
  signal: AbortSignal;
  onReading?: (reading: Reading, readings: readonly Reading[]) => void;
}

/** Resolves at `at`, or as soon as the signal stops the recording. */
function waitUntil(at: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export async function record(sampler: Sampler, options: RecordOptions): Promise<{ readings: Reading[]; startedAt: number }> {
  const readings: Reading[] = [];
  const startedAt = Date.now();
  for (let tick = 0; !options.signal.aborted; tick++) {
    const due = startedAt + tick * options.intervalMs;
    if (options.durationMs !== undefined && due > startedAt + options.durationMs) break;
    await waitUntil(due, options.signal);
    if (options.signal.aborted) break;
    const reading = await sampler.sample();
    readings.push(reading);
    options.onReading?.(reading, readings);
    // A slow sample must not be followed by a burst of catch-up samples.
    tick = Math.max(tick, Math.floor((Date.now() - startedAt) / options.intervalMs));
  }
  return { readings, startedAt };
}
