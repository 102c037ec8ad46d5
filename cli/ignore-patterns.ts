import picomatch from 'picomatch';

/** Does a rule set name this path itself (relative to the root, forward slashes, folders without a trailing slash)? */
export type PathMatcher = (relativePath: string, isDirectory: boolean) => boolean;

interface IgnoreRule {
  negated: boolean;
  matches: PathMatcher;
}

function compileRule(pattern: string): IgnoreRule {
  const negated = pattern.startsWith('!');
  const glob = negated ? pattern.slice(1) : pattern;
  // As in ESLint, `[id].ts` is a character class only: picomatch alone would also take it literally.
  const regex = picomatch.makeRe(glob, { dot: true, literalBrackets: false });
  const test = (candidate: string): boolean => regex.test(candidate);
  const foldersOnly = glob.endsWith('/');
  return {
    negated,
    // ESLint asks about a folder as `dir/`, and its minimatch lets `dir` match `dir/` too.
    matches: (relativePath, isDirectory) =>
      isDirectory ? test(`${relativePath}/`) || (!foldersOnly && test(relativePath)) : test(relativePath),
  };
}

/**
 * `--ignore` globs with the meaning of ESLint's `ignores`: relative to the project root, `dir/`
 * names a folder, a pattern reaches deeper folders only through `**`, and a later `!pattern`
 * takes a path back. Whether an ignored folder hides what is below it is the caller's walk.
 */
export function matchIgnorePatterns(patterns: readonly string[]): PathMatcher {
  const rules = patterns.map(compileRule);
  return (relativePath, isDirectory) => {
    let ignored = false;
    for (const { negated, matches } of rules) {
      if (negated === ignored && matches(relativePath, isDirectory)) ignored = !negated;
    }
    return ignored;
  };
}
