/**
 * Child-process load driver: `node --import tsx test/e2e/drive.ts <scenario> <projectDir> <calls> <concurrency>`,
 * run with cwd = projectDir so tsx applies the project's tsconfig (paths such as `@/lib/redis`).
 * Prints one JSON line `{ calls, errors, errorSamples, uncaught }` and exits, whatever clients leaked.
 */
import type { OpenDriver } from './drivers/types.js';

const CALL_TIMEOUT_MS = 5_000;
const MAX_SAMPLES = 5;

const drivers: Record<string, () => Promise<{ open: OpenDriver }>> = {
  'next-pages-api': () => import('./drivers/next-pages-api.js'),
  'next-app-router': () => import('./drivers/next-app-router.js'),
  'lambda-node-redis': () => import('./drivers/lambda-node-redis.js'),
  'lambda-cjs-cluster': () => import('./drivers/lambda-cjs-cluster.js'),
  express: () => import('./drivers/express.js'),
};

export interface DriveResult {
  calls: number;
  /** Calls that threw, answered with an error status (4xx/5xx) or did not finish within the per-call timeout. */
  errors: number;
  errorSamples: string[];
  /** Errors no call could catch: `'error'` events without a listener, unhandled rejections. */
  uncaught: number;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split('\n')[0].slice(0, 200);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`call did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const [scenario, projectDir, callsArg, concurrencyArg] = process.argv.slice(2);
  const calls = Number(callsArg);
  const concurrency = Number(concurrencyArg);
  const loadDriver = drivers[scenario];
  if (!loadDriver || !projectDir || !(calls > 0) || !(concurrency > 0)) {
    throw new Error(
      `usage: drive.ts <${Object.keys(drivers).join('|')}> <projectDir> <calls> <concurrency> (got ${process.argv.slice(2).join(' ')})`,
    );
  }

  const result: DriveResult = { calls, errors: 0, errorSamples: [], uncaught: 0 };
  const sample = (message: string) => {
    if (result.errorSamples.length < MAX_SAMPLES && !result.errorSamples.includes(message)) {
      result.errorSamples.push(message);
    }
  };
  // A per-request client without an 'error' listener kills the process on the first refused
  // connection; count it instead, as a platform would log it, and keep serving.
  const onUncaught = (error: unknown) => {
    result.uncaught++;
    sample(`uncaught ${describeError(error)}`);
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);

  const session = await (await loadDriver()).open(projectDir);
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next++;
      try {
        await withTimeout(session.call(index), CALL_TIMEOUT_MS);
      } catch (error) {
        result.errors++;
        sample(describeError(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  await withTimeout(session.close?.() ?? Promise.resolve(), CALL_TIMEOUT_MS).catch(() => undefined);

  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`, () =>
    process.exit(2),
  );
});
