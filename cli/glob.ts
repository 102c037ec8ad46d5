/**
 * `--ignore` patterns, matched against paths relative to the project root with forward
 * slashes. Supports `*`, `**`, `?`, `[…]` and `{a,b}`; a pattern without a slash matches a
 * file or folder name at any depth, as in .gitignore.
 */
export type IgnoreMatcher = (relativePath: string) => boolean;

export function compileIgnorePatterns(patterns: readonly string[]): IgnoreMatcher {
  const compiled = patterns.map(compileOne);
  return (relativePath) => compiled.some((matches) => matches(relativePath));
}

function compileOne(pattern: string): IgnoreMatcher {
  const cleaned = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '').replace(/\/+$/, '');
  const regex = globToRegExp(cleaned);
  const matchesAnyDepth = !cleaned.includes('/');
  return (relativePath) => {
    const segments = relativePath.split('/');
    if (matchesAnyDepth) return segments.some((segment) => regex.test(segment));
    // A folder pattern (`src/generated`) also ignores everything below it.
    for (let length = 1; length <= segments.length; length++) {
      if (regex.test(segments.slice(0, length).join('/'))) return true;
    }
    return false;
  };
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '*') {
      if (glob[index + 1] === '*') {
        const atSegmentStart = index === 0 || glob[index - 1] === '/';
        const followedBySlash = glob[index + 2] === '/';
        if (atSegmentStart && followedBySlash) {
          source += '(?:.*/)?';
          index += 2;
        } else {
          source += '.*';
          index += 1;
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        const body = glob.slice(index + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        index = close;
      }
    } else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+^$()|\\{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
