/**
 * The rule and the codemod never disagree (DESIGN.md "Detection: one core, two front ends"). Over every rule case
 * and every fixture input/ tree: each site the rule reports is either rewritten by the codemod or listed by it as
 * skipped with the rule's own reason; each skipped site is one the rule reports as unsafe with that reason; a file
 * the rule reports nothing in is not rewritten; `sitesHoisted` counts the hoistable reports. This is an oracle
 * test: the checks are generated from the cases, each case stays literal in test/rules/cases.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { mayContainRedisClient, runCodemod } from '../codemods/project.js';
import type { CodemodResult } from '../codemods/types.js';
import rule from '../rules/no-per-request-client.js';
import { fixturesRoot, repoRoot } from './helpers/fixture-tree.js';
import { invalid, valid, type Valid } from './rules/cases/index.js';

const ruleId = 'redis-singleton/no-per-request-client';
// A folder name with no segment the analysis reads as a role (`app`, `api`, `pages`, `routes`, `functions`…).
const virtualRoot = '/agreement/project';

type RuleOptions = NonNullable<Valid['options']>[0];

/** One file as the rule sees it: its text and how ESLint parses it. */
interface LintTarget {
  path: string;
  source: string;
  config: Linter.Config;
  /** The project folder on disk, when the file is a real one whose imports resolve; else the virtual root. */
  root?: string;
}

/** A site the rule reported. */
interface Report {
  file: string;
  line: number;
  column: number;
  hoistable: boolean;
  construction: string;
  /** The `because …` part of an unsafe report, without its final period. */
  reason?: string;
  /** `file:line` where the client is built, for a report at a call of something built in another module. */
  origin?: string;
  message: string;
}

