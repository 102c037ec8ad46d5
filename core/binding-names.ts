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

const NOISE_WORDS = new Set(['redis', 'url', 'uri', 'host', 'port', 'tls', 'kv', 'connection', 'string', 'name', 'prefix']);

/**
 * Names for a client of this kind from what tells its configuration apart, in this order: its env var
 * (`CACHE_REDIS_URL` → `cacheRedis`), `connectionName`, `keyPrefix`, and `db` (`db: 2` → `redisDb2`).
 */
export function configurationNames(argumentsText: string, builds: ConstructionInfo['builds']): string[] {
  const base = baseName(builds);
  const words = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word && !NOISE_WORDS.has(word));
  const described: string[][] = [];
  for (const match of argumentsText.matchAll(/process\.env(?:\.|\[['"])([A-Za-z0-9_]+)/g)) described.push([...words(match[1]), base]);
  const connectionName = /connectionName\s*:\s*['"`]([^'"`]+)/.exec(argumentsText)?.[1];
  if (connectionName) described.push([...words(connectionName), base]);
  const keyPrefix = /keyPrefix\s*:\s*['"`]([^'"`]+)/.exec(argumentsText)?.[1];
  if (keyPrefix) described.push([...words(keyPrefix), base]);
  const db = /\b(?:db|database)\s*:\s*(\d+)/.exec(argumentsText)?.[1];
  if (db) described.push([base, 'db', db]);
  const names = described.filter((list) => list.length > 1).map((list) => list.map((word, index) => (index === 0 ? word : capitalised(word))).join(''));
  return [...new Set(names)].filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
}

/**
 * What a client moved within its file can be named after, best first: the binding it had, its configuration, its
 * kind, then `sharedRedis`. Never a numbered name: when all are taken, the site stays as it is.
 */
export function clientNameCandidates(original: string | undefined, argumentsText: string, builds: ConstructionInfo['builds']): string[] {
  const base = baseName(builds);
  return [...new Set([...(original === undefined ? [] : [original]), ...configurationNames(argumentsText, builds), base, `shared${capitalised(base)}`])];
}

/** The first candidate all of whose derived names are free, with those names. */
export function firstFreeNames<Names extends Record<string, string>>(candidates: readonly string[], derived: (base: string) => Names, taken: ReadonlySet<string>): Names | undefined {
  return candidates.map(derived).find((names) => Object.values(names).every((name) => !taken.has(name)));
}

/** Plain words a local inside a generated function can call the client, none of them read by the code it holds. */
const LOCAL_CLIENT_NAMES = ['client', 'redis', 'connection', 'redisClient', 'sharedClient'];

/** The local name for the client inside a generated function: `client`, else `preferred`, else another plain word. */
export function localClientName(read: ReadonlySet<string>, preferred: readonly string[] = []): string | undefined {
  const [first, ...rest] = LOCAL_CLIENT_NAMES;
  return [first, ...preferred, ...rest].find((name) => !read.has(name));
}

/** The skip reason when no candidate is free: the names it tried, as the reader meets them in the file. */
export function noFreeNameReason(tried: readonly string[]): string {
  return `every name its client could take here (${tried.map((name) => `\`${name}\``).join(', ')}) is already in use in this file; rename one of those bindings and run the fix again`;
}
