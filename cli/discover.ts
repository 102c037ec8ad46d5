import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { gitVisibleFiles } from './git.js';
import { matchGitignoreFiles } from './gitignore.js';
import { matchIgnorePatterns, type PathMatcher } from './ignore-patterns.js';
import { toRelative } from './paths.js';

/** Build output, dependencies and tool caches: never project source, never rewritten. */
export const skippedFolders: ReadonlySet<string> = new Set([
  'node_modules', 'dist', 'build', '.next', '.nuxt', '.output', '.svelte-kit',
  '.vercel', '.netlify', 'coverage', '.git',
]);

/** What no run scans, as ESLint `ignores` patterns: `check` hands the same list to ESLint. */
export const defaultIgnorePatterns: readonly string[] = [
  ...[...skippedFolders].map((folder) => `**/${folder}/`),
  '**/*.d.{ts,mts,cts}',
];

export const defaultExtensions = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'] as const;

export interface DiscoveryOptions {
  /** Real (symlink-free) absolute path of the project root. */
  root: string;
  /** Absolute files or folders inside `root`. */
  targets: readonly string[];
  /** Without the dot: `ts`, `mjs`. */
  extensions: readonly string[];
  /** `--ignore` globs, relative to the root, as in ESLint's `ignores`. */
  ignore: readonly string[];
  /** The root is inside a git work tree: list files through git so ignored ones drop out; else read .gitignore files. */
  useGit: boolean;
}

/** `--extensions ts,.tsx` → ['ts', 'tsx']. */
export function parseExtensions(list: string): string[] {
  const extensions = list.split(',').map((item) => item.trim().replace(/^\./, '')).filter((item) => item !== '');
  if (extensions.length === 0 || extensions.some((item) => !/^[\w.-]+$/.test(item))) {
    throw new UsageError(`--extensions ${JSON.stringify(list)} is not a list of file extensions; write it like ts,tsx,js.`);
  }
  return extensions;
}

/** A path is left out when it, or a folder above it, is matched: the folders are asked top-down, once each. */
function excludedPaths(matchers: readonly PathMatcher[]): (relativePath: string, isDirectory: boolean) => boolean {
  const folderVerdicts = new Map<string, boolean>();
  const matched = (relativePath: string, isDirectory: boolean): boolean =>
    matchers.some((matches) => matches(relativePath, isDirectory));
  const isFolderExcluded = (folder: string): boolean => {
    if (folder === '.') return false;
    let verdict = folderVerdicts.get(folder);
    if (verdict === undefined) {
      verdict = isFolderExcluded(path.posix.dirname(folder)) || matched(folder, true);
      folderVerdicts.set(folder, verdict);
    }
    return verdict;
  };
  return (relativePath, isDirectory) =>
    isDirectory ? isFolderExcluded(relativePath) : isFolderExcluded(path.posix.dirname(relativePath)) || matched(relativePath, false);
}

/** Source files under the targets, absolute and sorted, each real file once. */
export function discoverSourceFiles(options: DiscoveryOptions): string[] {
  const { root, targets, extensions, ignore, useGit } = options;
  const matchers = [matchIgnorePatterns([...defaultIgnorePatterns, ...ignore])];
  if (!useGit) matchers.push(matchGitignoreFiles(root));
  const isExcluded = excludedPaths(matchers);
  const suffixes = extensions.map((extension) => `.${extension}`);
  const isSource = (relativePath: string): boolean =>
    suffixes.some((suffix) => relativePath.endsWith(suffix)) && !isExcluded(relativePath, false);

  const relativeTargets = targets.map((target) => toRelative(root, target));
  const candidates = useGit
    ? gitVisibleFiles(root, relativeTargets, skippedFolders)
    : relativeTargets.flatMap((target) => walk(root, target, isExcluded));

  // Each real file once: under its own path when the targets hold it, else under its first symlink.
  const located = [...new Set(candidates)]
    .filter(isSource)
    .map((relativePath) => {
      const absolutePath = path.join(root, relativePath);
      return { absolutePath, realPath: regularFileRealPath(absolutePath) };
    });
  const seenRealPaths = new Set(
    located.filter(({ absolutePath, realPath }) => realPath === absolutePath).map(({ realPath }) => realPath),
  );
  const files: string[] = [];
  for (const { absolutePath, realPath } of located) {
    if (realPath === undefined) continue;
    if (realPath !== absolutePath) {
      if (seenRealPaths.has(realPath)) continue;
      seenRealPaths.add(realPath);
    }
    files.push(absolutePath);
  }
  return files.sort();
}

/** The real path of a file (following a symlink), or undefined for folders, dangling links, deleted files. */
function regularFileRealPath(absolutePath: string): string | undefined {
  try {
    if (!statSync(absolutePath).isFile()) return undefined;
    return lstatSync(absolutePath).isSymbolicLink() ? realpathSync(absolutePath) : absolutePath;
  } catch {
    return undefined;
  }
}

/** Files under a target (relative to root), outside git; excluded and symlinked folders are not entered. */
function walk(root: string, target: string, isExcluded: (relativePath: string, isDirectory: boolean) => boolean): string[] {
  const start = path.join(root, target);
  if (!statSync(start).isDirectory()) return [target];
  if (target !== '' && isExcluded(target, true)) return [];
  const found: string[] = [];
  const pending = [target];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relativePath = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!isExcluded(relativePath, true)) pending.push(relativePath);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        found.push(relativePath);
      }
    }
  }
  return found;
}
