import { expect } from 'vitest';
import { describeProgram, lintTree, programRoot } from './harness.js';
import type { GeneratedProgram } from './program-render.js';
import { nextProgramId } from './settings.js';

/**
 * Lints a generated program and asserts the rule's findings are exactly its planted per-request sites: file, line,
 * column, shareable or not, the construction the message quotes, the reason's key word, and (for a call of an
 * imported factory) where the client is built. A failure shows the program's text.
 */
export async function expectPlantedFindings(program: GeneratedProgram): Promise<void> {
  const findings = await lintTree(programRoot(nextProgramId()), program.files);
  const planted = program.sites.filter((site) => site.perRequest);
  const text = describeProgram(program);
  expect(findings.map(({ file, line, column, hoistable }) => ({ file, line, column, hoistable })), text).toEqual(
    planted.map(({ file, line, column, hoistable }) => ({ file, line, column, hoistable })),
  );
  planted.forEach((site, index) => {
    expect(findings[index].message, text).toContain(`\`${site.construction}\``);
    if (site.reasonMentions !== undefined) expect(findings[index].message, text).toContain(site.reasonMentions);
    if (site.builtAt !== undefined) expect(findings[index].message, text).toContain(site.builtAt);
  });
}
