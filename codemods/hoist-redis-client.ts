import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { mayContainRedisClient, runCodemod } from './project.js';

/**
 * jscodeshift transform: rewrites one file's per-request Redis clients to import the shared client. Run on its
 * own it assumes the shared module at the default path under the current folder (`--root` and `--singleton`
 * change that) and does not write that module: `redis-singleton fix` does, once, for the whole project.
 */
export default function hoistRedisClient(file: FileInfo, api: API, options: Options): string | undefined {
  const extraModules = ((options.sources as { module: string }[] | undefined) ?? []).map((source) => source.module);
  if (!mayContainRedisClient(file.source, extraModules)) return undefined;
  const root = resolve(String(options.root ?? process.cwd()));
  const path = resolve(root, file.path);
  const result = runCodemod({
    root,
    files: [{ path, source: file.source }],
    singleton: options.singleton as string | undefined,
    readFile: (target) => (existsSync(target) ? readFileSync(target, 'utf8') : undefined),
    sources: options.sources as never,
  });
  for (const error of result.errors) api.report(`${error.file}: ${error.message}`);
  for (const skipped of result.sitesSkipped) api.report(`${skipped.file}:${skipped.line} skipped: ${skipped.reason}`);
  return result.writes.get(path) ?? file.source;
}

// The same parser family the rule uses; jscodeshift only passes the source through.
export const parser = 'tsx';
