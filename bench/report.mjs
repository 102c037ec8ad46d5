/** Turns the measured runs into the table printed on stdout and the RESULTS.md document. */

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const seconds = (ms) => (ms / 1000).toFixed(2);
const millis = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const signedSeconds = (ms) => (ms == null ? 'n/a' : `${ms >= 0 ? '+' : '−'}${Math.abs(ms / 1000).toFixed(2)} s`);
const cpuSeconds = (ms) => (ms == null ? 'n/a' : seconds(ms));
const megabytes = (kb) => (kb == null ? 'n/a' : String(Math.round(kb / 1024)));
const percent = (fraction) => `${(fraction * 100).toFixed(3)}%`;
const times = (ratio) => `${ratio.toFixed(2)}×`;
const verdict = (met) => (met ? 'met' : '**not met**');

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export const targets = { ruleVsNoDebugger: 3, ruleShare: 0.005, codemodVsNoop: 0.3 };

/** Medians of every measured quantity, and the figures the targets are judged on. */
export function summarise(runs) {
  const pick = (kind, field) => runs[kind]?.map((run) => run[field]).filter((value) => value != null) ?? [];
  const med = (kind, field) => (pick(kind, field).length > 0 ? median(pick(kind, field)) : null);
  const summary = {};
  for (const kind of Object.keys(runs)) {
    summary[kind] = { wallMs: med(kind, 'wallMs'), processMs: med(kind, 'processMs'), cpuMs: med(kind, 'cpuMs'), ruleMs: med(kind, 'ruleMs'), maxRssKb: med(kind, 'maxRssKb'), findings: med(kind, 'findings') };
  }
  const figures = {};
  if (summary['ours-timed'] && summary['no-debugger-timed']) {
    figures.ruleVsNoDebugger = summary['ours-timed'].ruleMs / summary['no-debugger-timed'].ruleMs;
    figures.ruleShare = median(runs['ours-timed'].map((run) => run.ruleMs / run.wallMs));
    figures.noDebuggerShare = median(runs['no-debugger-timed'].map((run) => run.ruleMs / run.wallMs));
  }
  if (summary.ours && summary['no-debugger']) {
    figures.lintWallDelta = summary.ours.wallMs - summary['no-debugger'].wallMs;
    if (summary.ours.cpuMs != null && summary['no-debugger'].cpuMs != null) figures.lintCpuDelta = summary.ours.cpuMs - summary['no-debugger'].cpuMs;
  }
  figures.noDebuggerListenerCalls = runs['no-debugger-timed']?.[0]?.listenerCalls ?? null;
  // The floor: what every file costs a rule that follows imports, and the rule's own parses.
  const shareOf = (kind) => (runs[kind]?.length ? median(runs[kind].map((run) => run.ruleMs / run.wallMs)) : null);
  figures.textFloorShare = shareOf('text-floor-timed');
  figures.importsFloorShare = shareOf('imports-floor-timed');
  const parsing = runs['ours-timed']?.filter((run) => run.parse) ?? [];
  if (parsing.length > 0) {
    figures.parse = { files: parsing[0].parse.files, ms: median(parsing.map((run) => run.parse.milliseconds)), share: median(parsing.map((run) => run.parse.milliseconds / run.wallMs)) };
    if (figures.importsFloorShare != null) figures.floorShare = figures.importsFloorShare + figures.parse.share;
  }
  // The model's counts are the same in every run of our rule (same tree, same build): the first one stands for all.
  const model = (runs['ours-timed'] ?? runs.ours)?.find((run) => run.projectModel)?.projectModel;
  if (model) {
    figures.projectModel = model;
    figures.cacheHitRate = model.lookups > 0 ? model.hits / model.lookups : null;
    if (summary['ours-timed'] && model.analysedFiles > 0) figures.ruleMsPerAnalysedFile = summary['ours-timed'].ruleMs / model.analysedFiles;
  }
  if (summary.fix && summary.noop) figures.codemodVsNoop = summary.fix.processMs / summary.noop.processMs;
  return { summary, figures };
}

