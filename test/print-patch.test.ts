/**
 * `fix --dry --print` is a patch a reviewer can apply: for every fixture, the patch printed in a
 * git copy of input/ passes `git apply --check` on a pristine copy, touches exactly the files
 * that differ between input/ and expected/, and once applied leaves expected/, tree for tree.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitAll, runCli } from './helpers/cli.js';
import { copyFixture, fixtureDir, fixturesRoot, readTree, removeFixtureCopy } from './helpers/fixture-tree.js';

const scenarios = readdirSync(fixturesRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const copies: string[] = [];
afterEach(async () => {
  for (const copy of copies.splice(0)) await removeFixtureCopy(copy);
});

async function fixtureCopy(scenario: string, inGit: boolean): Promise<string> {
  const root = await copyFixture(scenario, 'input');
  copies.push(root);
  if (inGit) {
    execFileSync('git', ['init', '--quiet'], { cwd: root });
    // The node_modules link of the copy is not part of the project.
    await appendFile(path.join(root, '.git', 'info', 'exclude'), 'node_modules\n');
    commitAll(root);
  }
  return root;
}

/** Files whose text differs between two trees, or that only one of them has. */
function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** The project's files, without the repository that holds them. */
async function projectTree(root: string): Promise<Map<string, string>> {
  return new Map([...(await readTree(root))].filter(([file]) => !file.startsWith('.git/')));
}

function gitApply(cwd: string, args: readonly string[], patch: string): string {
  return execFileSync('git', ['apply', ...args, '-'], { cwd, input: patch, encoding: 'utf8' });
}

describe('fix --dry --print on every fixture', () => {
  it('covers every scenario', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  it.each(scenarios)('%s: the printed patch applies to a pristine copy and yields expected/', async (scenario) => {
    const previewed = await fixtureCopy(scenario, true);
    const input = await readTree(fixtureDir(scenario, 'input'));
    const expected = await readTree(fixtureDir(scenario, 'expected'));

    const preview = await runCli(previewed, ['fix', '--dry', '--print']);
    expect(preview.stderr).toContain('Dry run: nothing was written.');
    expect(preview.code, preview.stderr).toBe(0);
    expect(await projectTree(previewed)).toEqual(input);

    const pristine = await fixtureCopy(scenario, false);
    const touched = changedFiles(input, expected);
    if (touched.length === 0) {
      expect(preview.stdout).toBe('');
      return;
    }
    // `--numstat` lists the files the patch names, one `added<TAB>removed<TAB>path` line each.
    const patched = gitApply(pristine, ['--numstat'], preview.stdout)
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t')[2])
      .sort();
    expect(patched).toEqual(touched);
    gitApply(pristine, ['--check'], preview.stdout);
    gitApply(pristine, [], preview.stdout);
    expect(await readTree(pristine)).toEqual(expected);
  });
});
