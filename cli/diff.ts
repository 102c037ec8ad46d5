import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** Git's own context: three lines around each change. */
const contextLines = 3;

/**
 * The unified diff (`git apply` accepts it) of one file the CLI writes, for `fix --print`.
 * `before` undefined means a new file, diffed against /dev/null; equal texts give ''.
 */
export function unifiedDiff(relativePath: string, before: string | undefined, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${relativePath}`,
    `b/${relativePath}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: contextLines, headerOptions: FILE_HEADERS_ONLY },
  );
}
