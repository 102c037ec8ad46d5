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
  /** The quote its string literals use. */
  quote: Quote;
}

export type Quote = "'" | '"';

/** What a file that shows nothing either way gets: today's output, two spaces, semicolons and single quotes. */
export const DEFAULT_CODE_STYLE: CodeStyle = { unit: '  ', semicolons: true, quote: "'" };

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

/**
 * The file's indentation step, whether most of its statements end with `;` (a file with none says yes), and the quote
 * most of its string literals use (single in a file with none).
 */
export function codeStyleOf(source: string, program: Node): CodeStyle {
  const known = styles.get(program);
  if (known) return known;
  let ended = 0;
  let open = 0;
  let doubleQuoted = 0;
  let singleQuoted = 0;
  walk(program, (node) => {
    const counted = ENDED_STATEMENTS.has(node.type) && !(node.type === 'VariableDeclaration' && node.parent?.type.startsWith('For'));
    if (counted) {
      if (source[node.range[1] - 1] === ';') ended++;
      else open++;
    }
    if (node.type === 'Literal' && typeof node.value === 'string' && !writtenByOtherRules(node)) {
      if (source[node.range[0]] === '"') doubleQuoted++;
      else singleQuoted++;
    }
    return true;
  });
  const style: CodeStyle = { unit: indentUnitOf(source), semicolons: ended >= open, quote: doubleQuoted > singleQuoted ? '"' : "'" };
  styles.set(program, style);
  return style;
}

/** A directive (`"use client"`) or a JSX attribute, whose quotes linters and formatters set apart from the code's. */
function writtenByOtherRules(literal: Node): boolean {
  const parent = literal.parent;
  return parent?.type === 'JSXAttribute' || (parent?.type === 'ExpressionStatement' && parent.directive !== undefined);
}

/** A string literal for `value` in the file's quote: that quote, backslashes and line breaks escaped. */
export function quoted(value: string, style: Pick<CodeStyle, 'quote'>): string {
  const escaped = value.replace(/[\\\n\r\u2028\u2029]/g, (character) => ESCAPES[character]).replaceAll(style.quote, `\\${style.quote}`);
  return `${style.quote}${escaped}${style.quote}`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * The style most of several files write, aspect by aspect (one vote per file): a new module written for them reads as
 * theirs. Where no way of writing an aspect has more files than every other, the default stands.
 */
export function agreedStyle(styles: readonly CodeStyle[]): CodeStyle {
  const agreed = <K extends keyof CodeStyle>(aspect: K): CodeStyle[K] => {
    const votes = new Map<CodeStyle[K], number>();
    for (const style of styles) votes.set(style[aspect], (votes.get(style[aspect]) ?? 0) + 1);
    const [first, second] = [...votes].sort((a, b) => b[1] - a[1]);
    return first && (!second || first[1] > second[1]) ? first[0] : DEFAULT_CODE_STYLE[aspect];
  };
  return { unit: agreed('unit'), semicolons: agreed('semicolons'), quote: agreed('quote') };
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

