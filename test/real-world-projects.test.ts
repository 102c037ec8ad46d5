/**
 * The rule on small multi-file projects (test/projects/real-world/) shaped the way public code spreads a Redis
 * client across files: a helper in lib/, the caller in a route, the run-once wrapper in utils/. Every source file of
 * a project is linted from its real path on disk, so imports resolve as they would in the user's editor. Each
 * finding was decided from DESIGN.md before the project was first linted: a failure is a disagreement to settle
 * against DESIGN.md, shown as `file line:column messageId context | reason @ origin`.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { describeExpected, describeMessage, ruleMessages, ruleOnlyConfig } from './real-world/lint.js';
import { positionOf } from './real-world/positions.js';
import { projectCases } from './real-world/projects.js';
import type { ProjectCase } from './real-world/types.js';

const projectsRoot = join(dirname(fileURLToPath(import.meta.url)), 'projects', 'real-world');
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;
/** What a line that builds a client looks like, to catch an `origin` that points at the wrong line. */
const CONSTRUCTION = /\bnew [\w.]+\(|\bcreate(?:Client|Cluster|Sentinel|ClientPool)\(|\.duplicate\(|\bsuper\(/;

/** Every source file of a project, relative to its folder, with `/` separators. */
function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative(folder, path).split(sep).join('/'));
    }
  };
  visit(folder);
  return files.sort();
}

/** How Node runs a JavaScript file: `.cjs`, and `.js` in a package without `"type": "module"`, are CommonJS. */
function sourceTypeOf(folder: string, file: string): 'module' | 'commonjs' {
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  if (TYPESCRIPT.test(file) || /\.m[jt]s$/.test(file)) return 'module';
  for (let directory = dirname(join(folder, file)); directory.startsWith(folder); directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
  }
  return 'commonjs';
}

function languageOptionsFor(folder: string, file: string): Linter.LanguageOptions {
  const sourceType = sourceTypeOf(folder, file);
  return TYPESCRIPT.test(file) ? { sourceType, parser: tsParser } : { sourceType, parserOptions: { ecmaFeatures: { jsx: file.endsWith('.jsx') } } };
}

const byPosition = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The rule's findings on every source file of the project, as `file line:column messageId context | reason @ origin`. */
function findings(projectCase: ProjectCase): string[] {
  const folder = join(projectsRoot, projectCase.project);
  const linter = new Linter({ configType: 'flat', cwd: folder });
  return sourceFiles(folder)
    .flatMap((file) => {
      const path = join(folder, file);
      const messages = ruleMessages(linter, readFileSync(path, 'utf8'), ruleOnlyConfig(languageOptionsFor(folder, file)), path, `${projectCase.project}/${file}`);
      return messages.map((message) => `${file} ${message.line}:${message.column} ${describeMessage(message)}`);
    })
    .sort(byPosition);
}

function expectedFindings(projectCase: ProjectCase): string[] {
  const folder = join(projectsRoot, projectCase.project);
  return Object.entries(projectCase.expected)
    .flatMap(([file, reports]) => {
      const code = readFileSync(join(folder, file), 'utf8');
      return reports.map((report) => {
        const { line, column } = positionOf(code, report);
        return `${file} ${line}:${column} ${describeExpected(report)}`;
      });
    })
    .sort(byPosition);
}

const reports = projectCases.flatMap((projectCase) => Object.entries(projectCase.expected).flatMap(([file, list]) => list.map((report) => ({ projectCase, file, report }))));

describe('real-world projects: the list itself', () => {
  it('has at least 40 cases with unique names, at least 15 that must stay silent and 12 that must report', () => {
    expect(projectCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(projectCases.map((projectCase) => projectCase.name)).size).toBe(projectCases.length);
    const silent = projectCases.filter((projectCase) => Object.values(projectCase.expected).every((list) => list.length === 0));
    expect(silent.length).toBeGreaterThanOrEqual(15);
    expect(projectCases.length - silent.length).toBeGreaterThanOrEqual(12);
  });

  it('uses every project folder, and only folders that exist', () => {
    const folders = readdirSync(projectsRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect([...new Set(projectCases.map((projectCase) => projectCase.project))].sort()).toEqual(folders);
  });

  it('names only source files of the project in its expectations', () => {
    const strays = projectCases.flatMap((projectCase) => {
      const files = new Set(sourceFiles(join(projectsRoot, projectCase.project)));
      return Object.keys(projectCase.expected).filter((file) => !files.has(file)).map((file) => `${projectCase.project}/${file}`);
    });
    expect(strays).toEqual([]);
  });

  it('states a reason exactly for the reports that cannot be shared', () => {
    const misstated = reports.filter(({ report }) => (report.messageId === 'perRequestClientUnsafe') !== (report.reason !== undefined));
    expect(misstated.map(({ projectCase, file }) => `${projectCase.name}: ${file}`)).toEqual([]);
  });

  it('points every origin at a line of the project that builds a client', () => {
    const wrong = reports.flatMap(({ projectCase, report }) => {
      if (report.origin === undefined) return [];
      const [file, line] = report.origin.split(':');
      const path = join(projectsRoot, projectCase.project, file);
      const text = existsSync(path) ? readFileSync(path, 'utf8').split('\n')[Number(line) - 1] : undefined;
      return text !== undefined && CONSTRUCTION.test(text) ? [] : [`${projectCase.name}: ${report.origin} is ${text === undefined ? 'not a line of the project' : `\`${text.trim()}\``}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe('real-world projects', () => {
  it.each(projectCases.map((projectCase) => [`${projectCase.name} (${projectCase.project})`, projectCase] as const))('%s', (_title, projectCase) => {
    expect(findings(projectCase)).toEqual(expectedFindings(projectCase));
  });
});
