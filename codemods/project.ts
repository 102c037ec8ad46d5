import type { CodemodOptions, CodemodResult } from './types.js';

/** Pure: computes every write of a codemod run in memory; the CLI performs them. */
export function runCodemod(options: CodemodOptions): CodemodResult {
  void options;
  return { writes: new Map(), sitesHoisted: 0, sitesSkipped: [], modules: [], errors: [] };
}

/** Cheap text pre-filter: false means the file cannot build a Redis client and is never parsed. */
export function mayContainRedisClient(source: string, extraModules: readonly string[] = []): boolean {
  if (source.includes('redis') || source.includes('valkey')) return true;
  return extraModules.some((name) => source.includes(name));
}
