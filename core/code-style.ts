import { walk } from './ast.js';
import type { Edit } from './edits.js';
import { indentUnitOf } from './moved-text.js';
import type { Node } from './types.js';

/** How a file writes its code, so that lines inserted into it read as its own. */
export interface CodeStyle {
  /** The step a block indents by: two or four spaces, or a tab. */
  unit: string;
  /** Whether statements end with `;` (false for the `semi: false` style of ESLint and Prettier). */
  semicolons: boolean;
}

/** Statements a `;` may end: the ones whose endings say whether the file writes semicolons. */
const ENDED_STATEMENTS = new Set([
  'ExpressionStatement',
  'VariableDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'BreakStatement',
  'ContinueStatement',
  'ImportDeclaration',
  'ExportAllDeclaration',
  'TSTypeAliasDeclaration',
]);

const styles = new WeakMap<Node, CodeStyle>();

/** The file's indentation step, and whether most of its statements end with `;` (a file with none says yes). */
export function codeStyleOf(source: string, program: Node): CodeStyle {
  const known = styles.get(program);
  if (known) return known;
  let ended = 0;
  let open = 0;
  walk(program, (node) => {
    const counted = ENDED_STATEMENTS.has(node.type) && !(node.type === 'VariableDeclaration' && node.parent?.type.startsWith('For'));
    if (counted) {
      if (source[node.range[1] - 1] === ';') ended++;
      else open++;
    }
    return true;
  });
  const style = { unit: indentUnitOf(source), semicolons: ended >= open };
  styles.set(program, style);
  return style;
}

/**
 * Lines of generated statements as the file writes them: in a file without semicolons each line's closing `;` goes,
 * and a line that starts with `(`, `[` or a template gets the leading `;` that keeps it from continuing the line above.
 */
export function styledLines(lines: readonly string[], style: CodeStyle): string[] {
  if (style.semicolons) return [...lines];
  return lines.map((line) => {
    const bare = line.endsWith(';') ? line.slice(0, -1) : line;
    const leading = /^[ \t]*/.exec(bare)![0];
    return /^[([`]/.test(bare.slice(leading.length)) ? `${leading};${bare.slice(leading.length)}` : bare;
  });
}

/** A statement's closing `;`, or nothing in a file written without them. */
export function statementEnd(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}

/** Generated lines in the file's style, standing apart from the code around them by one blank line. */
export function insertedBlock(source: string, at: number, lines: readonly string[], style: CodeStyle): Edit {
  const blankBefore = at > 0 && !/\n[ \t]*\r?\n$/.test(source.slice(0, at)) ? '\n' : '';
  return { range: [at, at], text: `${blankBefore}${styledLines(lines, style).join('\n')}\n\n` };
}

