/**
 * How the behaviour oracle reaches a fixture's code: every side runs in a child `node` started in the project copy
 * (`oracle-side.mjs`), so modules resolve and load exactly as the app's runtime would, with the side's environment
 * and nothing left over from the other side; one-shot scripts get a `node` of their own per run.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a call gave back: a response, a return value, a script's exit, or the error it failed with. */
export type Answer = unknown;

/** Generous bound on a child `node` finishing: it fails a hang, and times nothing that works. */
const CHILD_EXIT_TIMEOUT_MS = 20_000;

const sideScript = fileURLToPath(new URL('./oracle-side.mjs', import.meta.url));

// A test that fails between starting a side and stopping it must not leave the side's node running.
const liveSides = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveSides) child.kill('SIGKILL');
});

export type SessionDriver =
  /** An Express-style `(req, res)` handler; each call passes `{ params, query }`. */
  | { kind: 'route'; file: string; export: string }
  /** A function called with each call's input as its one argument: a Lambda handler, a plain function. */
  | { kind: 'function'; file: string; export: string }
  /** A Web `Request → Response` handler (Next.js App Router); each call is a URL path with its query. */
  | { kind: 'web'; file: string; export: string }
  /** A module whose export is an app or `http.Server`, served on a loopback port; each call is `METHOD /path`. */
  | { kind: 'http'; file: string; export: string }
  /** A script run to its end by a `node` of its own per call, which must exit by itself with code 0. */
  | { kind: 'script'; file: string };

export interface SharedClient {
  /** The shared module after the fix, as the side runs it (`.js`). */
  file: string;
  getter: string;
  close: 'quit' | 'close';
}

export interface SideOptions {
  root: string;
  /** The side's environment: this process's, with the scenario's variables set or removed. */
  env: NodeJS.ProcessEnv;
}

export interface StopOptions {
  /** Close the fix's shared client in the side's process, so nothing it opened outlives the side. */
  closeShared?: SharedClient;
  /** Stop as a platform stops a server: SIGTERM, after which the process must exit by itself with code 0. */
  terminate?: boolean;
}

export interface SideProcess {
  call(driver: SessionDriver, entry: string, input: unknown): Promise<Answer>;
  /** Every outgoing connection the app attempted so far, as `host:port`, wherever it was headed. */
  connectionAttempts(): Promise<string[]>;
  /** Ends the side; for `terminate`, how the process exited. */
  stop(options: StopOptions): Promise<Answer>;
}

interface Exit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

function exitOf(child: ChildProcess, what: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not exit within ${CHILD_EXIT_TIMEOUT_MS} ms: something still holds its event loop open.`));
    }, CHILD_EXIT_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal });
    });
  });
}

/** A child killed by a signal or ending with a code other than 0 did not stop by itself. */
function assertCleanExit(exit: Exit, what: string, stderr: string): void {
  if (exit.exitCode !== 0) {
    throw new Error(`${what} ended with ${exit.signal ?? `exit code ${exit.exitCode}`} instead of exit code 0:\n${stderr.slice(-2_000)}`);
  }
}

/** Keeps what the child prints on stderr, for the message of a failure. */
function stderrOf(child: ChildProcess): () => string {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
  return () => stderr;
}

async function runScript(options: SideOptions, file: string): Promise<Answer> {
  const child = spawn(process.execPath, [path.join(options.root, file)], { cwd: options.root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const stderr = stderrOf(child);
  const exit = await exitOf(child, `node ${file}`);
  assertCleanExit(exit, `node ${file}`, stderr());
  return { ...exit, stdout };
}

interface Reply {
  id?: number;
  ready?: boolean;
  answer?: Answer;
  error?: string;
}

/** Starts the side's `node` in the project copy and waits until it listens for calls. */
export async function startSide(options: SideOptions): Promise<SideProcess> {
  const child = fork(sideScript, [], { cwd: options.root, env: options.env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  liveSides.add(child);
  const stderr = stderrOf(child);
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited: Exit | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (reply: Reply) => {
      if (reply.ready) resolve();
      const waiter = reply.id === undefined ? undefined : pending.get(reply.id);
      pending.delete(reply.id!);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.answer ?? null);
    });
    child.once('exit', (exitCode, signal) => {
      liveSides.delete(child);
      exited = { exitCode, signal };
      const crash = new Error(`the side's node process ended with ${signal ?? `exit code ${exitCode}`}:\n${stderr()}`);
      reject(crash);
      for (const waiter of pending.values()) waiter.reject(crash);
      pending.clear();
    });
  });
  await ready;

  const send = (message: object): Promise<Answer> => {
    if (exited) return Promise.reject(new Error(`the side's node process has already ended:\n${stderr()}`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ ...message, id });
    });
  };

  return {
    call(driver, entry, input) {
      if (driver.kind === 'script') return runScript(options, driver.file);
      return send({ type: 'call', driver, entry, input });
    },
    async connectionAttempts() {
      return (await send({ type: 'connection-attempts' })) as string[];
    },
    async stop({ closeShared, terminate }) {
      if (!terminate) {
        try {
          return await send({ type: 'stop', closeShared });
        } finally {
          child.kill('SIGKILL');
        }
      }
      const exit = exited ? Promise.resolve(exited) : exitOf(child, 'the side, after SIGTERM,');
      child.disconnect();
      child.kill('SIGTERM');
      const outcome = await exit;
      assertCleanExit(outcome, 'the side, after SIGTERM,', stderr());
      return outcome;
    },
  };
}
