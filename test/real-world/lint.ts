/** Linting real-world code with this rule alone, and reading its messages back in the form the cases state them. */
import { Linter } from 'eslint';
import rule, { type Options } from '../../rules/no-per-request-client.js';
import type { ProjectReport } from './types.js';

export const ruleId = 'redis-singleton/no-per-request-client';

const ORIGIN = ' \\(([^()\\s]+:\\d+)\\)';
const HOISTABLE = new RegExp(
  `^\`.+?\`(?:${ORIGIN})? opens a new Redis connection on (.+); (?:build it once at module scope|build the client once where it is defined,) or import the shared client from lib/redis instead\\.$`,
  's',
);
const UNSAFE = new RegExp(`^\`.+?\`(?:${ORIGIN})? opens a new Redis connection on (.+?), and it cannot simply be shared because (.+)\\.$`, 's');

/** A flat config that runs only this rule, with the parser and source type the file needs. */
export function ruleOnlyConfig(languageOptions: Linter.LanguageOptions, options?: Options[0]): Linter.Config[] {
  return [
    {
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      // Real code keeps the disable comments its project needs for other rules.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: { ecmaVersion: 'latest', ...languageOptions },
      plugins: { 'redis-singleton': { rules: { 'no-per-request-client': rule as never } } },
      rules: { [ruleId]: options === undefined ? 'error' : ['error', options] },
    },
  ];
}

/** The rule's messages on one text; a crash, a parse error or any other rule's message fails with its text. */
export function ruleMessages(linter: Linter, code: string, config: Linter.Config[], filename: string, label: string): Linter.LintMessage[] {
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(code, config, filename);
  } catch (error) {
    throw new Error(`The rule threw on ${label}: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const foreign = messages.filter((message) => message.ruleId !== ruleId);
  if (foreign.length > 0) {
    throw new Error(`${label} did not lint cleanly: ${foreign.map((message) => `${message.line}:${message.column} ${message.message}`).join('; ')}`);
  }
  return messages;
}

/** `messageId context | reason @ origin` of one message; a message in another form is shown as unexpected. */
export function describeMessage(message: Linter.LintMessage): string {
  // A report at a call of something built elsewhere has its own message ids, which always name the origin.
  const unsafe = UNSAFE.exec(message.message);
  if (unsafe && ((message.messageId === 'perRequestClientUnsafe' && !unsafe[1]) || (message.messageId === 'perRequestClientFromUnsafe' && unsafe[1]))) {
    return `perRequestClientUnsafe ${unsafe[2]} | ${unsafe[3]}${unsafe[1] ? ` @ ${unsafe[1]}` : ''}`;
  }
  const hoistable = HOISTABLE.exec(message.message);
  if (hoistable && ((message.messageId === 'perRequestClient' && !hoistable[1]) || (message.messageId === 'perRequestClientFrom' && hoistable[1]))) {
    return `perRequestClient ${hoistable[2]}${hoistable[1] ? ` @ ${hoistable[1]}` : ''}`;
  }
  return `${message.messageId ?? 'no messageId'} unexpected message: ${message.message}`;
}

/** The same form for a report a case expects. */
export function describeExpected(report: ProjectReport): string {
  const reason = report.messageId === 'perRequestClientUnsafe' ? ` | ${report.reason}` : '';
  const origin = report.origin ? ` @ ${report.origin}` : '';
  return `${report.messageId} ${report.context}${reason}${origin}`;
}