const SPAWN = /\.(?:duplicate|createPool)\(\)$/;
const UNSAFE = /^`(.+?)`(?: \(([^()\s]+:\d+)\))? opens a new Redis connection on .+, and it cannot simply be shared because (.+)\.$/s;
const HOISTABLE = /^`(.+?)`(?: \(([^()\s]+:\d+)\))? opens a new Redis connection on /;
/** Statements the codemod may take out of a caller of a rewritten helper: per-call close/connect and the `try` they left. */
const CALLER_CLEANUP_LINE = /^(?:await\s+)?[\w$.]+\.(?:quit|disconnect|close|destroy|end|connect)\(\);?$|^try \{$|^\} finally \{$|^\}$/;
// The comment above a removed close and the log after it that speak of closing go with it (DESIGN.md "Text").
const CLOSE_COMPANION_LINE = /^(?:\/\/|(?:console|logger|log)\.\w+\().*\b(?:clos(?:e|ed|ing)|disconnect(?:ed|ing)?|quit|connect(?:ed|ing)?)\b/i;

function ruleConfig(options: RuleOptions | undefined, languageOptions: Linter.LanguageOptions): Linter.Config {
  return {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    plugins: { 'redis-singleton': { rules: { 'no-per-request-client': rule as never } } },
    languageOptions,
    rules: { [ruleId]: options === undefined ? 'error' : ['error', options] },
  };
}

/** The rule's reports on one file; a parse error or any other message fails the test with its text. */
function lintFile(target: LintTarget, source = target.source): Report[] {
  const linter = new Linter({ configType: 'flat', cwd: target.root ?? virtualRoot });
  const messages = linter.verify(source, [target.config], target.path);
  const foreign = messages.filter((message) => message.ruleId !== ruleId);
  if (foreign.length > 0) {
    throw new Error(`${target.path} did not lint cleanly: ${foreign.map((message) => `${message.line}:${message.column} ${message.message}`).join('; ')}`);
  }
  return messages.map((message) => {
    const unsafe = UNSAFE.exec(message.message);
    const hoistable = HOISTABLE.exec(message.message);
    return {
      file: relativePath(target.path, target.root),
      line: message.line,
      column: message.column,
      hoistable: message.messageId === 'perRequestClient' || message.messageId === 'perRequestClientFrom',
      construction: unsafe?.[1] ?? hoistable?.[1] ?? '',
      reason: unsafe?.[3],
      origin: unsafe?.[2] ?? hoistable?.[2],
      message: message.message,
    };
  });
}

function relativePath(absolute: string, root = virtualRoot): string {
  return path.posix.relative(root, absolute);
}

const at = (report: { file: string; line: number; column: number }): string => `${report.file}:${report.line}:${report.column}`;

/** Each unsafe report as `construction | reason`, sorted: positions move when a rewrite removes lines above them. */
function unsafeSignatures(reports: readonly Report[]): string[] {
  return reports.filter((report) => !report.hoistable).map((report) => `${report.construction} | ${report.reason}`).sort();
}

/**
 * A file the rule reports nothing in may only lose per-call `quit()`/`connect()` statements on what a rewritten
 * helper returns (and the `try`/`finally` they emptied): every line of the output is a line of the input, in order.
 */
function onlyCallerCleanupRemoved(before: string, after: string): boolean {
  const input = before.split('\n').map((line) => line.trim());
  const output = after.split('\n').map((line) => line.trim());
  let cursor = 0;
  const removed: string[] = [];
  for (const line of output) {
    while (cursor < input.length && input[cursor] !== line) removed.push(input[cursor++]);
    if (cursor === input.length) return false;
    cursor++;
  }
  removed.push(...input.slice(cursor));
  const substantive = removed.filter((line) => line !== '');
  return substantive.some((line) => /\.(?:quit|disconnect|close|destroy|end|connect)\(/.test(line)) && substantive.every((line) => CALLER_CLEANUP_LINE.test(line) || CLOSE_COMPANION_LINE.test(line));
}

/**
 * Every disagreement between the rule's reports on `targets` and the codemod's result, as sentences naming the
 * site, what the rule said and what the codemod did. Empty when the two agree.
 */
function disagreements(targets: readonly LintTarget[], result: CodemodResult, sharedModules: ReadonlySet<string>, root = virtualRoot): string[] {
  const problems: string[] = [];
  const reportsByFile = new Map(targets.map((target) => [target.path, lintFile(target)]));
  const allReports = [...reportsByFile.values()].flat();
  // A report at a call of something built in another module is fixed where the client is built (its origin); a
  // `.duplicate()` of another module's client opens its connection here, so it is fixed (or skipped) here.
  const isLocal = (report: Report): boolean => report.origin === undefined || SPAWN.test(report.construction);
  const local = allReports.filter(isLocal);
  const throughImports = allReports.filter((report) => !isLocal(report));
  const hoistable = local.filter((report) => report.hoistable);
  const origins = new Map<string, Report[]>();
  for (const report of throughImports) origins.set(report.origin!, [...(origins.get(report.origin!) ?? []), report]);
  const originFiles = new Set([...origins.keys()].map((origin) => origin.replace(/:\d+$/, '')));
  const rewrittenHelperCallers = hoistable.length > 0 || origins.size > 0;

  for (const error of result.errors) problems.push(`the codemod could not process ${error.file}: ${error.message}`);

  for (const target of targets) {
    const reports = reportsByFile.get(target.path)!.filter(isLocal);
    const file = relativePath(target.path, root);
    const written = result.writes.get(target.path);
    const fileSkips = result.sitesSkipped.filter((skip) => skip.file === file);

    for (const report of reports.filter((candidate) => !candidate.hoistable)) {
      const skip = fileSkips.find((candidate) => candidate.line === report.line && candidate.column === report.column);
      if (!skip) problems.push(`${at(report)}: the rule reports it unsafe ("${report.reason}") but the codemod does not list it in sitesSkipped`);
      else if (skip.reason !== report.reason) {
        problems.push(`${at(report)}: the rule's reason is "${report.reason}" but the codemod skipped it because "${skip.reason}"`);
      }
    }

    const hoistableHere = reports.filter((report) => report.hoistable);
    if (hoistableHere.length > 0) {
      if (written === undefined) {
        for (const report of hoistableHere) problems.push(`${at(report)}: the rule reports \`${report.construction}\` as hoistable but the codemod did not rewrite ${file}`);
      } else {
        // The rewritten file: nothing hoistable left, every unsafe site still there.
        const after = lintFile(target, written).filter(isLocal);
        for (const report of after.filter((candidate) => candidate.hoistable)) {
          problems.push(`${at(report)} of the codemod's output for ${file}: the rule still reports "${report.message}"`);
        }
        const expected = unsafeSignatures(reports);
        const remaining = unsafeSignatures(after);
        if (JSON.stringify(expected) !== JSON.stringify(remaining)) {
          problems.push(`${file}: the unsafe sites before the rewrite were [${expected.join('; ')}], after it [${remaining.join('; ')}]`);
        }
      }
    } else if (written !== undefined && !sharedModules.has(file) && !originFiles.has(file)) {
      const callerCleanup = rewrittenHelperCallers && onlyCallerCleanupRemoved(target.source, written);
      if (!callerCleanup) problems.push(`${file}: the rule reports no hoistable site, yet the codemod rewrites it to:\n${written}`);
    }
  }

  // Each origin: rewritten when every report through it can share the connection, else skipped with a reason.
  let originsHoisted = 0;
  for (const [origin, reports] of origins) {
    const [file, line] = [origin.replace(/:\d+$/, ''), Number(origin.slice(origin.lastIndexOf(':') + 1))];
    const skip = result.sitesSkipped.find((candidate) => candidate.file === file && candidate.line === line);
    const unsafe = reports.filter((report) => !report.hoistable);
    // The same site reported in its own file too (its file calls it per request): counted there.
    const reportedThere = local.some((report) => report.file === file && report.line === line);
    if (unsafe.length > 0) {
      // The reasons can differ: a caller's says what its arguments read, the origin's what the export's options read.
      if (!skip) problems.push(`${origin}: reported unsafe through ${unsafe.map(at).join(', ')} ("${unsafe[0].reason}") but the codemod does not skip it`);
    } else if (reportedThere) {
      continue;
    } else if (skip) {
      problems.push(`${origin}: every report through it (${reports.map(at).join(', ')}) is hoistable, yet the codemod skipped it because "${skip.reason}"`);
    } else if (![...result.writes.keys()].some((written) => relativePath(written, root) === file)) {
      problems.push(`${origin}: reported through ${reports.map(at).join(', ')} but the codemod did not rewrite ${file}`);
    } else {
      originsHoisted++;
    }
  }

  for (const skip of result.sitesSkipped) {
    const report = local.find((candidate) => candidate.file === skip.file && candidate.line === skip.line && candidate.column === skip.column);
    if (origins.has(`${skip.file}:${skip.line}`)) continue;
    if (!report) problems.push(`${at(skip)}: the codemod skipped a site ("${skip.reason}") the rule does not report`);
    else if (report.hoistable) problems.push(`${at(skip)}: the codemod skipped a site ("${skip.reason}") the rule reports as hoistable`);
  }

  if (result.sitesHoisted !== hoistable.length + originsHoisted) {
    problems.push(`the rule reports ${hoistable.length} hoistable site(s) [${hoistable.map(at).join(', ')}] and ${originsHoisted} rewritten origin(s) but the codemod counts ${result.sitesHoisted} hoisted`);
  }

  // A write outside the linted files is the shared module, which must not build a client per call either.
  for (const [written, text] of result.writes) {
    if (!sharedModules.has(relativePath(written, root))) {
      if (!targets.some((target) => target.path === written)) {
        problems.push(`the codemod writes ${relativePath(written, root)}, which is neither a linted file nor a shared module it reports`);
      }
      continue;
    }
    const moduleTarget: LintTarget = { path: written, source: text, config: ruleConfig(undefined, { parser: tsParser, sourceType: 'module' }), root };
    for (const report of lintFile(moduleTarget)) problems.push(`the shared module ${report.file} it writes has a per-call site: ${at(report)} ${report.message}`);
  }
  if (allReports.length === 0 && result.modules.length > 0) {
    problems.push(`the rule reports nothing, yet the codemod touches modules ${JSON.stringify(result.modules)}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule cases

type RuleCase = Valid & { errors?: unknown };

/** The filename the rule tester gives a case without one. */
function caseFilename(ruleCase: RuleCase): string {
  const parserOptions = ruleCase.languageOptions?.parserOptions as { ecmaFeatures?: { jsx?: boolean } } | undefined;
  return ruleCase.filename ?? (parserOptions?.ecmaFeatures?.jsx ? 'react.tsx' : 'file.ts');
}

/** The same language options the rule tester builds: typescript-eslint's parser, ESM unless the case says otherwise. */
function caseLanguageOptions(ruleCase: RuleCase): Linter.LanguageOptions {
  const own = (ruleCase.languageOptions ?? {}) as Linter.LanguageOptions;
  return {
    ...own,
    parser: tsParser,
    parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(own.parserOptions as object | undefined) },
  };
}

function caseTitle(ruleCase: RuleCase, index: number, kind: string): string {
  const firstLine = ruleCase.code.split('\n').find((line) => line.trim() !== '' && !/^(?:import|const \w+ = require)\b/.test(line)) ?? '';
  return `${kind} #${index} ${caseFilename(ruleCase)}: ${firstLine.trim().slice(0, 60)}`;
}

function checkRuleCase(ruleCase: RuleCase): { problems: string[]; result: CodemodResult; reports: Report[] } {
  const options = ruleCase.options?.[0] as RuleOptions | undefined;
  const filename = caseFilename(ruleCase);
  // A case whose file lives in an on-disk project: lint and fix it with the rest of that project, so imports resolve.
  if (path.isAbsolute(filename)) return projectCaseCheck(ruleCase, filename, options);
  const filePath = path.posix.join(virtualRoot, filename);
  const target: LintTarget = { path: filePath, source: ruleCase.code, config: ruleConfig(options, caseLanguageOptions(ruleCase)) };
  const result = runCodemod({
    root: virtualRoot,
    files: [{ path: filePath, source: ruleCase.code }],
    readFile: () => undefined,
    sources: options?.sources,
    handlerNames: options?.handlerNames,
    onceWrappers: options?.onceWrappers,
    allowInFunctions: options?.allowInFunctions,
  });
  const sharedModules = new Set(result.modules.map((module) => module.path));
  return { problems: disagreements([target], result, sharedModules), result, reports: lintFile(target) };
}

function projectCaseCheck(ruleCase: RuleCase, filename: string, options: RuleOptions | undefined): { problems: string[]; result: CodemodResult; reports: Report[] } {
  let root = path.dirname(filename);
  while (!statSync(path.join(root, 'package.json'), { throwIfNoEntry: false })) root = path.dirname(root);
  const relative = path.relative(root, filename).split(path.sep).join('/');
  const { problems, result, targets } = treeCheck(root, { file: relative, source: ruleCase.code, config: ruleConfig(options, caseLanguageOptions(ruleCase)) }, options);
  return { problems, result, reports: lintFile(targets.find((target) => target.path === filename)!) };
}

/** Typed linting sees through type aliases that `check` and `fix`, which run without type information, cannot. */
const typedCase = (ruleCase: RuleCase): boolean => Boolean((ruleCase.languageOptions?.parserOptions as { project?: unknown } | undefined)?.project);

describe('the rule and the codemod agree on every rule case', () => {
  describe('valid cases: no report, no rewrite', () => {
    valid.filter((ruleCase) => !typedCase(ruleCase)).forEach((ruleCase, index) => {
      it(caseTitle(ruleCase, index, 'valid'), () => {
        const { problems, result, reports } = checkRuleCase(ruleCase);
        expect(reports).toEqual([]);
        expect(problems).toEqual([]);
        expect({ writes: [...result.writes.keys()], sitesHoisted: result.sitesHoisted, sitesSkipped: result.sitesSkipped, modules: result.modules }).toEqual({
          writes: [],
          sitesHoisted: 0,
          sitesSkipped: [],
          modules: [],
        });
      });
    });
  });

  describe('invalid cases: every report rewritten or skipped with its reason', () => {
    invalid.filter((ruleCase) => !typedCase(ruleCase)).forEach((ruleCase, index) => {
      it(caseTitle(ruleCase, index, 'invalid'), () => {
        const { problems, reports } = checkRuleCase(ruleCase);
        // The oracle only means something when the rule does report here, as the case says it does.
        expect(reports.length).toBeGreaterThan(0);
        expect(problems).toEqual([]);
      });
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Fixture input/ trees

const sourceFile = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const declarationFile = /\.d\.[cm]?ts$/;

function readInputTree(dir: string, relative = ''): Map<string, string> {
  const tree = new Map<string, string>();
  for (const name of readdirSync(path.join(dir, relative)).sort()) {
    const child = relative === '' ? name : `${relative}/${name}`;
    if (statSync(path.join(dir, child)).isDirectory()) for (const [file, text] of readInputTree(dir, child)) tree.set(file, text);
    else tree.set(child, readFileSync(path.join(dir, child), 'utf8'));
  }
  return tree;
}

/** The language options the fixture tests lint with: typescript-eslint for TypeScript, CommonJS `.js` without `"type": "module"`. */
function fixtureLanguageOptions(file: string, moduleType: boolean): Linter.LanguageOptions {
  if (/\.[cm]?tsx?$/.test(file)) return { parser: tsParser };
  if (file.endsWith('.cjs') || (file.endsWith('.js') && !moduleType)) return { sourceType: 'commonjs' };
  return { sourceType: 'module' };
}

const scenarios = readdirSync(fixturesRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && statSync(path.join(fixturesRoot, entry.name, 'input'), { throwIfNoEntry: false })?.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Lints and fixes a project folder on disk (its imports resolve), as `check` and `fix` would, and compares them. */
function treeDisagreements(root: string): string[] {
  return treeCheck(root).problems;
}

/** The same, with one file's text and lint config replaced (a rule case placed in an on-disk project). */
function treeCheck(
  root: string,
  override?: { file: string; source: string; config: Linter.Config },
  options?: RuleOptions,
): { problems: string[]; result: CodemodResult; targets: LintTarget[] } {
  const tree = readInputTree(root);
  if (override) tree.set(override.file, override.source);
  const manifest = JSON.parse(tree.get('package.json') ?? '{}') as { type?: string };
  const absolute = (file: string): string => path.posix.join(root, file);
  const sources = [...tree.keys()].filter((file) => sourceFile.test(file) && !declarationFile.test(file));
  const targets: LintTarget[] = sources.map((file) => ({
    path: absolute(file),
    source: tree.get(file)!,
    config: file === override?.file ? override.config : ruleConfig(options, fixtureLanguageOptions(file, manifest.type === 'module')),
    root,
  }));
  // As `redis-singleton fix` does: only files that may build a client are transformed; the rest are callers to read.
  const candidates = sources.filter((file) => mayContainRedisClient(tree.get(file)!));
  const result = runCodemod({
    root,
    files: candidates.map((file) => ({ path: absolute(file), source: tree.get(file)! })),
    otherFiles: sources.filter((file) => !candidates.includes(file)).map(absolute),
    readFile: (target) => tree.get(relativePath(target, root)),
    sources: options?.sources,
    handlerNames: options?.handlerNames,
    onceWrappers: options?.onceWrappers,
    allowInFunctions: options?.allowInFunctions,
  });
  const sharedModules = new Set(result.modules.map((module) => module.path));
  return { problems: disagreements(targets, result, sharedModules, root), result, targets };
}

describe('the rule and the codemod agree on every fixture input/ tree', () => {
  it('finds the fixture scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it.each(scenarios)('%s', (scenario) => {
    expect(treeDisagreements(realpathSync(path.join(fixturesRoot, scenario, 'input')))).toEqual([]);
  });
});

const projectsRoot = path.join(repoRoot, 'test/projects/real-world');
const projects = readdirSync(projectsRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe('the rule and the codemod agree on every multi-file real-world project', () => {
  it('finds the projects', () => {
    expect(projects.length).toBeGreaterThanOrEqual(40);
  });

  it.each(projects)('%s', (project) => {
    expect(treeDisagreements(realpathSync(path.join(projectsRoot, project)))).toEqual([]);
  });
});
