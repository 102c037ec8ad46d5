// All rule cases, exported so other suites (the rule/codemod agreement test) can reuse them.
import { constructionCases } from './constructions.js';
import { exportedFactoryCases } from './exported-factories.js';
import { handlerCases } from './handlers.js';
import { neverReportedCases } from './never-reported.js';
import { optionInvalidCases, optionValidCases } from './options.js';
import { projectInvalidCases, projectValidCases } from './project.js';
import { runOnceCases } from './run-once.js';
import { suggestionCases } from './suggestions.js';
import type { Invalid, Valid } from './types.js';
import { unsafeCases } from './unsafe.js';

export {
  projectInvalidCases,
  projectValidCases,
  constructionCases,
  exportedFactoryCases,
  handlerCases,
  neverReportedCases,
  optionInvalidCases,
  optionValidCases,
  runOnceCases,
  suggestionCases,
  unsafeCases,
};
export type { Invalid, Valid };

export const valid: Valid[] = [...runOnceCases, ...neverReportedCases, ...optionValidCases, ...exportedFactoryCases, ...projectValidCases];

export const invalid: Invalid[] = [
  ...constructionCases,
  ...handlerCases,
  ...unsafeCases,
  ...suggestionCases,
  ...optionInvalidCases,
  ...projectInvalidCases,
];
