import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { PathMatcher } from './ignore-patterns.js';

/** The folders from `relativePath`'s own folder up to the root (''), deepest first. */
function enclosingFolders(relativePath: string): string[] {
  const folders: string[] = [];
  for (let folder = path.posix.dirname(relativePath); folder !== '.'; folder = path.posix.dirname(folder)) folders.push(folder);
  return [...folders, ''];
}

/**
 * The `.gitignore` files of a project that git does not manage (inside a work tree git itself
 * lists the files): each applies to its folder and below, and the deepest one that decides wins.
 */
export function matchGitignoreFiles(root: string): PathMatcher {
  const rulesByFolder = new Map<string, Ignore | undefined>();
  const rulesIn = (folder: string): Ignore | undefined => {
    if (!rulesByFolder.has(folder)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.join(root, folder, '.gitignore'), 'utf8');
      } catch {
        // No .gitignore here (or unreadable, which git treats the same way).
      }
      rulesByFolder.set(folder, text === undefined ? undefined : ignore().add(text));
    }
    return rulesByFolder.get(folder);
  };
  return (relativePath, isDirectory) => {
    for (const folder of enclosingFolders(relativePath)) {
      const rules = rulesIn(folder);
      if (rules === undefined) continue;
      const below = folder === '' ? relativePath : relativePath.slice(folder.length + 1);
      const { ignored, unignored } = rules.test(isDirectory ? `${below}/` : below);
      if (ignored || unignored) return ignored;
    }
    return false;
  };
}
