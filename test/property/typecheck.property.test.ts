/**
 * Property, in one batch: every generated TypeScript program type-checks against the real `ioredis`, `redis` and
 * `express` types, and still does after `fix`. One TypeScript program holds the whole sample (each project in
 * its own folder), which is what makes checking hundreds of projects affordable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWrites, describeProgram, fixTree, programRoot, typeCheckTrees } from './harness.js';
import { renderProgram } from './program-render.js';
import { programSpec } from './program-spec.js';
import { nextProgramId, PROPERTY_TIMEOUT_MS, SAMPLE_SEED, TYPECHECKED_PROGRAMS } from './settings.js';

const typescriptSpec = programSpec.filter((spec) => spec.language.startsWith('ts'));

describe('fix on generated TypeScript programs', () => {
  it(`type-checks ${TYPECHECKED_PROGRAMS} programs before and after the rewrite (FC_SEED=${SAMPLE_SEED})`, () => {
    const programs = fc.sample(typescriptSpec, { seed: SAMPLE_SEED, numRuns: TYPECHECKED_PROGRAMS }).map((spec) => {
      const program = renderProgram(spec);
      const root = programRoot(nextProgramId());
      const result = fixTree(root, program.files);
      return { program, output: applyWrites(root, program.files, result), rewritten: result.writes.size > 0 };
    });
    const rewritten = programs.filter((entry) => entry.rewritten);
    const diagnostics = typeCheckTrees([...programs.map((entry) => entry.program.files), ...rewritten.map((entry) => entry.output)]);
    const before = diagnostics.slice(0, programs.length);
    const after = diagnostics.slice(programs.length);

    const failures = [
      ...programs.flatMap((entry, index) => (before[index].length > 0 ? [`generated program does not type-check: ${before[index].join('; ')}\n${describeProgram(entry.program)}`] : [])),
      ...rewritten.flatMap((entry, index) =>
        after[index].length > 0 ? [`fix output does not type-check: ${after[index].join('; ')}\n${describeProgram(entry.program)}\n// ---- after fix\n${describeProgram({ files: entry.output })}`] : [],
      ),
    ];
    expect(failures).toEqual([]);
    // The sample must exercise the rewrite, or the check after it proves nothing.
    expect(rewritten.length).toBeGreaterThan(TYPECHECKED_PROGRAMS / 10);
  }, PROPERTY_TIMEOUT_MS);
});
