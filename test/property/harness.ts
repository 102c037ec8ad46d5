/**
 * What the properties run on a generated program: the rule through ESLint configured once (typescript-eslint's
 * parser for `.ts`, espree for `.js`), the codemod engine in process, and TypeScript over many programs in one batch.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { mayContainRedisClient, runCodemod } from '../../codemods/project.js';
import type { CodemodResult } from '../../codemods/types.js';
import rule from '../../rules/no-per-request-client.js';
import { TSCONFIG_OPTIONS, type GeneratedProgram } from './program-render.js';

const ruleId = 'redis-singleton/no-per-request-client';
/**
 * Programs are laid out on disk, so the project model resolves their imports as it does a user's: under a temp
 * folder with no segment the analysis reads as a role (`app`, `api`, `routes`…).
 */
export const virtualRoot = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-property-')));
afterAll(() => rmSync(virtualRoot, { recursive: true, force: true }));

/** Writes a tree under its root, replacing whatever an earlier run of the same program left there. */
function layOut(root: string, tree: Record<string, string>): void {
  rmSync(root, { recursive: true, force: true });
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Finding {
  file: string;
  line: number;
  column: number;
  hoistable: boolean;
  message: string;
}

const plugins = { 'redis-singleton': { rules: { 'no-per-request-client': rule as never } } };
const rules = { [ruleId]: 'error' as const };

/** One ESLint per module system, each configured once: building a config per file would cost more than the lint. */
function eslintFor(javascriptSourceType: 'module' | 'commonjs'): ESLint {
  return new ESLint({
    cwd: virtualRoot,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], plugins, languageOptions: { parser: tsParser }, rules },
      { files: ['**/*.js'], plugins, languageOptions: { sourceType: javascriptSourceType }, rules },
    ],
  });
}
const eslintByModuleType = { module: eslintFor('module'), commonjs: eslintFor('commonjs') };

export function programRoot(id: number): string {
  return path.posix.join(virtualRoot, `p${id}`);
}

const sourceFile = /\.[jt]s$/;

/** The rule's findings over every source file of a tree; a parse error or a crash of the rule is thrown with its text. */
export async function lintTree(root: string, tree: Record<string, string>, only?: (file: string) => boolean): Promise<Finding[]> {
  const moduleType = (JSON.parse(tree['package.json'] ?? '{}') as { type?: string }).type === 'module';
  const eslint = moduleType || Object.keys(tree).some((file) => file.endsWith('.ts')) ? eslintByModuleType.module : eslintByModuleType.commonjs;
  const findings: Finding[] = [];
  layOut(root, tree);
  for (const [file, text] of Object.entries(tree)) {
    if (!sourceFile.test(file) || (only && !only(file))) continue;
    const [result] = await eslint.lintText(text, { filePath: path.posix.join(root, file) });
    const foreign = result.messages.filter((message) => message.ruleId !== ruleId);
    if (foreign.length > 0) throw new Error(`${file} did not lint: ${foreign.map((message) => `${message.line}:${message.column} ${message.message}`).join('; ')}\n${text}`);
    for (const message of result.messages) {
      const hoistable = message.messageId === 'perRequestClient' || message.messageId === 'perRequestClientFrom';
      findings.push({ file, line: message.line, column: message.column, hoistable, message: message.message });
    }
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Runs the engine as `redis-singleton fix` does: files that may build a client are transformed, the rest only read. */
export function fixTree(root: string, tree: Record<string, string>): CodemodResult {
  layOut(root, tree);
  const sources = Object.keys(tree).filter((file) => sourceFile.test(file));
  const candidates = sources.filter((file) => mayContainRedisClient(tree[file]));
  return runCodemod({
    root,
    files: candidates.map((file) => ({ path: path.posix.join(root, file), source: tree[file] })),
    otherFiles: sources.filter((file) => !candidates.includes(file)).map((file) => path.posix.join(root, file)),
    readFile: (absolute) => tree[path.posix.relative(root, absolute)],
  });
}

/** The tree after the codemod's writes. */
export function applyWrites(root: string, tree: Record<string, string>, result: CodemodResult): Record<string, string> {
  return { ...tree, ...writtenFiles(root, result) };
}

/** The files a run writes, relative to the program's root. */
export function writtenFiles(root: string, result: CodemodResult): Record<string, string> {
  return Object.fromEntries([...result.writes].map(([absolute, text]) => [path.posix.relative(root, absolute), text]));
}

const checkRoot = path.join(repoRoot, '.tmp', 'property-typecheck');
const compilerOptions = ts.convertCompilerOptionsFromJson({ ...TSCONFIG_OPTIONS, noEmit: true, lib: ['es2023'] }, repoRoot).options;

/**
 * Type-checks the TypeScript files of many trees as one program (the trees stay in memory, under a folder of the
 * repository so `ioredis`, `redis` and `express` resolve to the real packages). Returns each tree's diagnostics.
 */
export function typeCheckTrees(trees: readonly Record<string, string>[]): string[][] {
  const virtual = new Map<string, string>();
  const owner = new Map<string, number>();
  trees.forEach((tree, index) => {
    for (const [file, text] of Object.entries(tree)) {
      if (!file.endsWith('.ts')) continue;
      const absolute = path.join(checkRoot, `t${index}`, file);
      virtual.set(absolute, text);
      owner.set(absolute, index);
    }
  });
  const virtualDirectories = new Set<string>();
  for (const file of virtual.keys()) for (let directory = path.dirname(file); directory.startsWith(checkRoot); directory = path.dirname(directory)) virtualDirectories.add(directory);
  const host = ts.createCompilerHost(compilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(fileName);
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile(fileName);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (directory) => virtualDirectories.has(directory) || (directoryExists ? directoryExists(directory) : true);
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: compilerOptions, host });
  const diagnostics: string[][] = trees.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const index = diagnostic.file ? owner.get(diagnostic.file.fileName) : undefined;
    const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    const text = `${diagnostic.file ? path.relative(path.join(checkRoot, `t${index}`), diagnostic.file.fileName) : ''}${where ? `:${where.line + 1}:${where.character + 1}` : ''} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    if (index === undefined) diagnostics.forEach((list) => list.push(text));
    else diagnostics[index].push(text);
  }
  return diagnostics;
}

/** A program as text a reader can paste into files: each file under a `// file:` header. */
export function describeProgram(program: Pick<GeneratedProgram, 'files'>): string {
  return Object.entries(program.files)
    .filter(([file]) => sourceFile.test(file))
    .map(([file, text]) => `// file: ${file}\n${text}`)
    .join('\n');
}
