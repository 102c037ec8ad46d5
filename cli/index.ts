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
    .option('--ignore <glob>', 'skip files matching this glob, relative to the project root, as in ESLint ignores (repeatable)', collect, []);
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

program
  .command('watch')
  .description('sample a live Redis server: connected clients, new connections per second, churn by client, a verdict')
  .option('--url <url>', 'server to watch, redis:// or rediss:// with user and password (default: $REDIS_URL, else redis://127.0.0.1:6379)')
  .option('--interval <duration>', 'time between samples, e.g. 500ms, 1s', '1s')
  .option('--duration <duration>', 'stop after this long, e.g. 30s, 5m (default: until Ctrl-C on a terminal, 60s otherwise)')
  .option('--json', 'print one JSON object per sample and a final summary object')
  .option('--html <file>', 'write a self-contained HTML page with the charts to this file')
  .option('--max-new-per-sec <n>', 'exit 1 when new connections per second exceed n over any interval')
  .action(async (options: Record<string, unknown>) => {
    const { runWatch } = await import('./watch/run.js');
    process.exitCode = await runWatch({
      url: options.url as string | undefined,
      interval: options.interval as string,
      duration: options.duration as string | undefined,
      json: options.json === true,
      html: options.html as string | undefined,
      maxNewPerSec: options.maxNewPerSec as string | undefined,
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
