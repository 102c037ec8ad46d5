/**
 * The rule on realistic code it was not written against: route handlers, Lambdas, memoised singletons, NestJS
 * providers, queues, tests and scripts, shaped the way public projects write them (test/real-world/). Each
 * snippet's findings were decided from DESIGN.md before it was first linted, so a failure here is a disagreement
 * to settle against DESIGN.md: the finding as `line:column messageId context | reason`.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { realWorldGroups, type RealWorldCase } from './real-world/index.js';
import { describeExpected, describeMessage, ruleMessages, ruleOnlyConfig } from './real-world/lint.js';
import { positionOf } from './real-world/positions.js';

const projectRoot = '/repo';

type Parser = 'typescript-eslint' | 'espree';

function sourceTypeOf(ruleCase: RealWorldCase): 'module' | 'commonjs' {
  return ruleCase.sourceType ?? (ruleCase.filename.endsWith('.cjs') ? 'commonjs' : 'module');
}

/** The rule's findings on one snippet, as `line:column messageId context | reason`. */
function findings(ruleCase: RealWorldCase, parser: Parser): string[] {
  const linter = new Linter({ configType: 'flat', cwd: projectRoot });
  const config = ruleOnlyConfig({ sourceType: sourceTypeOf(ruleCase), ...(parser === 'typescript-eslint' ? { parser: tsParser } : {}) }, ruleCase.options);
  return ruleMessages(linter, ruleCase.code, config, `${projectRoot}/${ruleCase.filename}`, `${ruleCase.filename} (${parser})`)
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((message) => `${message.line}:${message.column} ${describeMessage(message)}`);
}

function expectedFindings(ruleCase: RealWorldCase): string[] {
  return ruleCase.expected
    .map((expected) => ({ ...positionOf(ruleCase.code, expected), expected }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(({ line, column, expected }) => `${line}:${column} ${describeExpected(expected)}`);
}

const allCases = Object.values(realWorldGroups).flat();

describe('real-world snippets', () => {
  it('cover at least 60 distinct snippets', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(allCases.map((ruleCase) => ruleCase.name)).size).toBe(allCases.length);
  });

  it('state a reason exactly for the reports that cannot be shared', () => {
    const misstated = allCases.flatMap((ruleCase) =>
      ruleCase.expected.filter((expected) => (expected.messageId === 'perRequestClientUnsafe') !== (expected.reason !== undefined)).map(() => ruleCase.name),
    );
    expect(misstated).toEqual([]);
  });
});

for (const [group, cases] of Object.entries(realWorldGroups)) {
  describe(`real-world ${group}`, () => {
    it.each(cases.map((ruleCase) => [`${ruleCase.name} (${ruleCase.filename})`, ruleCase] as const))('%s', (_title, ruleCase) => {
      expect(findings(ruleCase, 'typescript-eslint')).toEqual(expectedFindings(ruleCase));
    });
  });
}

// JavaScript projects lint with ESLint's default parser and scope analysis; the findings must not change with it.
const javaScriptCases = allCases.filter((ruleCase) => /\.[cm]?js$/.test(ruleCase.filename));

describe('real-world JavaScript snippets under espree', () => {
  it.each(javaScriptCases.map((ruleCase) => [`${ruleCase.name} (${ruleCase.filename})`, ruleCase] as const))('%s', (_title, ruleCase) => {
    expect(findings(ruleCase, 'espree')).toEqual(expectedFindings(ruleCase));
  });
});
