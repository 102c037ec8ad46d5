import type { Options } from '../../rules/no-per-request-client.js';
import type { TextAnchor } from './positions.js';

/**
 * One report the rule must make, decided from DESIGN.md before the snippet was linted; `at` (and `nth`) is the
 * text the construction starts with, e.g. `new Redis(` or `redis.duplicate(`, whose position is the report's line:column.
 */
export interface ExpectedReport extends TextAnchor {
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

/** A report in a multi-file project: where the client is built when that is another file or a member. */
export interface ProjectReport extends ExpectedReport {
  /** `file:line` (relative to the project folder) of the construction a factory call, `new` or `.duplicate()` reaches. */
  origin?: string;
}

/** A small on-disk project under test/projects/real-world/, shaped the way public projects spread a client across files. */
export interface ProjectCase {
  /** Unique; says the shape. */
  name: string;
  /** Folder name under test/projects/real-world/. */
  project: string;
  /** Why the expectation is what it is, citing the principle. */
  note: string;
  /** File (relative to the project) to its reports; every source file of the project not listed must have none. */
  expected: Record<string, ProjectReport[]>;
}