export function lintTable({ summary, figures }) {
  const row = (kind, label) => {
    const s = summary[kind];
    if (!s) return null;
    const shares = { 'ours-timed': figures.ruleShare, 'no-debugger-timed': figures.noDebuggerShare, 'text-floor-timed': figures.textFloorShare, 'imports-floor-timed': figures.importsFloorShare };
    const share = shares[kind] == null ? '' : percent(shares[kind]);
    return [label, seconds(s.wallMs), seconds(s.processMs), cpuSeconds(s.cpuMs), s.ruleMs == null ? '' : millis(s.ruleMs), share, megabytes(s.maxRssKb), String(s.findings)];
  };
  return table(['ESLint run (one rule)', 'lint wall (s)', 'process wall (s)', 'process CPU (s)', 'rule own time (ms)', 'rule share of run', 'peak RSS (MB)', 'findings'], [
    row('ours', '`redis-singleton/no-per-request-client`'),
    row('no-debugger', '`no-debugger`'),
    row('ours-timed', '`bench/no-per-request-client` (timed wrapper)'),
    row('no-debugger-timed', '`bench/no-debugger` (timed wrapper)'),
    row('text-floor-timed', '`bench/text-floor`: each file\'s name and text, searched once'),
    row('imports-floor-timed', '`bench/imports-floor`: that, and the imports of each file that names no client module'),
  ].filter(Boolean));
}

/** One line on what the rule's project model did: the cost of seeing imports. */
export function projectModelLine({ figures }) {
  const model = figures.projectModel;
  if (!model) return 'Project model: not reported by this build.';
  const hitRate = figures.cacheHitRate == null ? 'n/a' : `${(figures.cacheHitRate * 100).toFixed(1)}%`;
  const perFile = figures.ruleMsPerAnalysedFile == null ? 'n/a (no timed run)' : `${millis(figures.ruleMsPerAnalysedFile)} ms`;
  return `Project model: ${model.analysedFiles} files analysed, ${model.summarised} modules summarised (${model.parsed} parsed), ${model.lookups} summary lookups with ${model.hits} cache hits (hit rate ${hitRate}); ${model.indexedFiles ?? 'n/a'} files listed in the relevance index; rule own time per analysed file ${perFile}.`;
}

/** What any rule that follows imports pays on this tree before it analyses anything, against the rule's own time. */
export function floorLine({ summary, figures }) {
  if (figures.importsFloorShare == null || !figures.parse) return 'Floor: not measured in this run.';
  const ms = (kind) => millis(summary[kind].ruleMs);
  return `Floor of the rule's own time: reading each file's name and text once costs ${ms('text-floor-timed')} ms (${percent(figures.textFloorShare)} of its lint run); with the imports of each file that names no client module, ${ms('imports-floor-timed')} ms (${percent(figures.importsFloorShare)}); the rule's own parses of ${figures.parse.files} file${figures.parse.files === 1 ? '' : 's'} whose syntax tree ESLint had not handed it (modules it summarised, importers it read), ${millis(figures.parse.ms)} ms (${percent(figures.parse.share)} of its timed lint run). A rule that follows imports and parses with the parser ESLint runs pays at least ${percent(figures.floorShare)} of the lint run on this tree before it analyses anything.`;
}

export function codemodTable({ summary }) {
  const row = (kind, label) => (summary[kind] ? [label, seconds(summary[kind].processMs), cpuSeconds(summary[kind].cpuMs), megabytes(summary[kind].maxRssKb)] : null);
  return table(['Codemod run', 'wall (s)', 'CPU (s)', 'peak RSS (MB)'], [
    row('fix', '`redis-singleton fix --dry --force`'),
    row('noop', 'jscodeshift no-op transform, `--cpus 1`'),
  ].filter(Boolean));
}

