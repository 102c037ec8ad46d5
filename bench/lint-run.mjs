/**
 * One measured lint run, in its own process so its peak RSS is its own. Lints every .ts, .tsx and
 * .js file under --dir with @typescript-eslint/parser (untyped) and exactly one rule:
 *   --rule ours        redis-singleton/no-per-request-client from dist/index.js
 *   --rule no-debugger ESLint's core no-debugger
 *   --rule text-floor | imports-floor  the floor rules of bench/floor-rules.mjs (with --timed)
 * With --timed the rule is wrapped by timeRule() and registered as bench/<name>.
 * Prints one JSON line: wall time, the rule's own time, findings per file, fatal parse errors, max RSS,
 * and for our rule what its project models did (files analysed, module lookups and cache hits, summaries).
 */
import { ESLint } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tsParser from '@typescript-eslint/parser';
import { relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { floorRules } from './floor-rules.mjs';
import { timeRule } from './timed-rule.mjs';

const { values } = parseArgs({ options: { dir: { type: 'string' }, rule: { type: 'string' }, timed: { type: 'boolean', default: false }, plugin: { type: 'string' } } });
const FLOORS = ['text-floor', 'imports-floor'];
if (!values.dir || !['ours', 'no-debugger', ...FLOORS].includes(values.rule)) {
  console.error('usage: node bench/lint-run.mjs --dir DIR --rule ours|no-debugger|text-floor|imports-floor [--timed] [--plugin dist/index.js]');
  process.exit(2);
}

const pluginEntry = new URL(values.plugin ?? '../dist/index.js', import.meta.url);
const floor = FLOORS.includes(values.rule);
const ruleName = values.rule === 'ours' ? 'no-per-request-client' : floor ? values.rule : 'no-debugger';
let rule;
let plugin;
if (values.rule === 'ours') {
  plugin = (await import(pluginEntry)).default;
  rule = plugin.rules[ruleName];
} else if (floor) {
  rule = (await floorRules(pluginEntry)).rules[ruleName];
} else {
  rule = builtinRules.get(ruleName);
}

let clock;
let plugins;
let ruleId;
if (values.timed) {
  const timed = timeRule(rule);
  clock = timed.clock;
  plugins = { bench: { meta: { name: 'bench' }, rules: { [ruleName]: timed.rule } } };
  ruleId = `bench/${ruleName}`;
} else if (floor) {
  console.error('the floor rules run only with --timed');
  process.exit(2);
} else if (values.rule === 'ours') {
  plugins = { 'redis-singleton': plugin };
  ruleId = `redis-singleton/${ruleName}`;
} else {
  plugins = {};
  ruleId = ruleName;
}

const started = process.hrtime.bigint();
const eslint = new ESLint({
  cwd: values.dir,
  overrideConfigFile: true,
  overrideConfig: [{
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } }, sourceType: 'module', ecmaVersion: 'latest' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins,
    rules: { [ruleId]: 'error' },
  }],
});
const results = await eslint.lintFiles(['.']);
const wallNanoseconds = process.hrtime.bigint() - started;
// The project model module of the same build as the plugin holds the counters the rule incremented.
const projectModel = values.rule === 'ours' ? await import(new URL('core/project/project-model.js', pluginEntry)) : undefined;
const parse = values.rule === 'ours' ? await import(new URL('core/project/parse.js', pluginEntry)) : undefined;

let findings = 0;
const findingsByFile = {};
const fatal = [];
for (const result of results) {
  const file = relative(values.dir, result.filePath).split(sep).join('/');
  for (const message of result.messages) {
    if (message.fatal) fatal.push(`${file}:${message.line}: ${message.message}`);
    else if (message.ruleId === ruleId) {
      findings++;
      findingsByFile[file] = (findingsByFile[file] ?? 0) + 1;
    }
  }
}
console.log(JSON.stringify({
  rule: values.rule,
  timed: values.timed,
  files: results.length,
  wallMs: Number(wallNanoseconds) / 1e6,
  ruleMs: clock ? Number(clock.nanoseconds) / 1e6 : null,
  creates: clock?.creates ?? null,
  listenerCalls: clock?.listenerCalls ?? null,
  findings,
  findingsByFile,
  fatal: fatal.slice(0, 20),
  fatalCount: fatal.length,
  maxRssKb: process.resourceUsage().maxRSS,
  projectModel: projectModel ? projectModel.ruleModelTotals() : null,
  // The modules the rule parsed itself (ESLint calls the parser directly, not through parseFile).
  parse: parse?.parseTotals ?? null,
}));
