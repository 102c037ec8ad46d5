import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { DEFAULT_OPTIONS } from '../core/analyze.js';
import { ProjectModel } from '../core/project/project-model.js';
import plugin from '../index.js';
import { defaultIgnorePatterns, discoverSourceFiles } from './discover.js';
import { exitCodes } from './errors.js';
import { isGitManaged } from './git.js';
import { resolveTargets } from './project-root.js';
import { readRedisCandidates } from './read.js';
import type { Output } from './fix.js';

export interface CheckOptions {
  /** One of ESLint's built-in formatters. */
  format: 'stylish' | 'json';
  extensions: string[];
  ignore: string[];
}

const typeScriptExtensions = new Set(['ts', 'tsx', 'mts', 'cts']);

/** The package's own recommended config, so `check` needs no user config. */
function checkConfig(extensions: readonly string[]): Linter.Config[] {
  const typeScript = extensions.filter((extension) => typeScriptExtensions.has(extension));
  const javaScript = extensions.filter((extension) => !typeScriptExtensions.has(extension));
  const patterns = (list: readonly string[]): string[] => list.map((extension) => `**/*.${extension}`);
  const configs: Linter.Config[] = [
    { ignores: [...defaultIgnorePatterns] },
    {
      files: patterns(javaScript),
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: patterns(typeScript), languageOptions: { parser: tsParser } },
    { ...(plugin.configs.recommended as Linter.Config), files: patterns(extensions) },
  ];
  return configs.filter((config) => config.files === undefined || config.files.length > 0);
}

export async function runCheck(paths: readonly string[], options: CheckOptions, output: Output): Promise<number> {
  const { root, paths: targets } = resolveTargets(paths);
  const files = discoverSourceFiles({
    root, targets, extensions: options.extensions, ignore: options.ignore, useGit: isGitManaged(root),
  });
  // Files the text filter rules out cannot hold a finding, unless they import a project module that builds a
  // client (the rule reads those through the project model): ESLint never needs to parse the rest.
  const model = new ProjectModel({ ...DEFAULT_OPTIONS });
  const { candidates, errors } = readRedisCandidates(root, files, (file, source) => model.importsRelevantModule(file, source));

  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: checkConfig(options.extensions),
    globInputPaths: false,
    passOnNoPatterns: true,
  });
  const results = (await eslint.lintFiles(candidates.map((candidate) => candidate.path))).map(withoutForeignRules);
  const formatter = await eslint.loadFormatter(options.format);
  const report = await formatter.format(results);
  if (report !== '') output.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
  for (const { file, message } of errors) output.stderr.write(`${file}: ${message}\n`);

  const found = results.some((result) => result.messages.length > 0);
  return found || errors.length > 0 ? exitCodes.failed : exitCodes.done;
}

/**
 * Only this plugin's rules run, so a project's `eslint-disable` comments for its other rules would each read
 * "Definition for rule … was not found": those are the project's lint setup, not findings, and are dropped.
 */
function withoutForeignRules(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter((message) => message.ruleId === null || message.ruleId.startsWith(`${plugin.meta.namespace}/`));
  if (messages.length === result.messages.length) return result;
  const count = (severity: number, fixable: boolean): number =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    ...result,
    messages,
    errorCount: count(2, false),
    warningCount: count(1, false),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    fatalErrorCount: messages.filter((message) => message.fatal === true).length,
  };
}