export function targetLines({ summary, figures }) {
  const lines = [];
  if (figures.ruleVsNoDebugger != null) {
    lines.push(`- Rule own time vs \`no-debugger\`: ${times(figures.ruleVsNoDebugger)} (target ≤ ${targets.ruleVsNoDebugger}×): ${verdict(figures.ruleVsNoDebugger <= targets.ruleVsNoDebugger)}`);
    lines.push(`- Rule own time as a share of its lint run: ${percent(figures.ruleShare)} (target ≤ ${percent(targets.ruleShare)}): ${verdict(figures.ruleShare <= targets.ruleShare)}`);
  }
  if (figures.floorShare != null) {
    const position = figures.floorShare > targets.ruleShare ? 'above the share target' : 'within the share target';
    const noDebugger = summary['no-debugger-timed']?.ruleMs;
    const vsNoDebugger = noDebugger ? `; every file's name and text alone cost ${times(summary['text-floor-timed'].ruleMs / noDebugger)} \`no-debugger\`'s own time, with its imports ${times(summary['imports-floor-timed'].ruleMs / noDebugger)}` : '';
    lines.push(`- Floor of a rule that follows imports (every file's name, text and imports, plus the rule's own parses): ${percent(figures.floorShare)} of the lint run, ${position}${vsNoDebugger}`);
  }
  if (figures.codemodVsNoop != null) {
    lines.push(`- \`fix --dry\` wall vs jscodeshift no-op: ${times(figures.codemodVsNoop)} (target ≤ ${targets.codemodVsNoop}×): ${verdict(figures.codemodVsNoop <= targets.codemodVsNoop)}`);
  }
  return lines;
}

function rawRuns(runs) {
  const lines = [];
  for (const [kind, list] of Object.entries(runs)) {
    const cells = list.map((run) => `${seconds(run.wallMs)} s${run.ruleMs == null ? '' : ` / rule ${millis(run.ruleMs)} ms`} / CPU ${cpuSeconds(run.cpuMs)} s / ${megabytes(run.maxRssKb)} MB`);
    lines.push(`- ${kind}: ${cells.join('; ')}`);
  }
  return lines;
}

/** A warning next to the figures when other work shared the machine: seconds are then inflated, ratios less so. */
export function loadNote(machine, machineAfter) {
  const busiest = Math.max(machine.loadAverage[0], machineAfter.loadAverage[0]);
  if (busiest <= machine.cores) return '';
  return `**The machine was shared and loaded during this run** (1-minute load average ${machine.loadAverage[0]} at the start and ${machineAfter.loadAverage[0]} at the end, on ${machine.cores} cores): every wall time and the rule's own time are inflated by other work; shares and ratios are the figures to compare.\n\n`;
}

