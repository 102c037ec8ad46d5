/**
 * Property: over generated handler programs (program-spec.ts), the rule reports exactly the constructions the
 * generator planted as per-request, at their file, line and column, says which can be shared and why not, and
 * never throws.
 */
import { it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { describeProgram, lintTree, programRoot } from './harness.js';
import { renderProgram } from './program-render.js';
import { programSpec, type ProgramSpec } from './program-spec.js';
import { nextProgramId, propertyParameters } from './settings.js';

describe('the rule on generated programs', () => {
  it.prop([programSpec], propertyParameters<[ProgramSpec]>())('reports exactly the planted per-request sites', async (spec) => {
    const program = renderProgram(spec);
    const findings = await lintTree(programRoot(nextProgramId()), program.files);
    const planted = program.sites.filter((site) => site.perRequest);
    const text = describeProgram(program);
    expect(findings.map(({ file, line, column, hoistable }) => ({ file, line, column, hoistable })), text).toEqual(
      planted.map(({ file, line, column, hoistable }) => ({ file, line, column, hoistable })),
    );
    planted.forEach((site, index) => {
      expect(findings[index].message, text).toContain(`\`${site.construction}\``);
      if (site.reasonMentions !== undefined) expect(findings[index].message, text).toContain(site.reasonMentions);
    });
  });
});
