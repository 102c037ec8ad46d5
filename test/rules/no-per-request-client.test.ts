import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-per-request-client.js';
import { invalid, valid } from './cases/index.js';

describe('no-per-request-client meta', () => {
  it('words its messages as the contract says', () => {
    expect(rule.meta.messages).toEqual({
      perRequestClient:
        '`{{construction}}` opens a new Redis connection on {{context}}; build it once at module scope or import the shared client from lib/redis instead.',
      perRequestClientUnsafe:
        '`{{construction}}` opens a new Redis connection on {{context}}, and it cannot simply be shared because {{reason}}.',
      perRequestClientFrom:
        '`{{construction}}` ({{origin}}) opens a new Redis connection on {{context}}; build the client once where it is defined, or import the shared client from lib/redis instead.',
      perRequestClientFromUnsafe:
        '`{{construction}}` ({{origin}}) opens a new Redis connection on {{context}}, and it cannot simply be shared because {{reason}}.',
      moveToModuleScope: 'Move the client to module scope',
    });
  });

  it('declares its defaults in meta.defaultOptions', () => {
    expect(rule.meta.defaultOptions).toEqual([
      { sources: [], handlerNames: ['handler'], onceWrappers: ['once', 'memoize'], allowInFunctions: [] },
    ]);
  });

  it('offers suggestions, never an automatic fix', () => {
    expect(rule.meta.hasSuggestions).toBe(true);
    expect(rule.meta.fixable).toBeUndefined();
  });
});

// A case whose filename is relative lints as a file of a plain Node package, not of this repository (whose development
// dependencies include Next.js); the cases with projects of their own name them by absolute paths, resolved at import.
process.chdir(path.resolve('test/projects/rule-cases/standalone'));
const ruleTester = new RuleTester();

ruleTester.run('no-per-request-client', rule, {
  assertionOptions: { requireLocation: true, requireData: 'error' },
  valid,
  invalid,
});
