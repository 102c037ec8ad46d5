import { walk } from './ast.js';
import { indentationAt } from './edits.js';
import type { Node } from './types.js';

/** Source text about to be written somewhere else, with what re-indenting it must leave alone. */
export interface MovedText {
  text: string;
  /** The indentation of the line the text starts on: the depth of its other lines is counted from there. */
  indent: string;
  /** Spans of `text` (string and template literals) whose line breaks belong to the value, not to the layout. */
  verbatim: readonly (readonly [number, number])[];
}

/** The source from the first node's start to the last node's end, as it is about to move. */
export function movedText(source: string, nodes: readonly Node[]): MovedText {
  if (nodes.length === 0) return { text: '', indent: '', verbatim: [] };
  const start = nodes[0].range[0];
  const text = source.slice(start, nodes.at(-1)!.range[1]);
  const verbatim: [number, number][] = [];
  if (text.includes('\n')) {
    for (const node of nodes) {
      walk(node, (inner) => {
        if (inner.type !== 'TemplateLiteral' && !(inner.type === 'Literal' && typeof inner.value === 'string')) return true;
        if (source.slice(inner.range[0], inner.range[1]).includes('\n')) verbatim.push([inner.range[0] - start, inner.range[1] - start]);
        return false;
      });
    }
  }
  return { text, indent: indentationAt(source, start), verbatim };
}

/** Text written fresh on one line (`createRedis()`): no layout of its own to keep. */
export function freshText(text: string): MovedText {
  return { text, indent: '', verbatim: [] };
}

/** `callee(` before moved arguments and `)` after them: the arguments keep their layout and their literals. */
export function calledWith(callee: string, args: MovedText): MovedText {
  const shift = callee.length + 1;
  return { text: `${callee}(${args.text})`, indent: args.indent, verbatim: args.verbatim.map(([from, to]) => [from + shift, to + shift] as const) };
}

const TAB_WIDTH = 4;

/**
 * The text as it must read where it now stands, its first line continuing a line indented by `indent`: each further
 * line keeps its depth below the first, counted in the text's own indentation step and written in `unit`.
 * Lines inside a literal are content and stay as they are.
 */
export function reindented(moved: MovedText, indent: string, unit: string): string {
  const starts = layoutLineStarts(moved);
  if (starts.length === 0) return moved.text;
  const base = width(moved.indent);
  const lines = starts.map((start) => {
    const leading = /^[ \t]*/.exec(moved.text.slice(start))![0];
    const blank = /^[ \t]*(?:\r?\n|\r?$)/.test(moved.text.slice(start));
    return { start, end: start + leading.length, depth: width(leading) - base, blank };
  });
  // The text's own step: its smallest indentation below the first line (4 in a 2-space file written 4 deep is 4).
  const step = Math.min(...lines.filter((line) => !line.blank && line.depth > 0).map((line) => line.depth));
  let output = '';
  let cursor = 0;
  for (const line of lines) {
    const levels = line.depth > 0 && Number.isFinite(step) ? Math.floor(line.depth / step) : 0;
    const remainder = line.depth > 0 && Number.isFinite(step) ? line.depth - levels * step : 0;
    output += moved.text.slice(cursor, line.start) + (line.blank ? '' : indent + unit.repeat(levels) + ' '.repeat(remainder));
    cursor = line.end;
  }
  return output + moved.text.slice(cursor);
}

/** Offsets where a line of the text's layout starts: after each line break that is not inside a literal. */
function layoutLineStarts(moved: MovedText): number[] {
  const starts: number[] = [];
  for (let index = moved.text.indexOf('\n'); index !== -1; index = moved.text.indexOf('\n', index + 1)) {
    if (!moved.verbatim.some(([from, to]) => from < index && index < to)) starts.push(index + 1);
  }
  return starts;
}

/** Columns of leading whitespace, a tab reaching the next tab stop. */
function width(leading: string): number {
  let columns = 0;
  for (const character of leading) columns = character === '\t' ? (Math.floor(columns / TAB_WIDTH) + 1) * TAB_WIDTH : columns + 1;
  return columns;
}

/**
 * The step a file indents by: a tab, or the spaces most often added from one line to the next (two when the file
 * shows none). Block-comment continuation lines (` * `) do not count.
 */
export function indentUnitOf(source: string): string {
  const counts = new Map<number, number>();
  let tabs = 0;
  let spaces = 0;
  let previous = 0;
  for (const line of source.split('\n')) {
    const leading = /^[ \t]*/.exec(line)![0];
    const rest = line.slice(leading.length).trim();
    if (rest === '' || rest.startsWith('*')) continue;
    if (leading.startsWith('\t')) tabs++;
    else if (leading.length > 0) spaces++;
    const columns = width(leading);
    if (columns > previous) counts.set(columns - previous, (counts.get(columns - previous) ?? 0) + 1);
    previous = columns;
  }
  if (tabs > spaces) return '\t';
  const [step] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [2];
  return ' '.repeat(step);
}
