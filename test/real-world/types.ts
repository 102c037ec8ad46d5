import type { Options } from '../../rules/no-per-request-client.js';

/** One report the rule must make, decided from DESIGN.md before the snippet was linted. */
export interface ExpectedReport {
  /** The text the construction starts with, e.g. `new Redis(` or `redis.duplicate(`; its position is the report's line:column. */
  at: string;
  /** Which occurrence of `at` (1-based) when the text appears more than once. */
  nth?: number;
  messageId: 'perRequestClient' | 'perRequestClientUnsafe';
  /** The per-call context phrase the message names. */
  context: string;
  /** Why the client cannot be shared, for `perRequestClientUnsafe`. */
  reason?: string;
}

/** A snippet shaped the way real projects write it, with the file name that gives it its role. */
export interface RealWorldCase {
  name: string;
  filename: string;
  /** How the project runs the file; `.cjs` and CommonJS-style `.js` files say `commonjs`. */
  sourceType?: 'module' | 'commonjs';
  options?: Options[0];
  /** Where DESIGN.md needs reading closely: why the expectation is what it is. */
  note?: string;
  code: string;
  expected: ExpectedReport[];
}
