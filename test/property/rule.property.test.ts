/**
 * Property: over generated handler programs (program-spec.ts), the rule reports exactly the constructions the
 * generator planted as per-request, at their file, line and column, says which can be shared and why not, and
 * never throws.
 */
import { it } from '@fast-check/vitest';
import { describe } from 'vitest';
import { expectPlantedFindings } from './planted-findings.js';
import { renderProgram } from './program-render.js';
import { programSpec, type ProgramSpec } from './program-spec.js';
import { PROPERTY_TIMEOUT_MS, propertyParameters } from './settings.js';

describe('the rule on generated programs', () => {
  it.prop([programSpec], propertyParameters<[ProgramSpec]>())('reports exactly the planted per-request sites', async (spec) => {
    await expectPlantedFindings(renderProgram(spec));
  }, PROPERTY_TIMEOUT_MS);
});
