/**
 * How many programs a property draws and from which seed. `npm test` draws 1,000 from a fresh seed each run;
 * `npm run bench` draws 10,000. A failure prints its seed and path: `FC_SEED=<seed> FC_PATH=<path>` replays it.
 */
import type { Parameters } from 'fast-check';

function wholeNumber(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${text}"; unset it to use the default.`);
  return value;
}

export const PROGRAMS = wholeNumber('FC_NUM_RUNS') ?? 1000;
/** TypeScript checks many programs in one batch, but still costs more per program than lint and fix together. */
export const TYPECHECKED_PROGRAMS = wholeNumber('FC_TYPECHECK_RUNS') ?? 300;
/** The seed for samples drawn outside a property (the type-check batch): `FC_SEED`, or a fresh one shown in the test name. */
export const SAMPLE_SEED = wholeNumber('FC_SEED') ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;

export function propertyParameters<T>(): Parameters<T> {
  const seed = wholeNumber('FC_SEED');
  const path = process.env.FC_PATH;
  return { numRuns: PROGRAMS, ...(seed === undefined ? {} : { seed }), ...(path ? { path } : {}) };
}

/**
 * A safety net for a loaded machine, not a speed check (the suite's default of 60 s is too tight for 2 shared
 * cores): `npm test`'s runs take well under a minute; the bench's 10,000 programs take minutes.
 */
export const PROPERTY_TIMEOUT_MS = Math.max(240_000, 250 * Math.max(PROGRAMS, TYPECHECKED_PROGRAMS));

/** Each drawn program gets its own root folder, so no two share a path in the codemod's or TypeScript's view. */
let programs = 0;
export function nextProgramId(): number {
  return programs++;
}
