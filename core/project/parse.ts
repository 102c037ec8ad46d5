import { parseForESLint } from '@typescript-eslint/parser';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/types';
import type { Node, ScopeManagerLike } from '../types.js';

export interface ParsedFile {
  program: TSESTree.Program;
  scopeManager: ScopeManagerLike;
}

/** How many files this process parsed, and the time it took: the benchmark reports the share of the rule's time. */
export const parseTotals = { files: 0, milliseconds: 0 };

/** Parses with the same parser ESLint runs for TypeScript, so every reader of a file sees what the rule sees. */
export function parseFile(path: string, source: string): ParsedFile {
  const started = performance.now();
  try {
    return parse(path, source);
  } finally {
    parseTotals.files++;
    parseTotals.milliseconds += performance.now() - started;
  }
}

function parse(path: string, source: string): ParsedFile {
  const typescript = /\.[cm]?tsx?$/.test(path);
  const jsx = !typescript || path.endsWith('.tsx');
  const { ast, scopeManager } = parseForESLint(source, {
    filePath: path,
    range: true,
    loc: true,
    comment: true,
    tokens: false,
    jsx,
    ecmaFeatures: { jsx },
    sourceType: 'module',
    ecmaVersion: 'latest',
  });
  setParents(ast as unknown as Node);
  return { program: ast as unknown as TSESTree.Program, scopeManager: scopeManager as unknown as ScopeManagerLike };
}

function setParents(root: Node): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const keys = (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as Node).type === 'string') {
          (child as { parent?: Node }).parent = node;
          stack.push(child as Node);
        }
      }
    }
  }
}
