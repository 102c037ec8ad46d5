#!/usr/bin/env node
/**
 * The property tests (test/property) on many more generated programs than `npm test` draws: 10,000 per property
 * by default, and 2,000 TypeScript programs in the type-check batch. Prints how many programs each property
 * drew, its seed, and every failure with its counterexample. Exit 0 when every property holds, 1 otherwise.
 *
 *   node bench/property.mjs [--programs 10000] [--typechecked 2000] [--seed N]
 *
 * bench/run.mjs runs it as its last step; `FC_SEED=<seed> FC_PATH=<path>` with vitest replays a failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs the property files through vitest with the given counts; resolves to printable lines and whether all held. */
export function runProperties({ programs = 10000, typechecked = 2000, seed } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'redis-singleton-property-'));
  const report = join(scratch, 'report.json');
  const env = { ...process.env, FC_NUM_RUNS: String(programs), FC_TYPECHECK_RUNS: String(typechecked) };
  if (seed !== undefined) env.FC_SEED = String(seed);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/property', '--testTimeout=0', '--reporter=json', `--outputFile=${report}`], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  let results;
  try {
    results = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    rmSync(scratch, { recursive: true, force: true });
    return { ok: false, lines: [`The property tests did not run (vitest exited with ${run.status}):`, run.stderr.trim() || run.stdout.trim()] };
  }
  rmSync(scratch, { recursive: true, force: true });
  const lines = [`Property tests: ${programs} generated programs per property, ${typechecked} TypeScript programs type-checked in one batch; ${seconds} s.`];
  let ok = results.numFailedTests === 0 && results.numTotalTests > 0;
  for (const file of results.testResults) {
    for (const test of file.assertionResults) {
      lines.push(`- ${test.status === 'passed' ? 'held' : '**failed**'}: ${test.fullName}`);
      for (const message of test.failureMessages ?? []) lines.push(indent(firstLines(message, 60)));
    }
    if (file.assertionResults.length === 0 && file.status !== 'passed') {
      ok = false;
      lines.push(`- **${file.name} did not run**: ${firstLines(file.message ?? '', 20)}`);
    }
  }
  return { ok, lines };
}

function firstLines(text, count) {
  const lines = text.split('\n');
  return lines.slice(0, count).join('\n') + (lines.length > count ? `\n… ${lines.length - count} more lines` : '');
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      programs: { type: 'string', default: '10000' },
      typechecked: { type: 'string', default: '2000' },
      seed: { type: 'string' },
    },
  });
  const programs = Number(values.programs);
  const typechecked = Number(values.typechecked);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(programs) || programs < 1) {
    process.stderr.write('bench: --programs must be a whole number of at least 1, for example --programs 2000.\n');
    process.exit(2);
  }
  if (!Number.isInteger(typechecked) || typechecked < 1) {
    process.stderr.write('bench: --typechecked must be a whole number of at least 1.\n');
    process.exit(2);
  }
  if (seed !== undefined && !Number.isInteger(seed)) {
    process.stderr.write('bench: --seed must be a whole number; leave it out for a fresh one.\n');
    process.exit(2);
  }
  const { ok, lines } = runProperties({ programs, typechecked, seed });
  console.log(lines.join('\n'));
  process.exit(ok ? 0 : 1);
}
