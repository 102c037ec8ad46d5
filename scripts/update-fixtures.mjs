#!/usr/bin/env node
// Regenerates fixtures/<scenario>/expected by running the built CLI on a copy of input/.
// The result is the contract test/fixtures.test.ts holds the codemod to: review its diff like code.
//
//   npm run fixtures:update                 every scenario
//   npm run fixtures:update -- express      only the named scenarios
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { chmod, cp, lstat, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const fixturesRoot = path.join(repoRoot, 'fixtures');
const cliPath = path.join(repoRoot, 'dist', 'cli', 'index.js');

/** Relative path (forward slashes) → text for every file under dir, without the node_modules link. */
async function readTree(dir) {
  const tree = new Map();
  if (!existsSync(dir)) return tree;
  async function walk(relativeFolder) {
    for (const entry of await readdir(path.join(dir, relativeFolder), { withFileTypes: true })) {
      const relativePath = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
      if (entry.name === 'node_modules' && entry.isSymbolicLink()) continue;
      if ((await lstat(path.join(dir, relativePath))).isDirectory()) await walk(relativePath);
      else tree.set(relativePath, await readFile(path.join(dir, relativePath), 'utf8'));
    }
  }
  await walk('');
  return tree;
}

function describeChange(before, after) {
  const added = [...after.keys()].filter((file) => !before.has(file));
  const removed = [...before.keys()].filter((file) => !after.has(file));
  const modified = [...after.keys()].filter((file) => before.has(file) && before.get(file) !== after.get(file));
  return [
    ...added.map((file) => `    added    ${file}`),
    ...removed.map((file) => `    removed  ${file}`),
    ...modified.map((file) => `    modified ${file}`),
  ];
}

async function listScenarios() {
  const entries = await readdir(fixturesRoot, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(fixturesRoot, entry.name, 'input')))
    .map((entry) => entry.name)
    .sort();
}

/** Runs `fix` on a scratch copy of input/ and returns the resulting tree, or an error text. */
async function fixedTree(scenario) {
  // Outside any git work tree, like the fixture tests; --force keeps the CLI from asking for one.
  const scratch = await mkdtemp(path.join(realpathSync(os.tmpdir()), `redis-singleton-update-${scenario}-`));
  try {
    await cp(path.join(fixturesRoot, scenario, 'input'), scratch, { recursive: true });
    await symlink(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
    const run = spawnSync(process.execPath, [cliPath, 'fix', '--force', scratch], { encoding: 'utf8' });
    // 0: done; 1: some file failed, which the expected tree records as it is.
    if (run.status !== 0 && run.status !== 1) {
      return { error: `the CLI exited with ${run.status ?? run.signal}\n${run.stdout}${run.stderr}` };
    }
    return { exitCode: run.status, output: run.stdout + run.stderr, tree: await readTree(scratch), scratch };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

async function main() {
  if (!existsSync(cliPath)) {
    console.error(`${path.relative(repoRoot, cliPath)} is missing: run \`npm run build\` first (\`npm run fixtures:update\` does).`);
    return 2;
  }
  const known = await listScenarios();
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    console.error(`No fixture named ${unknown.join(', ')}; the scenarios are: ${known.join(', ')}.`);
    return 2;
  }

  let failed = 0;
  for (const scenario of requested.length > 0 ? requested : known) {
    const result = await fixedTree(scenario);
    if (result.error !== undefined) {
      failed++;
      console.error(`failed    ${scenario}: ${result.error}`);
      continue;
    }
    const expectedDir = path.join(fixturesRoot, scenario, 'expected');
    try {
      const changes = describeChange(await readTree(expectedDir), result.tree);
      const exitNote = result.exitCode === 0 ? '' : ` (the CLI exited with ${result.exitCode})`;
      if (changes.length === 0) {
        console.log(`unchanged ${scenario}${exitNote}`);
      } else {
        await rm(expectedDir, { recursive: true, force: true });
        await cp(result.scratch, expectedDir, {
          recursive: true,
          filter: (source) => source !== path.join(result.scratch, 'node_modules'),
        });
        // The scratch folder is private (0700); expected/ is an ordinary project folder.
        await chmod(expectedDir, 0o755);
        console.log(`changed   ${scenario}${exitNote}\n${changes.join('\n')}`);
      }
      if (result.exitCode !== 0) console.log(result.output.trimEnd().replace(/^/gm, '    | '));
    } finally {
      await rm(result.scratch, { recursive: true, force: true });
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
