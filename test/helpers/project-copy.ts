import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCodemod } from '../../codemods/project.js';
import type { CodemodResult } from '../../codemods/types.js';
import { repoRoot } from './fixture-tree.js';

/** Writes a small project under `root`, with this repository's node_modules, so its code runs against real clients. */
export function layOutProject(root: string, project: Record<string, string>): void {
  for (const [file, text] of Object.entries(project)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
}

/** Runs the codemod over the project's JavaScript files and writes what it returns, as `redis-singleton fix` does. */
export function fixProject(root: string, project: Record<string, string>): CodemodResult {
  const sources = Object.keys(project).filter((file) => file.endsWith('.js'));
  const result = runCodemod({
    root,
    files: sources.map((file) => ({ path: path.join(root, file), source: project[file] })),
    // Read from disk, as `redis-singleton fix` does: the installed redis decides the API written.
    readFile: (absolute) => (existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined),
  });
  for (const [file, text] of result.writes) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return result;
}

/** The files a run wrote, relative to its root. */
export function writtenFiles(root: string, result: CodemodResult): string[] {
  return [...result.writes.keys()].map((file) => path.relative(root, file)).sort();
}

export async function importFrom<T>(root: string, file: string): Promise<T> {
  return (await import(pathToFileURL(path.join(root, file)).href)) as T;
}
