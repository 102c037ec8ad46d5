import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { isWithin, toRelative } from './paths.js';

export interface Targets {
  /**
   * Real path of the project root: the nearest folder at or above the first path holding package.json,
   * but never above the top of the git work tree that holds it.
   */
  root: string;
  /** Real absolute paths of the files and folders to process, all inside `root`. */
  paths: string[];
}

function findProjectRoot(start: string): string {
  const startFolder = statSync(start).isDirectory() ? start : path.dirname(start);
  for (let folder = startFolder; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    // A repository's top (`.git` is a folder, or a file in worktrees and submodules): a package.json above it belongs to someone else.
    if (existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return startFolder;
  }
}

/** Resolves the command's path arguments against `cwd`; a missing or foreign path is a usage error. */
export function resolveTargets(paths: readonly string[], cwd = process.cwd()): Targets {
  const given = paths.length > 0 ? paths : ['.'];
  const resolved = given.map((argument) => {
    const absolute = path.resolve(cwd, argument);
    if (!existsSync(absolute)) {
      throw new UsageError(`${argument} does not exist; pass files or folders of your project (default: the current folder).`);
    }
    return realpathSync(absolute);
  });
  const root = realpathSync(findProjectRoot(resolved[0]));
  for (const [index, absolute] of resolved.entries()) {
    if (!isWithin(root, absolute)) {
      throw new UsageError(
        `${given[index]} is outside the project root ${root}; run the command once per project.`,
      );
    }
  }
  return { root, paths: resolved };
}

/** `--singleton` as a path relative to the root, with forward slashes. */
export function resolveSingletonPath(root: string, singleton: string | undefined): string | undefined {
  if (singleton === undefined) return undefined;
  const absolute = path.resolve(root, singleton);
  if (absolute === root || !isWithin(root, absolute)) {
    throw new UsageError(`--singleton ${singleton} must name a file inside the project root ${root}, such as lib/redis.ts.`);
  }
  return toRelative(root, absolute);
}
