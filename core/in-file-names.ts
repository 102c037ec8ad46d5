import { capitalised, clientNameCandidates, firstFreeNames, localClientName, noFreeNameReason, takenNames } from './binding-names.js';
import type { ConstructionInfo, ScopeManagerLike } from './types.js';

/** The names of one client moved within its file. */
export interface InFileClientNames {
  /** `getRedis`: what the sites call. */
  getter: string;
  /** `createRedis`, or `connectRedis` for a node-redis client that connects once. */
  factory: string;
  /** `redisClient`, `redisConnection`: the module-level binding that keeps the client. */
  slot: string;
  /** The generated function's own name for the client. */
  client: string;
}

/**
 * What the moves within one file have named: the names taken by what the rewrite adds, the names of each client by
 * what builds it (sites that build the same client share one getter), and the clients whose getter is written.
 */
export interface InFileNaming {
  reserved: Set<string>;
  clients: Map<string, InFileClientNames>;
  written: Set<string>;
}

export function newInFileNaming(reserved: Iterable<string> = []): InFileNaming {
  return { reserved: new Set(reserved), clients: new Map(), written: new Set() };
}

/** A client about to get a getter in its file, as naming sees it. */
export interface InFileClient {
  /** What builds it, as text: two sites with the same key share one getter. */
  key: string;
  /** `connect`: a node-redis 4+ client behind an awaited connecting getter; `create`: built by a create function. */
  kind: 'create' | 'connect';
  /** The name the site gave its client. */
  original: string | undefined;
  /** The construction's arguments, whose env var, `connectionName`, `keyPrefix` or `db` can name it. */
  argumentsText: string;
  builds: ConstructionInfo['builds'];
  /** Names the moved code reads, which the generated function's local must not shadow. */
  read: ReadonlySet<string>;
}

/**
 * The names of the client's getter, factory and slot: an earlier site's for the same client, or the first candidate
 * (see `clientNameCandidates`) whose three names are free in the file; a reason to leave the site when none is.
 */
export function nameInFileClient(client: InFileClient, scopeManager: ScopeManagerLike, naming: InFileNaming): InFileClientNames | { reason: string } {
  const known = naming.clients.get(client.key);
  if (known) return known;
  const taken = takenNames(scopeManager, new Set());
  for (const name of naming.reserved) taken.add(name);
  const derived = (base: string) => ({
    getter: `get${capitalised(base)}`,
    factory: `${client.kind}${capitalised(base)}`,
    slot: `${base}${client.kind === 'connect' ? 'Connection' : 'Client'}`,
  });
  const candidates = clientNameCandidates(client.original, client.argumentsText, client.builds);
  const names = firstFreeNames(candidates, derived, taken);
  if (!names) return { reason: noFreeNameReason(candidates.map((candidate) => derived(candidate).getter)) };
  const preferred = client.kind === 'connect' && client.original !== undefined ? [client.original] : [];
  const local = localClientName(new Set([...client.read, ...Object.values(names)]), preferred);
  if (local === undefined) return { reason: `the code it moves reads every plain name its client could take inside its new function (${[...client.read].join(', ')})` };
  const named = { ...names, client: local };
  for (const name of Object.values(names)) naming.reserved.add(name);
  naming.clients.set(client.key, named);
  return named;
}
