import { execFileSync } from 'node:child_process';

/** What the CLI asks git: is this a work tree, which files does it see, what is uncommitted. */

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // Untracked trees can be large; the listing must never be cut short.
    maxBuffer: 1024 * 1024 * 1024,
  });
}

function isInsideGitWorkTree(dir: string): boolean {
  try {
    return git(dir, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    // Not a repository, or git is not installed: either way there is nothing to check.
    return false;
  }
}

/**
 * A project whose folder the enclosing repository ignores (a scratch copy under an ignored
 * folder) is not under git's care: treated as outside git, or discovery would find nothing.
 */
export function isGitManaged(dir: string): boolean {
  if (!isInsideGitWorkTree(dir)) return false;
  try {
    git(dir, ['check-ignore', '--quiet', '.']);
    return false;
  } catch {
    // Exit status 1: the folder is not ignored.
    return true;
  }
}

/** `targets` are paths relative to `cwd`; `:(literal)` keeps `[id].ts` from being read as a glob. */
function literalPathspecs(targets: readonly string[]): string[] {
  return targets.map((target) => `:(literal)${target === '' ? '.' : target}`);
}

/**
 * Tracked and untracked files that git does not ignore, relative to `cwd` with forward
 * slashes. `excludedFolders` are pruned by git itself so an unignored node_modules is not listed.
 */
export function gitVisibleFiles(cwd: string, targets: readonly string[], excludedFolders: Iterable<string>): string[] {
  const excludes = [...excludedFolders].map((folder) => `:(exclude,glob)**/${folder}/**`);
  const output = git(cwd, [
    'ls-files', '--cached', '--others', '--exclude-standard', '-z',
    '--', ...literalPathspecs(targets), ...excludes,
  ]);
  return output.split('\0').filter((entry) => entry !== '');
}

/** `git status --porcelain` lines for the targets: empty when the tree is clean there. */
export function uncommittedChanges(cwd: string, targets: readonly string[]): string[] {
  const output = git(cwd, ['status', '--porcelain', '--', ...literalPathspecs(targets)]);
  return output.split('\n').filter((line) => line !== '');
}
