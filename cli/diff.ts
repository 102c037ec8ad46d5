/** Unified diffs (`git apply` accepts them) of the CLI's writes, for `fix --print`. */

type Operation = { kind: ' ' | '-' | '+'; line: string };

/** Past this many cells the middle is shown as one replaced block rather than a minimal diff. */
const maxLcsCells = 25_000_000;

/** Lines with their terminators, so a missing final newline is a difference like any other. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function editScript(before: string[], after: string[]): Operation[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) suffix++;

  const oldMiddle = before.slice(prefix, before.length - suffix);
  const newMiddle = after.slice(prefix, after.length - suffix);
  const unchanged = (line: string): Operation => ({ kind: ' ', line });
  return [
    ...before.slice(0, prefix).map(unchanged),
    ...middleScript(oldMiddle, newMiddle),
    ...before.slice(before.length - suffix).map(unchanged),
  ];
}

/** Longest common subsequence by dynamic programming, read forwards into deletions and insertions. */
function middleScript(before: string[], after: string[]): Operation[] {
  const rows = before.length;
  const columns = after.length;
  if ((rows + 1) * (columns + 1) > maxLcsCells) {
    return [
      ...before.map((line): Operation => ({ kind: '-', line })),
      ...after.map((line): Operation => ({ kind: '+', line })),
    ];
  }
  const width = columns + 1;
  const common = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      common[i * width + j] = before[i] === after[j]
        ? common[(i + 1) * width + j + 1] + 1
        : Math.max(common[(i + 1) * width + j], common[i * width + j + 1]);
    }
  }
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && before[i] === after[j]) {
      operations.push({ kind: ' ', line: before[i++] });
      j++;
    } else if (j === columns || (i < rows && common[(i + 1) * width + j] >= common[i * width + j + 1])) {
      operations.push({ kind: '-', line: before[i++] });
    } else {
      operations.push({ kind: '+', line: after[j++] });
    }
  }
  return operations;
}

function formatLine({ kind, line }: Operation): string {
  return line.endsWith('\n') ? `${kind}${line}` : `${kind}${line}\n\\ No newline at end of file\n`;
}

function range(start: number, count: number): string {
  // An empty range names the line before it, as diff does.
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * The diff of one file. `before` undefined means a new file (diffed against /dev/null);
 * equal texts give ''.
 */
export function unifiedDiff(relativePath: string, before: string | undefined, after: string, context = 3): string {
  if (before === after) return '';
  const operations = editScript(splitLines(before ?? ''), splitLines(after));

  // Line numbers (0-based) in the old and new text before each operation.
  const oldLineAt: number[] = [];
  const newLineAt: number[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const { kind } of operations) {
    oldLineAt.push(oldLine);
    newLineAt.push(newLine);
    if (kind !== '+') oldLine++;
    if (kind !== '-') newLine++;
  }

  const hunks: string[] = [];
  let index = 0;
  while (index < operations.length) {
    if (operations[index].kind === ' ') {
      index++;
      continue;
    }
    const start = Math.max(0, index - context);
    let lastChange = index;
    let cursor = index;
    while (cursor < operations.length) {
      if (operations[cursor].kind !== ' ') {
        lastChange = cursor++;
        continue;
      }
      let runEnd = cursor;
      while (runEnd < operations.length && operations[runEnd].kind === ' ') runEnd++;
      // Changes separated by at most twice the context share one hunk.
      if (runEnd < operations.length && runEnd - cursor <= 2 * context) {
        cursor = runEnd;
        continue;
      }
      break;
    }
    const end = Math.min(operations.length, lastChange + 1 + context);
    const slice = operations.slice(start, end);
    const oldCount = slice.filter(({ kind }) => kind !== '+').length;
    const newCount = slice.filter(({ kind }) => kind !== '-').length;
    hunks.push(
      `@@ -${range(oldLineAt[start], oldCount)} +${range(newLineAt[start], newCount)} @@\n` +
      slice.map(formatLine).join(''),
    );
    index = end;
  }

  const header = `--- ${before === undefined ? '/dev/null' : `a/${relativePath}`}\n+++ b/${relativePath}\n`;
  return header + hunks.join('');
}
