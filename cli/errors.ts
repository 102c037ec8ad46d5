/** A mistake in how the command was called; the CLI prints the message and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const exitCodes = {
  done: 0,
  /** Some file failed (parse error, unwritable, outside the root), or `check` found something. */
  failed: 1,
  usage: 2,
} as const;
