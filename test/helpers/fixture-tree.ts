/**
 * Fixture repos as file trees: copy one to a scratch project root, read a tree back as
 * path → text, so tests compare whole trees (extra or missing files fail).
 */
import { existsSync, realpathSync } from 'node:fs';
import { cp, lstat, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesRoot = path.join(repoRoot, 'fixtures');

export type FixtureSide = 'input' | 'expected';

// Real path: the CLI reports paths against the symlink-free project root.
const scratchRoot = realpathSync(os.tmpdir());
const scratchPrefix = 'redis-singleton-fixture-';

export function fixtureDir(scenario: string, which: FixtureSide): string {
  return path.join(fixturesRoot, scenario, which);
}

/**
 * Copies `fixtures/<scenario>/<which>` into a fresh temp folder outside any git work tree and
 * links the repository's node_modules into it, so imports of ioredis, next, … resolve there.
 * Returns the copy's root; remove it with `removeFixtureCopy`.
 */
export async function copyFixture(scenario: string, which: FixtureSide): Promise<string> {
  const source = fixtureDir(scenario, which);
  if (!existsSync(source)) {
    throw new Error(
      which === 'expected'
        ? `${source} does not exist: run \`npm run fixtures:update\` and review the new tree before committing it.`
        : `${source} does not exist: every scenario under fixtures/ needs an input/ project.`,
    );
  }
  const root = await mkdtemp(path.join(scratchRoot, `${scratchPrefix}${scenario}-${which}-`));
  await cp(source, root, { recursive: true });
  await symlink(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

/** Deletes a folder made by `copyFixture`, and refuses anything else. */
export async function removeFixtureCopy(root: string): Promise<void> {
  if (path.dirname(root) !== scratchRoot || !path.basename(root).startsWith(scratchPrefix)) {
    throw new Error(`${root} is not a fixture copy made by copyFixture; refusing to delete it.`);
  }
  await rm(root, { recursive: true, force: true });
}

/**
 * Every file under `dir` as relative path (forward slashes) → UTF-8 text, sorted by path.
 * The node_modules link that `copyFixture` adds is not part of the tree.
 */
export async function readTree(dir: string): Promise<Map<string, string>> {
  if (!existsSync(dir)) {
    throw new Error(`${dir} does not exist: run \`npm run fixtures:update\` to produce it, then review it.`);
  }
  const files: string[] = [];
  async function walk(relativeFolder: string): Promise<void> {
    for (const entry of await readdir(path.join(dir, relativeFolder), { withFileTypes: true })) {
      const relativePath = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
      if (entry.name === 'node_modules' && entry.isSymbolicLink()) continue;
      const stats = await lstat(path.join(dir, relativePath));
      if (stats.isDirectory()) await walk(relativePath);
      else files.push(relativePath);
    }
  }
  await walk('');
  files.sort();
  const tree = new Map<string, string>();
  for (const file of files) tree.set(file, await readFile(path.join(dir, file), 'utf8'));
  return tree;
}
