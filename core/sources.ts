import { CALL, CONSTRUCT, ESM, READ, type TraceMap } from '@eslint-community/eslint-utils';
import type { ClientSource, ConstructionInfo } from './types.js';

type TraceNode = Record<string | symbol, unknown>;

function ioredisClass(module: string): TraceNode {
  const client: ConstructionInfo = { library: 'ioredis', module, kind: 'new', builds: 'client' };
  const clusterInfo: ConstructionInfo = { library: 'ioredis', module, kind: 'new', builds: 'cluster' };
  // READ finds `class AppRedis extends Redis {}`: instances of such a subclass open connections too.
  const cluster: TraceNode = { [CONSTRUCT]: clusterInfo, [READ]: { ...clusterInfo, kind: 'subclass' } };
  const redis: TraceNode = {
    [CONSTRUCT]: client,
    [READ]: { ...client, kind: 'subclass' },
    Cluster: cluster,
    createClient: { [CALL]: { ...client, kind: 'call' } },
  };
  // `require('ioredis')` is the class, and it also carries `.default`, `.Redis` and `.Cluster`.
  redis.default = redis;
  redis.Redis = redis;
  return redis;
}

function nodeRedisModule(module: string): TraceNode {
  const info = (kind: ConstructionInfo['kind'], builds: ConstructionInfo['builds']): ConstructionInfo => ({
    library: 'node-redis',
    module,
    kind,
    builds,
  });
  const classWithCreate = (builds: ConstructionInfo['builds']): TraceNode => ({
    [CONSTRUCT]: info('new', builds),
    create: { [CALL]: info('call', builds) },
  });
  const surface: TraceNode = {
    createClient: { [CALL]: info('call', 'client') },
    createCluster: { [CALL]: info('call', 'cluster') },
    createSentinel: { [CALL]: info('call', 'sentinel') },
    createClientPool: { [CALL]: info('call', 'pool') },
    RedisClient: classWithCreate('client'),
    RedisCluster: classWithCreate('cluster'),
    RedisSentinel: classWithCreate('sentinel'),
    RedisClientPool: classWithCreate('pool'),
  };
  surface.default = surface;
  return surface;
}

function customModule(source: ClientSource): TraceNode {
  const surface: TraceNode = {};
  for (const name of source.exports ?? ['default']) {
    const info: ConstructionInfo = { library: 'custom', module: source.module, kind: 'new', builds: 'client' };
    surface[name] = { [CONSTRUCT]: info, [CALL]: { ...info, kind: 'call' } };
  }
  return surface;
}

const BUILT_IN: readonly ClientSource[] = [
  { module: 'ioredis', like: 'ioredis' },
  { module: 'redis', like: 'node-redis' },
  { module: '@redis/client', like: 'node-redis' },
];

function surfaceOf(source: ClientSource): TraceNode {
  if (source.like === 'ioredis') {
    const surface = ioredisClass(source.module);
    return source.exports ? { ...customModule(source), ...surface } : surface;
  }
  if (source.like === 'node-redis') return nodeRedisModule(source.module);
  return customModule(source);
}

export interface TraceMaps {
  /** For `import` declarations (the map is keyed by module, flagged as ESM). */
  esm: TraceMap<ConstructionInfo>;
  /** For `require()` and `import x = require()`: what the module object is. */
  cjs: TraceMap<ConstructionInfo>;
  modules: readonly string[];
}

/** Trace maps for the built-in clients plus the user's `sources`, resolved by import source, never by name. */
export function buildTraceMaps(sources: readonly ClientSource[]): TraceMaps {
  const esm: Record<string, TraceNode> = {};
  const cjs: Record<string, TraceNode> = {};
  for (const source of [...BUILT_IN, ...sources]) {
    const surface = surfaceOf(source);
    esm[source.module] = { [ESM]: true, ...surface };
    cjs[source.module] = surface;
  }
  return {
    esm: esm as TraceMap<ConstructionInfo>,
    cjs: cjs as TraceMap<ConstructionInfo>,
    modules: Object.keys(esm),
  };
}
