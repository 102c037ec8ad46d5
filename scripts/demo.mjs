#!/usr/bin/env node
/**
 * `npm run demo`: on the bundled Next.js sample app, (1) lint it with the built plugin, (2) run
 * `redis-singleton fix` on a copy and show the diff, (3) drive both versions against a real
 * redis-server, print what each did to its connection counters, and chart both runs as
 * `redis-singleton watch --html` does.
 * The server, driver and fixture-copy code is the e2e tests' own, loaded through tsx; the counters
 * and the chart come from the watch's sampler.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const SCENARIO = 'next-pages-api';
const CALLS = 300;
const CONCURRENCY = 100;
const MAX_CLIENTS = 64;
// What the fixed app may open for all its calls: its one shared connection, and a reconnect.
const MAX_CONNECTIONS_AFTER_FIX = 2;
const CHART_INTERVAL_MS = 200;
// Sampling on after the last run shows in the chart that the fixed app leaves nothing open.
const CHART_TAIL_MS = 2_000;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sampleApp = path.join(repoRoot, 'fixtures', SCENARIO, 'input');
const cliPath = path.join(repoRoot, 'dist', 'cli', 'index.js');
const pluginPath = path.join(repoRoot, 'dist', 'index.js');
const watchModule = (name) => import(path.join(repoRoot, 'dist', 'cli', 'watch', `${name}.js`));
const chartFolder = path.join(repoRoot, '.tmp', 'demo');

const helper = (relativePath) => tsImport(path.join(repoRoot, relativePath), import.meta.url);

function heading(text) {
  console.log(`\n== ${text}\n`);
}

/** ESLint findings as `file:line:col  message  rule`, like the stylish formatter but greppable. */
async function lintSampleApp() {
  const [{ ESLint }, { default: plugin }, tsParser] = await Promise.all([
    import('eslint'),
    import(pluginPath),
    import('@typescript-eslint/parser'),
  ]);
  const eslint = new ESLint({
    cwd: sampleApp,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.recommended,
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  let problems = 0;
  for (const result of results) {
    const file = path.relative(sampleApp, result.filePath);
    for (const message of result.messages) {
      problems++;
      const severity = message.severity === 2 ? 'error' : 'warning';
      console.log(`${file}:${message.line}:${message.column}  ${severity}  ${message.message}  ${message.ruleId ?? ''}`);
    }
  }
  console.log(`\n${problems} problem${problems === 1 ? '' : 's'} in fixtures/${SCENARIO}/input`);
}

/**
 * Samples the server every CHART_INTERVAL_MS with the watch's sampler while `work` runs, then
 * writes the charts and each phase's verdict; `work` receives `mark(label)` to start a phase.
 */
async function chartWhile(url, work) {
  const [{ openWatchTarget }, { Sampler, youngAgeFor }, { record }, { summarise }, { renderChartsSvg, renderHtmlPage }] =
    await Promise.all(['connection', 'sampler', 'record', 'verdict', 'render-html'].map(watchModule));
  const target = await openWatchTarget(url, { reconnectEveryMs: CHART_INTERVAL_MS });
  const youngAgeSeconds = youngAgeFor(CHART_INTERVAL_MS);
  const sampler = new Sampler(target, { url, youngAgeSeconds, clientList: true });
  const stop = new AbortController();
  const marks = [];
  const recording = record(sampler, { intervalMs: CHART_INTERVAL_MS, signal: stop.signal });
  try {
    await work((label) => marks.push({ at: Date.now(), label }));
  } finally {
    stop.abort();
    target.close();
  }
  const { readings, startedAt } = await recording;
  const endedAt = Date.now();
  const verdicts = marks.map((mark, index) => {
    const until = marks[index + 1]?.at ?? endedAt;
    const phase = readings.filter((reading) => reading.at >= mark.at && reading.at <= until);
    return `${mark.label}: ${summarise(phase, { startedAt: mark.at, endedAt: until, youngAgeSeconds }).message}`;
  });
  await mkdir(chartFolder, { recursive: true });
  const svgPath = path.join(chartFolder, 'connections.svg');
  const htmlPath = path.join(chartFolder, 'connections.html');
  await writeFile(svgPath, `${renderChartsSvg(readings, marks)}\n`);
  await writeFile(htmlPath, renderHtmlPage(readings, summarise(readings, { startedAt, endedAt, youngAgeSeconds }), url, marks));
  return { verdicts, files: [svgPath, htmlPath].map((file) => path.relative(process.cwd(), file)) };
}

/** A unified diff of two project copies, with paths shown relative to the project root. */
function diffProjects(before, after) {
  const relativeBefore = path.relative('/', before);
  const relativeAfter = path.relative('/', after);
  const git = spawnSync('git', ['diff', '--no-index', '--no-color', '--', relativeBefore, relativeAfter], {
    cwd: '/',
    encoding: 'utf8',
  });
  if (!git.error && (git.status === 0 || git.status === 1)) {
    return git.stdout.replaceAll(`${relativeBefore}/`, '').replaceAll(`${relativeAfter}/`, '');
  }
  const diff = spawnSync('diff', ['-ruN', '--exclude=node_modules', before, after], { encoding: 'utf8' });
  return diff.stdout.replaceAll(`${before}/`, 'a/').replaceAll(`${after}/`, 'b/');
}

async function main() {
  const { isRedisInstalled, INSTALL_HINT, startRedis } = await helper('test/helpers/redis-server.ts');
  if (!isRedisInstalled()) {
    console.error(INSTALL_HINT);
    return 1;
  }
  for (const built of [pluginPath, cliPath]) {
    if (!existsSync(built)) {
      console.error(`${path.relative(repoRoot, built)} is missing: run \`npm run demo\`, which builds first.`);
      return 1;
    }
  }
  const { copyFixture, removeFixtureCopy } = await helper('test/helpers/fixture-tree.ts');
  const { driveLoad, formatRunTable } = await helper('test/helpers/load.ts');

  heading(`1. Lint the sample app (fixtures/${SCENARIO}/input) with redis-singleton/no-per-request-client`);
  await lintSampleApp();

  const copies = [];
  let server;
  try {
    const inputCopy = await copyFixture(SCENARIO, 'input');
    copies.push(inputCopy);
    const fixedCopy = await copyFixture(SCENARIO, 'input');
    copies.push(fixedCopy);

    heading('2. Run `redis-singleton fix --force` on a copy');
    const fix = spawnSync(process.execPath, [cliPath, 'fix', '--force', fixedCopy], { encoding: 'utf8' });
    process.stdout.write(fix.stdout);
    process.stderr.write(fix.stderr);
    if (fix.status !== 0) {
      console.error(`redis-singleton fix exited with ${fix.status}; the demo stops here.`);
      return 1;
    }
    console.log('\nWhat changed:\n');
    console.log(diffProjects(inputCopy, fixedCopy) || '(nothing changed)');

    heading(`3. Drive both against a real redis-server (--maxclients ${MAX_CLIENTS}): ${CALLS} calls, ${CONCURRENCY} at a time`);
    server = await startRedis({ maxclients: MAX_CLIENTS });
    const env = { REDIS_URL: server.url, NODE_ENV: 'production' };
    const runs = [];
    const chart = await chartWhile(server.url, async (mark) => {
      for (const [label, projectDir] of [['before (input)', inputCopy], ['after (fixed)', fixedCopy]]) {
        mark(label);
        runs.push(await driveLoad({ scenario: SCENARIO, projectDir, label, calls: CALLS, concurrency: CONCURRENCY, target: server, env }));
      }
      await new Promise((resolve) => setTimeout(resolve, CHART_TAIL_MS));
    });
    console.log(formatRunTable(runs));
    console.log(
      '\nnew connections = growth of INFO stats total_connections_received during the run; ' +
        'peak connected_clients includes the two connections this script samples through (counters and chart).',
    );
    console.log(`\nWhat redis-singleton watch says about each run:\n${chart.verdicts.map((line) => `  ${line}`).join('\n')}`);
    console.log(`Chart of both runs (connected clients, new connections/s, rejected): ${chart.files.join(' and ')}`);
    for (const run of runs.filter((candidate) => candidate.errorSamples.length > 0)) {
      console.log(`${run.label} errors, e.g.: ${run.errorSamples.slice(0, 3).join(' | ')}`);
    }
    const fixed = runs[1];
    if (fixed.errors + fixed.uncaught > 0 || fixed.newConnections > MAX_CONNECTIONS_AFTER_FIX) {
      console.error(
        `\nThe fixed app still failed: ${fixed.errors + fixed.uncaught} errors and ${fixed.newConnections} new connections ` +
          `(expected 0 errors and at most ${MAX_CONNECTIONS_AFTER_FIX}). Please report it with this output.`,
      );
      return 1;
    }
    console.log(`\nAfter the fix: ${fixed.calls} calls, no errors, ${fixed.newConnections} connection(s) opened.`);
  } finally {
    await server?.stop();
    await Promise.all(copies.map((copy) => removeFixtureCopy(copy)));
  }
  return 0;
}

process.exitCode = await main();
