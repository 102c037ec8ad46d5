import type { TSESTree } from '@typescript-eslint/types';
import type { Node } from './types.js';

/** A text replacement over `[start, end)` of the original source. */
export interface Edit {
  range: [number, number];
  text: string;
}

/**
 * Applies edits to the source. Edits that lie inside a larger deletion or replacement are dropped (a statement
 * removed as a whole takes its inner edits with it); other overlaps are an error in the plan.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const ordered = normaliseEdits(edits);
  let output = '';
  let cursor = 0;
  for (const edit of ordered) {
    output += source.slice(cursor, edit.range[0]) + edit.text;
    cursor = edit.range[1];
  }
  return output + source.slice(cursor);
}

/** Sorted, without edits swallowed by a larger one; throws on a partial overlap. */
export function normaliseEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  const kept: Edit[] = [];
  for (const edit of sorted) {
    const last = kept.at(-1);
    if (last && edit.range[0] >= last.range[0] && edit.range[1] <= last.range[1] && !(edit.range[0] === last.range[1] && edit.range[0] === edit.range[1])) {
      if (edit.range[0] === edit.range[1] && edit.range[0] === last.range[0] && last.range[0] !== last.range[1]) {
        // An insertion at the start of a replaced range goes before it.
        kept.splice(kept.length - 1, 0, edit);
      }
      continue;
    }
    if (last && edit.range[0] < last.range[1]) {
      throw new Error(`Overlapping edits at ${edit.range[0]}`);
    }
    kept.push(edit);
  }
  return kept;
}

export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(source: string, offset: number): number {
  const end = source.indexOf('\n', offset);
  return end === -1 ? source.length : end + 1;
}

export function indentationAt(source: string, offset: number): string {
  const start = lineStart(source, offset);
  return /^[ \t]*/.exec(source.slice(start))![0];
}

/** Continuation lines lose the indentation of the statement they were written in. */
export function dedentContinuation(text: string, statementIndent: number): string {
  return text.replace(/\n([ \t]*)/g, (_, indent: string) => `\n${indent.slice(Math.min(statementIndent, indent.length))}`);
}

/** Removes a statement, and its whole line when nothing else stands on it. */
export function removeNode(source: string, node: Node): Edit {
  const [start, end] = node.range;
  const from = lineStart(source, start);
  const to = lineEnd(source, end);
  const alone = /^[ \t]*$/.test(source.slice(from, start)) && /^[ \t]*\r?\n?$/.test(source.slice(end, to));
  if (alone) return { range: [from, to], text: '' };
  const trailing = /^[ \t]*/.exec(source.slice(end, to))![0].length;
  return { range: [start, end + trailing], text: '' };
}

/**
 * Removes statements; a `finally` left empty goes too, and a `try` left with neither `catch` nor `finally` is
 * unwrapped into its block, one indentation level out.
 */
export function removeStatements(source: string, statements: readonly Node[], alsoGoing: ReadonlySet<Node> = NOTHING_ELSE): Edit[] {
  const edits: Edit[] = [];
  // What other edits of the same rewrite remove counts toward emptying a block, but only `statements` get edits here.
  const removed = new Set<Node>([...alsoGoing, ...statements]);
  const handledTries = new Set<TSESTree.TryStatement>();
  const own = new Set<Node>(statements);
  for (const statement of withEmptiedGuards(statements, removed)) {
    if (alsoGoing.has(statement) && !own.has(statement)) continue;
    const block = statement.parent;
    const tryStatement = block?.parent;
    if (block?.type === 'BlockStatement' && tryStatement?.type === 'TryStatement' && tryStatement.finalizer === block) {
      if (block.body.every((inner) => removed.has(inner))) {
        if (!handledTries.has(tryStatement)) {
          handledTries.add(tryStatement);
          edits.push(...dropFinally(source, tryStatement));
        }
        continue;
      }
    }
    edits.push(withCommentAbove(source, removeNode(source, statement)));
  }
  return edits;
}

const NOTHING_ELSE: ReadonlySet<Node> = new Set();

/**
 * `if (client) { await client.quit(); }` guards only what goes: the whole `if` goes instead of leaving an empty
 * block, when its test only reads (`client`, `client?.isOpen`, `!closed && redis`) and it has no `else`. Returns the
 * statements to remove, outermost first; `removed` gains the guards, so an emptied `finally` is seen as such.
 */
