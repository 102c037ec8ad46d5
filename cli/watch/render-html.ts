/**
 * `--html FILE`: a self-contained page (no scripts, no external files) with three inline SVG
 * charts: connected clients, new connections per second, rejected connections. The same SVG
 * stands alone as an image (the README's chart).
 */
import type { Reading, Sample } from './sampler.js';
import { formatClock, type WatchSummary } from './verdict.js';

const WIDTH = 760;
const PANEL_HEIGHT = 150;
const MARGIN = { left: 56, right: 16, top: 28, bottom: 26 };

/** A labelled moment on the time axis (`before`, `after` in the demo). */
export interface ChartMark {
  at: number;
  label: string;
}

interface Panel {
  title: string;
  color: string;
  value: (sample: Sample) => number | undefined;
  /** A horizontal reference line, e.g. maxclients. */
  limit?: { value: number; label: string };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Rounds an axis maximum up to 1, 2 or 5 times a power of ten. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? value;
}

function panelSvg(panel: Panel, readings: readonly Reading[], marks: readonly ChartMark[], top: number, span: { start: number; end: number }): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = readings.map((reading) => (reading.kind === 'sample' ? panel.value(reading) : undefined));
  const highest = Math.max(0, ...values.map((value) => value ?? 0));
  const limitShown = panel.limit && panel.limit.value <= Math.max(highest, 1) * 2;
  const yMax = niceCeiling(Math.max(highest, limitShown && panel.limit ? panel.limit.value : 0));
  const x = (at: number) => MARGIN.left + ((at - span.start) / Math.max(span.end - span.start, 1)) * plotWidth;
  const y = (value: number) => top + MARGIN.top + plotHeight - (value / yMax) * plotHeight;

  // A gap or a missing rate breaks the line rather than drawing a slope across it.
  const segments: string[][] = [[]];
  readings.forEach((reading, index) => {
    const value = values[index];
    if (value === undefined) {
      if (segments.at(-1)?.length) segments.push([]);
      return;
    }
    segments.at(-1)?.push(`${x(reading.at).toFixed(1)},${y(value).toFixed(1)}`);
  });
  const lines = segments
    .filter((segment) => segment.length > 0)
    .map((segment) =>
      segment.length === 1
        ? `<circle cx="${segment[0].split(',')[0]}" cy="${segment[0].split(',')[1]}" r="2" fill="${panel.color}"/>`
        : `<polyline fill="none" stroke="${panel.color}" stroke-width="2" points="${segment.join(' ')}"/>`,
    );
  const gaps = readings
    .filter((reading) => reading.kind === 'gap')
    .map((gap) => `<rect x="${(x(gap.at) - 2).toFixed(1)}" y="${top + MARGIN.top}" width="4" height="${plotHeight}" fill="#d33" opacity="0.25"/>`);
  const markLines = marks.map(
    (mark) =>
      `<line x1="${x(mark.at).toFixed(1)}" x2="${x(mark.at).toFixed(1)}" y1="${top + MARGIN.top}" y2="${top + MARGIN.top + plotHeight}" stroke="#888" stroke-dasharray="4 3"/>` +
      `<text x="${(x(mark.at) + 4).toFixed(1)}" y="${top + MARGIN.top + 12}" font-size="11" fill="#555">${escapeXml(mark.label)}</text>`,
  );
  const limit =
    limitShown && panel.limit
      ? `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(panel.limit.value).toFixed(1)}" y2="${y(panel.limit.value).toFixed(1)}" stroke="#d33" stroke-dasharray="6 4"/>` +
        `<text x="${WIDTH - MARGIN.right - 4}" y="${(y(panel.limit.value) - 4).toFixed(1)}" font-size="11" fill="#d33" text-anchor="end">${escapeXml(panel.limit.label)}</text>`
      : '';
  const seconds = (span.end - span.start) / 1_000;
  return [
    `<text x="${MARGIN.left}" y="${top + 18}" font-size="13" font-weight="bold" fill="#222">${escapeXml(panel.title)}</text>`,
    `<rect x="${MARGIN.left}" y="${top + MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="#fafafa" stroke="#ccc"/>`,
    `<text x="${MARGIN.left - 6}" y="${top + MARGIN.top + 4}" font-size="11" fill="#555" text-anchor="end">${yMax}</text>`,
    `<text x="${MARGIN.left - 6}" y="${top + MARGIN.top + plotHeight}" font-size="11" fill="#555" text-anchor="end">0</text>`,
    `<text x="${MARGIN.left}" y="${top + PANEL_HEIGHT - 8}" font-size="11" fill="#555">0 s</text>`,
    `<text x="${WIDTH - MARGIN.right}" y="${top + PANEL_HEIGHT - 8}" font-size="11" fill="#555" text-anchor="end">${seconds.toFixed(1)} s</text>`,
    ...gaps,
    limit,
    ...markLines,
    ...lines,
  ].join('\n');
}

/** The three charts in one standalone SVG image. */
export function renderChartsSvg(readings: readonly Reading[], marks: readonly ChartMark[] = []): string {
  const samples = readings.filter((reading): reading is Sample => reading.kind === 'sample');
  const maxClients = samples.at(-1)?.maxClients;
  const panels: Panel[] = [
    {
      title: 'connected clients',
      color: '#2563eb',
      value: (sample) => sample.connectedClients,
      ...(maxClients === undefined ? {} : { limit: { value: maxClients, label: `maxclients ${maxClients}` } }),
    },
    { title: 'new connections per second', color: '#ea580c', value: (sample) => sample.newPerSecond },
    { title: 'rejected connections (per sample)', color: '#dc2626', value: (sample) => sample.rejectedConnections },
  ];
  const span = { start: readings[0]?.at ?? 0, end: readings.at(-1)?.at ?? 0 };
  const height = PANEL_HEIGHT * panels.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...panels.map((panel, index) => panelSvg(panel, readings, marks, index * PANEL_HEIGHT, span)),
    '</svg>',
  ].join('\n');
}

/** The page `--html FILE` writes: the verdict, the figures and the charts, nothing to fetch. */
export function renderHtmlPage(readings: readonly Reading[], summary: WatchSummary, url: string, marks: readonly ChartMark[] = []): string {
  const rows: [string, string][] = [
    ['server', url],
    ['watched', `${formatClock(summary.startedAt)} to ${formatClock(summary.endedAt)}, ${summary.samples} samples, ${summary.gaps} gaps`],
    ['new connections', `${summary.newConnections} (mean ${summary.newPerSecond.toFixed(1)}/s, peak ${summary.peakNewPerSecond.toFixed(1)}/s)`],
    ['connected clients', `${summary.connectedClients} at the end, peak ${summary.peakConnectedClients}`],
    ['rejected connections', String(summary.rejectedConnections)],
  ];
  if (summary.gate) rows.push(['gate', summary.gate.message]);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>redis-singleton watch: ${escapeXml(summary.verdict)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
.verdict { font-size: 1.1rem; padding: .6rem .8rem; border-left: 4px solid ${summary.verdict === 'churn' ? '#dc2626' : '#16a34a'}; background: #f6f6f6; }
table { border-collapse: collapse; margin: 1rem 0; }
td { padding: .2rem .8rem .2rem 0; vertical-align: top; }
</style>
</head>
<body>
<h1>redis-singleton watch</h1>
<p class="verdict">${escapeXml(summary.message)}</p>
<table>
${rows.map(([name, value]) => `<tr><td>${escapeXml(name)}</td><td>${escapeXml(value)}</td></tr>`).join('\n')}
</table>
${renderChartsSvg(readings, marks)}
</body>
</html>
`;
}
