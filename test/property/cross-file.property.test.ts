/**
 * The project model (DESIGN.md "Seeing the whole project") under generated programs. The same properties as rule.property.test.ts and fix.property.test.ts,
 * over programs that also draw the cross-file dimension: a factory exported by `lib/redis-factory` and called per
 * request in a handler. Expected: the call in the handler is reported, its message names where the client is
 * built (`lib/redis-factory.ts:4`), and the factory's own construction stays silent; `fix` moves what can be
 * shared and changes nothing on a second run.
 */
import { it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { applyWrites, describeProgram, fixTree, lintTree, programRoot, writtenFiles } from './harness.js';
import { expectPlantedFindings } from './planted-findings.js';
import { renderProgram } from './program-render.js';
import { programSpecs, type ProgramSpec } from './program-spec.js';
import { nextProgramId, PROPERTY_TIMEOUT_MS, propertyParameters } from './settings.js';

const crossFileSpec = programSpecs({ crossFileFactories: true });

describe('generated programs with a client factory in another file', () => {
  it.prop([crossFileSpec], propertyParameters<[ProgramSpec]>())('the rule reports the per-request call and names where the client is built', async (spec) => {
    await expectPlantedFindings(renderProgram(spec));
  }, PROPERTY_TIMEOUT_MS);

  it.prop([crossFileSpec], propertyParameters<[ProgramSpec]>())('fix moves what is hoistable, leaves the unsafe calls reported, and is idempotent', async (spec) => {
    const program = renderProgram(spec);
    const root = programRoot(nextProgramId());
    const result = fixTree(root, program.files);
    const output = applyWrites(root, program.files, result);
    const context = `${describeProgram(program)}\n// ---- after fix\n${describeProgram({ files: writtenFiles(root, result) })}`;
    const unsafe = program.sites.filter((site) => site.perRequest && !site.hoistable);

    expect(result.errors, context).toEqual([]);
    expect(result.sitesHoisted, context).toBe(program.sites.filter((site) => site.perRequest && site.hoistable).length);
    const remaining = await lintTree(root, output);
    expect(remaining.map(({ file, hoistable }) => ({ file, shareable: hoistable })), context).toEqual(unsafe.map(({ file }) => ({ file, shareable: false })));
    const second = fixTree(root, output);
    expect(second.errors, context).toEqual([]);
    expect(writtenFiles(root, second), context).toEqual({});
  }, PROPERTY_TIMEOUT_MS);
});
