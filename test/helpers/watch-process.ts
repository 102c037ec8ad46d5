/** The built `redis-singleton watch` as a child process whose lines can be awaited while it runs. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliPath, type CliRun } from './cli.js';

/** A bound on waiting for a line, so a broken watch fails the test instead of hanging it. */
const LINE_WAIT_MS = 20_000;

export interface WatchProcess {
  /** Resolves with the first stdout line, from `fromLine` on, that `matches` accepts. */
  waitForLine(matches: (line: string) => boolean, fromLine?: number): Promise<string>;
  /** Complete stdout lines so far. */
  lines(): string[];
  /** Ctrl-C. */
  interrupt(): void;
  done: Promise<CliRun>;
}

export function startWatch(args: readonly string[], env: NodeJS.ProcessEnv = {}): WatchProcess {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} does not exist: run \`npm run build\` first.`);
  const child = spawn(process.execPath, [cliPath, 'watch', ...args], {
    env: { ...process.env, REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      for (const listener of listeners) listener();
      resolve({ code, stdout, stderr });
    });
  });
  const lines = () => stdout.split('\n').slice(0, -1);

  return {
    lines,
    done,
    interrupt: () => child.kill('SIGINT'),
    waitForLine(matches, fromLine = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines().slice(fromLine).find(matches);
          if (found !== undefined) finish(() => resolve(found));
          else if (child.exitCode !== null) finish(() => reject(new Error(`watch exited (${child.exitCode}) before the line.\nstdout:\n${stdout}\nstderr:\n${stderr}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no such line within ${LINE_WAIT_MS} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`))),
          LINE_WAIT_MS,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
