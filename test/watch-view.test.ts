/** The terminal view of `redis-singleton watch`: sparklines and the in-place redraw. */
import { describe, expect, it } from 'vitest';
import { sparkline, TerminalScreen, terminalView } from '../cli/watch/render-terminal.js';
import type { Reading, Sample } from '../cli/watch/sampler.js';
import { summarise } from '../cli/watch/verdict.js';

function sample(at: number, connectedClients: number, newConnections: number | undefined): Sample {
  return {
    kind: 'sample',
    at,
    connectedClients,
    ownConnections: 1,
    maxClients: 64,
    blockedClients: 0,
    totalConnectionsReceived: 100,
    rejectedConnectionsTotal: 0,
    newConnections,
    newPerSecond: newConnections,
    rejectedConnections: newConnections === undefined ? undefined : 0,
    groups: [{ address: '10.0.3.7', library: 'ioredis', name: '', connections: connectedClients - 1, young: connectedClients - 1 }],
    listedClients: connectedClients - 1,
    youngClients: connectedClients - 1,
  };
}

describe('the terminal view', () => {
  it('draws one bar per sample, scaled to the highest, with a blank for a gap', () => {
    expect(sparkline([0, 1, 2, undefined, 4])).toBe('▁▃▅ █');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([1, 2, 3, 4], 2)).toBe('▆█');
  });

  it('shows the counters, the sparklines, the top group and the verdict so far', () => {
    const start = Date.UTC(2026, 0, 1);
    const readings: Reading[] = [
      sample(start, 1, undefined),
      sample(start + 1_000, 41, 40),
      { kind: 'gap', at: start + 2_000, reason: 'server unreachable (connection refused)' },
      sample(start + 3_000, 81, 80),
    ];
    // 120 new connections over the 3 s the rates cover, the gap included: 40/s.
    const summary = summarise(readings, { startedAt: start, endedAt: start + 3_000, youngAgeSeconds: 3 });
    expect(terminalView(readings, summary, { url: 'redis://10.0.3.1:6379', nodes: 1, intervalMs: 1_000, startedAt: start })).toEqual([
      'redis-singleton watch  redis://10.0.3.1:6379  every 1 s  3 s  (Ctrl-C to stop)',
      'connected  81/64       ▁▅ █',
      'new/s      80           ▅ █',
      'rejected   0   blocked 0',
      '  10.0.3.7 (ioredis)                       80 connected, 80 under 3 s',
      'churn: 40 new connections/s, 100% of connections younger than 3 s, mostly from 10.0.3.7 (ioredis) — a client is built per request; run npx redis-singleton check',
    ]);
  });

  it('redraws in place: the second frame moves up over the first and clears it', () => {
    const written: string[] = [];
    const screen = new TerminalScreen({ write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream);
    screen.draw(['a', 'b', 'c']);
    screen.draw(['d']);
    expect(written).toEqual(['a\nb\nc\n', '\x1b[3F\x1b[Jd\n']);
  });
});
