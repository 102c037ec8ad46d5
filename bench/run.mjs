#!/usr/bin/env node
/**
 * `npm run bench`: what the rule costs a lint run and how fast the codemod is, on a synthetic
 * repository. Needs a build (`npm run bench` builds first).
 *
 *   node bench/run.mjs [--files 5000] [--seed 1] [--reps 3] [--only lint|codemod|property] [--programs 10000] [--out FILE] [--keep]
 *
 * The last step runs the property tests on --programs generated programs per property (bench/property.mjs).
 *
 * A full run (5,000 files, 3 repetitions, both parts) rewrites bench/RESULTS.md; a quick run only
 * prints its table unless --out names a file.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { verifyTree } from './generate.mjs';
import { describeMachine, toolVersions } from './machine.mjs';
import { measure, rssSource } from './measure.mjs';
import { runProperties } from './property.mjs';
import { codemodTable, floorLine, lintTable, projectModelLine, resultsDocument, summarise, targetLines } from './report.mjs';
import { commitTree, generateRepo } from './synthetic/repo.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const log = (message) => process.stderr.write(`${message}\n`);

let dir;
let build;
let keep = false;

function cleanUp() {
  if (build) rmSync(build, { recursive: true, force: true });
  if (dir && !keep) rmSync(dir, { recursive: true, force: true });
}

function fail(message) {
  log(`bench: ${message}`);
  cleanUp();
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    reps: { type: 'string', default: '3' },
    only: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    programs: { type: 'string', default: '10000' },
  },
});
keep = values.keep;
const options = { files: Number(values.files), seed: Number(values.seed), reps: Number(values.reps) };
if (!Number.isInteger(options.files) || options.files < 10) fail('--files must be a whole number of at least 10, for example --files 500 for a quick run.');
if (!Number.isInteger(options.seed) || options.seed < 0) fail('--seed must be a non-negative whole number.');
if (!Number.isInteger(options.reps) || options.reps < 1) fail('--reps must be a whole number of at least 1 (medians need 3).');
if (values.only && !['lint', 'codemod', 'property'].includes(values.only)) fail('--only takes `lint`, `codemod` or `property`; leave it out to run all three.');
const programs = Number(values.programs);
if (!Number.isInteger(programs) || programs < 1) fail('--programs must be a whole number of at least 1, for example --programs 2000 for a quick run.');
if (values.only === 'property') {
  // Generated programs need no synthetic tree and no build: vitest runs the sources.
  const { ok, lines } = runProperties({ programs, typechecked: Math.min(programs, 2000) });
  console.log(lines.join('\n'));
  process.exit(ok ? 0 : 1);
}
const fullRun = options.files === 5000 && options.reps >= 3 && !values.only;
const resultsPath = values.out ?? (fullRun ? here('RESULTS.md') : undefined);

for (const entry of ['dist/index.js', 'dist/cli/index.js']) {
  if (!existsSync(join(root, entry))) fail(`${entry} is missing: run \`npm run build\` first, or run \`npm run bench\`, which builds.`);
}
// A rebuild during the run must not mix two builds in one table: every run uses this snapshot.
// It sits in the project's scratch folder so the package's dependencies still resolve.
mkdirSync(join(root, '.tmp'), { recursive: true });
build = mkdtempSync(join(root, '.tmp', 'bench-build-'));
cpSync(join(root, 'dist'), join(build, 'dist'), { recursive: true });
copyFileSync(join(root, 'package.json'), join(build, 'package.json'));
const pluginEntry = join(build, 'dist/index.js');
const cliEntry = join(build, 'dist/cli/index.js');
const require = createRequire(import.meta.url);
const jscodeshiftBin = join(require.resolve('jscodeshift/package.json'), '..', 'bin/jscodeshift.js');

const startedAt = new Date();
const machine = describeMachine();
const versions = toolVersions();
dir = mkdtempSync(join(tmpdir(), 'redis-singleton-bench-'));
log(`Generating ${options.files} files (seed ${options.seed}) in ${dir}`);
const manifest = generateRepo({ dir, files: options.files, seed: options.seed });
commitTree(dir);
// ESLint's runs report typescript-estree failures themselves; jscodeshift's --silent hides Babel's.
const parseFailures = values.only === 'lint' ? [] : verifyTree(dir, manifest.paths, ['babel tsx']);
if (parseFailures.length > 0) fail(`the generator wrote files a parser rejects:\n${parseFailures.slice(0, 20).join('\n')}`);
log(`${manifest.files} files, ${manifest.lines} lines, ${manifest.redis.perRequest} per-request and ${manifest.redis.runOnce} run-once Redis sites`);

const runs = {};
let findingsByFile;
const record = (kind, run) => (runs[kind] ??= []).push(run);
const mb = (kb) => (kb == null ? 'n/a' : `${Math.round(kb / 1024)} MB`);

const lintKinds = [
  ['ours', ['--rule', 'ours']],
  ['no-debugger', ['--rule', 'no-debugger']],
  ['ours-timed', ['--rule', 'ours', '--timed']],
  ['no-debugger-timed', ['--rule', 'no-debugger', '--timed']],
  // The least a rule that follows imports must do for every file (bench/floor-rules.mjs).
  ['text-floor-timed', ['--rule', 'text-floor', '--timed']],
  ['imports-floor-timed', ['--rule', 'imports-floor', '--timed']],
];
const codemodKinds = [
  ['fix', [cliEntry, 'fix', '--dry', '--force', dir], [0, 1]],
  ['noop', [jscodeshiftBin, '-t', here('noop-transform.mjs'), '--parser', 'tsx', '--extensions', 'ts,tsx,js', '--dry', '--silent', '--cpus', '1', dir], [0]],
];

/** Where the rule's findings differ from what the generator planted, grouped by form. */
function findingDifferences(manifest, byFile = {}) {
  const planted = new Map();
  for (const site of manifest.redis.sites) {
    const entry = planted.get(site.file) ?? { expected: 0, forms: [] };
    if (site.perRequest) entry.expected++;
    entry.forms.push(site.form);
    planted.set(site.file, entry);
  }
  const differences = new Map();
  const note = (label, file) => differences.set(label, [...(differences.get(label) ?? []), file]);
  for (const [file, { expected, forms }] of planted) {
    const found = byFile[file] ?? 0;
    if (found > expected) note(`reported although planted as run-once or not a site: ${forms.join(', ')}`, file);
    if (found < expected) note(`not reported although planted as per-request: ${forms.join(', ')}`, file);
  }
  for (const file of Object.keys(byFile)) if (!planted.has(file)) note('reported in a file with no planted site', file);
  if (differences.size === 0) return ' Every planted per-request site was reported, and nothing else.';
  return [...differences].map(([label, files]) => ` ${files.length} ${label} (e.g. \`${files[0]}\`).`).join('');
}

