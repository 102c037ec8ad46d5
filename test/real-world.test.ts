/**
 * The rule on realistic code it was not written against: route handlers, Lambdas, memoised singletons, NestJS
 * providers, queues, tests and scripts, shaped the way public projects write them (test/real-world/). Each
 * snippet's findings were decided from DESIGN.md before it was first linted, so a failure here is a disagreement
 * to settle against DESIGN.md: the finding as `line:column messageId context | reason`.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../rules/no-per-request-client.js';
import { realWorldGroups, type RealWorldCase } from './real-world/index.js';
import { positionOf } from './real-world/positions.js';

const ruleId = 'redis-singleton/no-per-request-client';
const projectRoot = '/repo';
const HOISTABLE = /^`.+?` opens a new Redis connection on (.+); build it once at module scope or import the shared client from lib\/redis instead\.$/s;
const UNSAFE = /^`.+?` opens a new Redis connection on (.+?), and it cannot simply be shared because (.+)\.$/s;

type Parser = 'typescript-eslint' | 'espree';

function sourceTypeOf(ruleCase: RealWorldCase): 'module' | 'commonjs' {
  return ruleCase.sourceType ?? (ruleCase.filename.endsWith('.cjs') ? 'commonjs' : 'module');
}

function configFor(ruleCase: RealWorldCase, parser: Parser): Linter.Config[] {
  return [
    {
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      // Snippets keep the disable comments their projects need for other rules.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: sourceTypeOf(ruleCase),
        ...(parser === 'typescript-eslint' ? { parser: tsParser } : {}),
      },
      plugins: { 'redis-singleton': { rules: { 'no-per-request-client': rule as never } } },
      rules: { [ruleId]: ruleCase.options === undefined ? 'error' : ['error', ruleCase.options] },
    },
  ];
}

/** The rule's findings on one snippet; a crash, a parse error or any other message fails with its text. */
function findings(ruleCase: RealWorldCase, parser: Parser): string[] {
  const linter = new Linter({ configType: 'flat', cwd: projectRoot });
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(ruleCase.code, configFor(ruleCase, parser), `${projectRoot}/${ruleCase.filename}`);
  } catch (error) {
    throw new Error(`The rule threw on ${ruleCase.filename} (${parser}): ${error instanceof Error ? error.stack : String(error)}`);
  }
  const foreign = messages.filter((message) => message.ruleId !== ruleId);
  if (foreign.length > 0) {
    throw new Error(`${ruleCase.filename} did not lint cleanly (${parser}): ${foreign.map((message) => `${message.line}:${message.column} ${message.message}`).join('; ')}`);
  }
  return messages
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((message) => {
      const unsafe = UNSAFE.exec(message.message);
      if (message.messageId === 'perRequestClientUnsafe' && unsafe) return `${message.line}:${message.column} ${message.messageId} ${unsafe[1]} | ${unsafe[2]}`;
      const hoistable = HOISTABLE.exec(message.message);
      if (message.messageId === 'perRequestClient' && hoistable) return `${message.line}:${message.column} ${message.messageId} ${hoistable[1]}`;
      return `${message.line}:${message.column} ${message.messageId ?? 'no messageId'} unexpected message: ${message.message}`;
    });
}

function expectedFindings(ruleCase: RealWorldCase): string[] {
  return ruleCase.expected
    .map((expected) => ({ ...positionOf(ruleCase.code, expected), expected }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map(({ line, column, expected }) => {
      const reason = expected.messageId === 'perRequestClientUnsafe' ? ` | ${expected.reason}` : '';
      return `${line}:${column} ${expected.messageId} ${expected.context}${reason}`;
    });
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