function withEmptiedGuards(statements: readonly Node[], removed: Set<Node>): Node[] {
  const guardOf = (statement: Node): TSESTree.IfStatement | undefined => {
    const parent = statement.parent;
    const guard = parent?.type === 'BlockStatement' && parent.body.every((inner) => removed.has(inner)) ? parent.parent : parent;
    if (guard?.type !== 'IfStatement' || guard.alternate || !onlyReads(guard.test)) return undefined;
    return guard.consequent === statement || guard.consequent === parent ? guard : undefined;
  };
  let grown = true;
  while (grown) {
    grown = false;
    for (const statement of removed) {
      const guard = guardOf(statement);
      if (guard && !removed.has(guard)) {
        removed.add(guard);
        grown = true;
      }
    }
  }
  const within = (statement: Node): boolean => {
    for (let current = statement.parent; current; current = current.parent) if (removed.has(current)) return true;
    return false;
  };
  return [...removed].filter((statement) => !within(statement));
}

/** An expression whose evaluation only reads: names, property reads, literals and the operators that combine them. */
function onlyReads(node: Node): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'Literal':
    case 'ThisExpression':
      return true;
    case 'MemberExpression':
      return onlyReads(node.object) && (!node.computed || onlyReads(node.property));
    case 'ChainExpression':
      return onlyReads(node.expression);
    case 'UnaryExpression':
      return node.operator !== 'delete' && onlyReads(node.argument);
    case 'LogicalExpression':
    case 'BinaryExpression':
      return node.left.type !== 'PrivateIdentifier' && onlyReads(node.left) && onlyReads(node.right);
    case 'TSNonNullExpression':
      return onlyReads(node.expression);
    default:
      return false;
  }
}

/** A `//` line right above a removed connect or close that speaks of connecting or closing goes with it. */
const LIFECYCLE_COMMENT = /^[ \t]*\/\/.*\b(?:connect\w*|disconnect\w*|clos\w+|quit\w*)\b.*\r?\n$/i;

function withCommentAbove(source: string, edit: Edit): Edit {
  const [start] = edit.range;
  if (start === 0 || source[start - 1] !== '\n' || lineStart(source, start) !== start) return edit;
  const previous = lineStart(source, start - 1);
  return LIFECYCLE_COMMENT.test(source.slice(previous, start)) ? { ...edit, range: [previous, edit.range[1]] } : edit;
}

function dropFinally(source: string, tryStatement: TSESTree.TryStatement): Edit[] {
  const finalizer = tryStatement.finalizer!;
  if (tryStatement.handler) {
    // `} finally { … }` after the catch clause goes; the catch stays.
    return [{ range: [tryStatement.handler.range[1], finalizer.range[1]], text: '' }];
  }
  return unwrapTry(source, tryStatement);
}

/** `try { A } finally {}` → `A`, dedented by the block's own indentation step. */
function unwrapTry(source: string, tryStatement: TSESTree.TryStatement): Edit[] {
  const block = tryStatement.block;
  const outerIndent = indentationAt(source, tryStatement.range[0]);
  const first = block.body[0];
  if (!first) return [removeNode(source, tryStatement)];
  const innerIndent = indentationAt(source, first.range[0]);
  const step = innerIndent.startsWith(outerIndent) ? innerIndent.length - outerIndent.length : 0;
  const edits: Edit[] = [];
  const open = block.range[0] + 1;
  const restOfOpeningLine = source.slice(open, lineEnd(source, open));
  let offset: number;
  if (/^[ \t]*\r?\n?$/.test(restOfOpeningLine)) {
    // `try {` stands alone on its line: that line goes, comments below it stay.
    edits.push({ range: [lineStart(source, tryStatement.range[0]), lineEnd(source, open)], text: '' });
    offset = lineEnd(source, open);
  } else {
    const spaces = /^[ \t]*/.exec(restOfOpeningLine)![0].length;
    edits.push({ range: [tryStatement.range[0], open + spaces], text: '' });
    offset = lineEnd(source, open);
  }
  // Dedent each inner line.
  const bodyEnd = block.range[1] - 1;
  while (offset < bodyEnd) {
    const indent = /^[ \t]*/.exec(source.slice(offset))![0];
    const cut = Math.min(step, indent.length);
    if (cut > 0) edits.push({ range: [offset, offset + cut], text: '' });
    const next = source.indexOf('\n', offset);
    if (next === -1 || next >= bodyEnd) break;
    offset = next + 1;
  }
  // The closing `}` of the block and the whole finally clause, up to the end of its line.
  edits.push({ range: [lineStart(source, bodyEnd), lineEnd(source, tryStatement.range[1])], text: '' });
  return edits;
}

/**
 * Blank-line runs that removals left behind (a statement that stood between two blank lines), collapsed to one
 * blank line; a file that already has runs of its own keeps its layout.
 */
export function withoutNewBlankRuns(before: string, after: string): string {
  const run = /\n[ \t]*\r?\n[ \t]*\r?\n/;
  if (run.test(before)) return after;
  return after.replace(/(\r?\n)(?:[ \t]*\r?\n){2,}/g, '$1$1');
}
