import { dirname, resolve } from 'node:path';
import type { ConstructionInfo } from '../types.js';
import type { ModuleLookup } from './imported-sites.js';
import type { OwningPackage } from './owning-package.js';
import { readJson } from './owning-package.js';

type ReadFile = (path: string) => string | undefined;

/**
 * The client API a package is written against, which decides the code the shared module holds:
 * ioredis 4 has only a default export; node-redis 3 connects by itself and has no `connect()`;
 * node-redis 4 closes at once with `disconnect()`, 5 and later with `destroy()`.
 */
export type ClientApi =
  | { library: 'ioredis'; major: number; namedExport: boolean }
  | { library: 'node-redis'; major: number; connects: boolean; closeAtOnce: 'disconnect' | 'destroy' }
  | { unsupported: string };

/** The installed version (its node_modules, as Node would resolve it) or else the range the manifest asks for. */
export function clientApi(owner: OwningPackage, module: string, scanRoot: string, readFile: ReadFile): ClientApi {
  const version = installedVersion(owner.root, module, scanRoot, readFile) ?? owner.dependencies[module];
  // A package that does not declare the client gets today's API, as a fresh install would.
  const major = version === undefined ? undefined : majorOf(version);
  if (module === 'ioredis') {
    if (major !== undefined && major < 4) return { unsupported: `ioredis ${version} is older than 4, which the codemod does not write code for` };
    return { library: 'ioredis', major: major ?? 5, namedExport: major === undefined || major >= 5 };
  }
  // @redis/client 1.x is what node-redis 4 ships.
  const nodeRedisMajor = module === '@redis/client' && major !== undefined && major < 4 ? 4 : major;
  if (nodeRedisMajor !== undefined && nodeRedisMajor < 3) {
    return { unsupported: `node-redis ${version} is older than 3, which the codemod does not write code for` };
  }
  const resolved = nodeRedisMajor ?? 5;
  return { library: 'node-redis', major: resolved, connects: resolved >= 4, closeAtOnce: resolved >= 5 ? 'destroy' : 'disconnect' };
}

function installedVersion(packageRoot: string, module: string, scanRoot: string, readFile: ReadFile): string | undefined {
  for (let folder = packageRoot; folder.startsWith(scanRoot); folder = dirname(folder)) {
    const version = readJson(readFile, resolve(folder, 'node_modules', module, 'package.json'))?.version;
    if (typeof version === 'string') return version;
    if (folder === scanRoot || dirname(folder) === folder) break;
  }
  return undefined;
}

/** 4 from `4.28.5`, `^4.28.0`, `~4`, `4.x`, `>=4 <5`; undefined for `latest`, `*`, tags and URLs. */
function majorOf(version: string): number | undefined {
  const match = /^\s*(?:npm:[^@]+@)?[\^~>=v ]*(\d+)/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** The client modules whose installed version decides the API (a configured fork keeps today's API). */
const VERSIONED_MODULES = new Set(['ioredis', 'redis', '@redis/client']);

/** The API the package that holds `file` has installed for the client a construction builds, when the lookup can read it. */
export function installedApiFor(lookup: ModuleLookup | undefined, file: string, info: ConstructionInfo): ClientApi | undefined {
  return VERSIONED_MODULES.has(info.module) ? lookup?.clientApiOf?.(file, info.module) : undefined;
}