/** Each repetition starts one step further into the list, so no kind always runs first. */
const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);

if (values.only !== 'codemod') {
  for (let rep = 0; rep < options.reps; rep++) {
    for (const [kind, args] of rotate(lintKinds, rep)) {
      const run = await measure(process.execPath, [here('lint-run.mjs'), '--dir', dir, '--plugin', pluginEntry, ...args], { cwd: root });
      if (run.exitCode !== 0) fail(`lint run ${kind} exited with ${run.exitCode}:\n${run.stderr}`);
      const lint = JSON.parse(run.stdout.trim().split('\n').pop());
      if (lint.fatalCount > 0) fail(`ESLint could not parse ${lint.fatalCount} files:\n${lint.fatal.join('\n')}`);
      record(kind, { wallMs: lint.wallMs, processMs: run.wallMs, cpuMs: run.cpuMs, ruleMs: lint.ruleMs, listenerCalls: lint.listenerCalls, maxRssKb: run.maxRssKb ?? lint.maxRssKb, findings: lint.findings, files: lint.files, projectModel: lint.projectModel, parse: lint.parse });
      findingsByFile ??= kind.startsWith('ours') ? lint.findingsByFile : undefined;
      log(`lint ${kind} ${rep + 1}/${options.reps}: ${(lint.wallMs / 1000).toFixed(2)} s${lint.ruleMs == null ? '' : `, rule ${lint.ruleMs.toFixed(2)} ms`}, ${mb(run.maxRssKb)}, ${lint.findings} findings`);
    }
  }
}

