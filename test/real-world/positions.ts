/** Where an expected report sits in a source text, found by the text the construction starts with. */

export interface TextAnchor {
  /** The text the construction starts with, e.g. `new Redis(` or `redis.duplicate(`. */
  at: string;
  /** Which occurrence of `at` (1-based) when the text appears more than once. */
  nth?: number;
}

/** Line and column (1-based, as ESLint reports them) of the `nth` occurrence of `at` in `code`. */
export function positionOf(code: string, anchor: TextAnchor): { line: number; column: number } {
  let index = -1;
  for (let count = 0; count < (anchor.nth ?? 1); count++) {
    index = code.indexOf(anchor.at, index + 1);
    if (index === -1) throw new Error(`The source has no occurrence ${anchor.nth ?? 1} of \`${anchor.at}\`; fix the expectation.`);
  }
  const before = code.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}
