import type { ConstructionInfo, ScopeManagerLike } from './types.js';

/** The name a client of this kind is given when nothing better is known. */
export function baseName(builds: ConstructionInfo['builds']): string {
  switch (builds) {
    case 'cluster':
      return 'redisCluster';
    case 'sentinel':
      return 'redisSentinel';
    case 'pool':
      return 'redisPool';
    default:
      return 'redis';
  }
}

/**
 * Names a new module-level binding must not take: every binding in the file and every global it reads, but the
 * bindings that go away.
 */
export function takenNames(scopeManager: ScopeManagerLike, leaving: ReadonlySet<unknown>): Set<string> {
  const names = new Set<string>();
  for (const scope of scopeManager.scopes) {
    // Any name in use anywhere in the file is avoided, so no reader mistakes one binding for another.
    for (const variable of scope.variables) if (!leaving.has(variable)) names.add(variable.name);
  }
  for (const reference of scopeManager.globalScope?.through ?? []) {
    if (reference.identifier.type === 'Identifier') names.add(reference.identifier.name);
  }
  return names;
}

/** `redis` → `Redis`, for `getRedis` and `createRedis`. */
export function capitalised(name: string): string {
  return `${name[0].toUpperCase()}${name.slice(1)}`;
}

export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}