let codemodCheck = '';
if (values.only !== 'lint') {
  for (let rep = 0; rep < options.reps; rep++) {
    for (const [kind, args, okCodes] of rotate(codemodKinds, rep)) {
      const run = await measure(process.execPath, args, { cwd: root });
      if (!okCodes.includes(run.exitCode)) fail(`codemod run ${kind} exited with ${run.exitCode}:\n${run.stderr || run.stdout}`);
      record(kind, { wallMs: run.wallMs, processMs: run.wallMs, cpuMs: run.cpuMs, ruleMs: null, maxRssKb: run.maxRssKb, exitCode: run.exitCode });
      log(`codemod ${kind} ${rep + 1}/${options.reps}: ${(run.wallMs / 1000).toFixed(2)} s, ${mb(run.maxRssKb)}`);
    }
  }
  // Untimed: the same run with --json says what the timed runs found, so they are known to do the work.
  const json = await measure(process.execPath, [cliEntry, 'fix', '--dry', '--force', '--json', dir], { cwd: root });
  const { redis } = manifest;
  try {
    const summary = JSON.parse(json.stdout);
    codemodCheck = `\`fix --dry --json\` on the same tree: ${summary.filesScanned} files scanned, ${summary.filesChanged} would change, ${summary.sitesHoisted} sites hoisted (planted hoistable: ${redis.hoistable}), ${summary.sitesSkipped.length} skipped (planted not hoistable: ${redis.notHoistable}), ${summary.errors.length} errors, modules: ${summary.modules.map((module) => `${module.action} ${module.path}`).join(', ') || 'none'}.`;
    const runOnceFiles = new Set(redis.sites.filter((site) => !site.perRequest).map((site) => site.file));
    const skippedRunOnce = summary.sitesSkipped.filter((site) => runOnceFiles.has(site.file));
    if (skippedRunOnce.length > 0) codemodCheck += ` ${skippedRunOnce.length} skipped sites are in files planted as run-once (e.g. \`${skippedRunOnce[0].file}:${skippedRunOnce[0].line}\`: ${skippedRunOnce[0].reason}).`;
  } catch {
    codemodCheck = `\`fix --dry --json\` printed no JSON summary (exit ${json.exitCode}).`;
  }
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' });
  codemodCheck += dirty === '' ? ' The tree was still clean after every dry run.' : ` **The dry runs changed the tree:** ${dirty.split('\n').slice(0, 5).join('; ')}`;
}

const result = summarise(runs);
const { redis } = manifest;
const ours = result.summary['ours'] ?? result.summary['ours-timed'];
const findings = ours
  ? `our rule reported ${ours.findings} sites; the generator planted ${redis.perRequest} per-request sites (${redis.hoistable} hoistable, ${redis.notHoistable} not) and ${redis.runOnce} sites it must not report (run-once, or an exported helper with no per-request caller in its file); across imports (${manifest.imports.files} files in ${manifest.imports.groups} groups), ${manifest.imports.perRequest} per-request calls of a client built in another module, and ${manifest.imports.silent} sites it must not report (exported helpers, module scope, memoised).${findingDifferences(manifest, findingsByFile)}`
  : 'not measured.';

const lines = [
  `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; load average ${machine.loadAverage.join(', ')} at the start, ${describeMachine().loadAverage.join(', ')} at the end.`,
  `Node ${versions.node}, ESLint ${versions.eslint}, TypeScript ${versions.typescript}, jscodeshift ${versions.jscodeshift}.`,
  `Synthetic repository: ${manifest.files} files, ${manifest.lines} lines, seed ${options.seed}; medians of ${options.reps}.`, '',
];
if (runs.ours) lines.push(lintTable(result), '', projectModelLine(result), '', floorLine(result), '', `Findings: ${findings}`, '');
if (runs.fix) lines.push(codemodTable(result), '', codemodCheck, '');
lines.push('Targets:', ...targetLines(result));
// `--only lint|codemod` is a quick look at one cost; the property step belongs to full runs.
let properties;
if (!values.only) {
  log(`Property tests on ${programs} generated programs per property`);
  properties = runProperties({ programs, typechecked: Math.min(programs, 2000) });
  if (!properties.ok) process.exitCode = 1;
  lines.push('', ...properties.lines);
}
console.log(lines.join('\n'));

if (resultsPath) {
  const document = resultsDocument({
    options, machine, machineAfter: describeMachine(), versions, manifest, runs, result, rssSource,
    checks: { findings, codemod: codemodCheck }, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(),
  });
  writeFileSync(resultsPath, properties ? `${document.trimEnd()}\n\n## Generated programs\n\n${properties.lines.join('\n')}\n` : document);
  log(`Wrote ${resultsPath}`);
} else {
  log('Quick run: bench/RESULTS.md left as it was (pass --out FILE to write one).');
}

if (keep) log(`Kept the synthetic repository at ${dir}`);
cleanUp();
