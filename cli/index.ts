#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { defaultExtensions, parseExtensions } from './discover.js';
import { exitCodes, UsageError } from './errors.js';
import type { Output } from './fix.js';

const output: Output = { stdout: process.stdout, stderr: process.stderr };

// dist/cli/index.js → the package's own package.json.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function discoveryOptions(command: Command): Command {
  return command
    .option('--extensions <list>', 'comma-separated file extensions to scan', defaultExtensions.join(','))
    .option('--ignore <glob>', 'skip files matching this glob, relative to the project root (repeatable)', collect, []);
}

const program = new Command('redis-singleton')
  .description('Find Redis clients built on every request and move them into one shared module.')
  .version(version)
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)');

discoveryOptions(
  program
    .command('fix')
    .description('move per-request Redis client constructions into a shared singleton module')
    .argument('[paths...]', 'files or folders to rewrite (default: the current folder)')
    .option('--dry', 'compute the changes but write nothing')
    .addOption(new Option('--print', 'print a unified diff of every change on stdout').conflicts('json'))
    .option('--force', 'run even when the git work tree has uncommitted changes')
    .option('--singleton <path>', 'path of the shared module, relative to the project root (default: lib/redis.ts or src/lib/redis.ts)')
    .option('--json', 'print only a JSON summary on stdout')
    .option('--verify', 'type-check each package that has TypeScript before and after, and leave files whose rewrite adds a type error untouched'),
).action(async (paths: string[], options: Record<string, unknown>) => {
  const { runFix } = await import('./fix.js');
  process.exitCode = await runFix(paths, {
    dry: options.dry === true,
    print: options.print === true,
    force: options.force === true,
    json: options.json === true,
    singleton: options.singleton as string | undefined,
    extensions: parseExtensions(options.extensions as string),
    ignore: options.ignore as string[],
    verify: options.verify === true,
  }, output);
});

discoveryOptions(
  program
    .command('check')
    .description('report Redis clients built on a per-request path, with the recommended lint config')
    .argument('[paths...]', 'files or folders to check (default: the current folder)')
    .addOption(new Option('--format <name>', 'output format').choices(['stylish', 'json']).default('stylish')),
).action(async (paths: string[], options: Record<string, unknown>) => {
  const { runCheck } = await import('./check.js');
  process.exitCode = await runCheck(paths, {
    format: options.format as 'stylish' | 'json',
    extensions: parseExtensions(options.extensions as string),
    ignore: options.ignore as string[],
  }, output);
});

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed the message already; help and --version end here with 0.
    process.exitCode = error.exitCode === 0 ? exitCodes.done : exitCodes.usage;
  } else if (error instanceof UsageError) {
    process.stderr.write(`redis-singleton: ${error.message}\n`);
    process.exitCode = exitCodes.usage;
  } else {
    process.stderr.write(`redis-singleton: unexpected failure, please report it with this output:\n${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = exitCodes.failed;
  }
}