export function resultsDocument({ options, machine, machineAfter, versions, manifest, runs, result, checks, rssSource, startedAt, durationMs }) {
  const { redis } = manifest;
  const lintSection = `## Lint cost

ESLint Node API, \`@typescript-eslint/parser\` without type information, \`overrideConfigFile: true\`, one rule per run, every file of the tree.
"Lint wall" spans \`new ESLint()\` and \`lintFiles()\`; "process wall" adds Node start-up and module loading; CPU is user + system time of the process, which other load on the machine inflates less than wall time. The timed runs wrap \`create()\` and every listener of the rule with \`process.hrtime.bigint()\` (bench/timed-rule.mjs, the same wrapper for both rules); the share is the rule's own time over the lint wall of the same run.

${lintTable(result)}

${projectModelLine(result)} The rule's own time includes the files it does not analyse: listing the tree once, then for each file its imports (from the syntax tree ESLint built, and a text scan for \`require()\` and \`import()\`), checked by name against the modules that can reach a client; only imports that pass are resolved, and a file the run has already linted is not read from disk again.

${floorLine(result)} The floor rules are bench/floor-rules.mjs, built from the functions our rule runs for those steps.

Our rule's untimed run minus \`no-debugger\`'s: ${signedSeconds(result.figures.lintWallDelta)} lint wall, ${signedSeconds(result.figures.lintCpuDelta)} process CPU (both include run-to-run noise, which is why the rule's own time is measured directly).
${result.figures.noDebuggerListenerCalls === 0 ? "The tree has no `debugger` statement, so `no-debugger`'s listener never runs: its own time is `create()` plus the wrapper, the floor of this measurement.\n" : ''}
Findings: ${checks.findings}

`;
  const codemodSection = `## Codemod cost

\`node dist/cli/index.js fix --dry --force <tree>\` against \`jscodeshift -t bench/noop-transform.mjs --parser tsx --extensions ts,tsx,js --dry --silent --cpus 1 <tree>\`, whose transform parses each file and prints it back. Wall time is the whole child process seen from the parent.

${codemodTable(result)}

${checks.codemod}

`;
  return `# Benchmark results

Produced by \`npm run bench\` (\`node bench/run.mjs --files ${options.files} --seed ${options.seed} --reps ${options.reps}\`) on ${startedAt}; the run took ${Math.round(durationMs / 1000)} s.
Every figure is the median of ${options.reps} repetitions; each repetition is a fresh child process.

${loadNote(machine, machineAfter)}## Machine

- CPU: ${machine.cpu}, ${machine.cores} cores
- Memory: ${machine.memoryGiB} GiB
- OS: ${machine.os}
- Load average (1, 5, 15 min): ${machine.loadAverage.join(', ')} at the start, ${machineAfter.loadAverage.join(', ')} at the end
- Node ${versions.node}, ESLint ${versions.eslint}, TypeScript ${versions.typescript}, @typescript-eslint/parser ${versions['@typescript-eslint/parser']}, jscodeshift ${versions.jscodeshift}, eslint-plugin-redis-singleton ${versions['eslint-plugin-redis-singleton']}

## Synthetic repository

${manifest.files} files (${Object.entries(manifest.byExtension).map(([extension, count]) => `${count} \`${extension}\``).join(', ')}), ${manifest.lines} lines, ${(manifest.bytes / 2 ** 20).toFixed(1)} MiB, seed ${manifest.seed}, content digest \`${manifest.sha256.slice(0, 16)}\`.
Next.js pages and App Router handlers, Express routers and middleware, React components, pages and hooks, utilities, services, types, Lambda functions, scripts and vitest tests.
${redis.files} files (${((redis.files / manifest.files) * 100).toFixed(1)}%) build Redis clients: ${redis.perRequest} per-request sites (${redis.hoistable} hoistable, ${redis.notHoistable} not: subscriber, blocking, options from the request) and ${redis.runOnce} sites the rule must leave alone (module scope, memoised, \`globalThis\` guard, exported helpers (\`getClient()\`, a BRPOP worker) whose callers carry the report); ${redis.lookAlikes} more files only mention Redis (\`@upstash/redis\`, comments, strings).
${manifest.imports ? `${manifest.imports.files} files (${((manifest.imports.files / manifest.files) * 100).toFixed(1)}%) in ${manifest.imports.groups} groups reach a client through imports (${Object.entries(manifest.imports.byGroup).map(([group, count]) => `${count} ${group}`).join(', ')}): helper factories, a wrapper that re-exports or wraps a factory, a shared client routes \`.duplicate()\`, a class whose constructor builds a client; routes import them through the tsconfig alias \`@/…\` and relative paths. Planted: ${manifest.imports.perRequest} per-request calls the rule must report, ${manifest.imports.silent} sites it must not (the helpers' own constructions, module scope, memoised getter).\n` : ''}
${runs.ours ? lintSection : ''}${runs.fix ? codemodSection : ''}## Targets

${targetLines(result).join('\n')}

## Every repetition

Wall (lint wall for ESLint runs), rule own time where timed, CPU time and peak RSS of the process and its children (${rssSource}; for jscodeshift the peak is the larger of the parent and its one worker).

${rawRuns(runs).join('\n')}
`;
}
