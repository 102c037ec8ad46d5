import type { TSESTree } from '@typescript-eslint/types';
import { enclosingFunction, functionName, outermostTransparent, walk } from '../core/ast.js';
import { codeStyleOf, DEFAULT_CODE_STYLE, quoted, styledLines, type CodeStyle } from '../core/code-style.js';
import { memoAssignment, renderConnectingGetter } from '../core/connecting-getter.js';
import type { ClientAnnotation } from '../core/client-annotation.js';
import { getterRetriesFirstConnect, renderCreateFunction, type ErrorListener, type MovedErrorListener } from '../core/error-listeners.js';
import { findConstructions } from '../core/constructions.js';
import { globalHolderLines } from '../core/hot-reload-guard.js';
import { baseName, capitalised, configurationNames } from '../core/binding-names.js';
import { buildTraceMaps } from '../core/sources.js';
import { calledWith, freshText, movedText, reindented, type MovedText } from '../core/moved-text.js';
import type { ConstructionInfo, ConstructionNode } from '../core/types.js';
import type { ClientApi } from '../core/project/client-api.js';
import { parseFile } from './parse.js';
import type { ProjectLayout } from './project-layout.js';

/** One distinct client configuration: same library, same kind of connection, same arguments. */
export interface ClientConfig {
  key: string;
  library: 'ioredis' | 'node-redis';
  module: string;
  builds: ConstructionInfo['builds'];
  /** The arguments as written at the first call site, re-indented where the shared module writes them. */
  args: MovedText;
}

export type SupportedApi = Exclude<ClientApi, { unsupported: string }>;

/** How call sites reach a shared client: an existing module-level export, a getter, or an awaited getter. */
export type ClientAccess = 'value' | 'call' | 'await';

/** An export of the shared module serving one configuration. */
export interface SharedExport {
  config: ClientConfig;
  api: SupportedApi;
  /** The client's name, its key in the holder: `redis`, `cacheRedis`. */
  name: string;
  access: ClientAccess;
  /** What call sites import: `getRedis` (or `redis` for an existing module-level export). */
  imported: string;
  /** Its module when that is not the package's shared module (a new module beside one that builds at import). */
  module?: string;
  /** The type the call sites annotate their client with, which the shared client is built under (node-redis 4+). */
  returnType?: ClientAnnotation;
  /** The call sites' own 'error' listeners, registered once on the shared client. */
  errorListeners?: readonly MovedErrorListener[];
  /** An existing module's node-redis 4+ getter: whether it registers an 'error' listener before connecting; unknown when absent. */
  retriesFirstConnect?: boolean;
}

/** The listeners' handlers as they stand at the call site, re-indented where the shared module writes them. */
export function movedListeners(source: string, listeners: readonly ErrorListener[]): MovedErrorListener[] {
  return listeners.map(({ method, handler, beforeConnect }) => ({ method, handler: movedText(source, [handler]), beforeConnect }));
}

export function configOf(node: ConstructionNode, info: ConstructionInfo, source: string): ClientConfig | undefined {
  if (info.library === 'custom') return undefined;
  const args = movedText(source, node.arguments);
  const normalised = withoutTypeAssertions(source, node.arguments).replace(/\s+/g, '').replace(/'/g, '"').replace(/,([}\]])/g, '$1');
  return {
    key: `${info.library}|${info.module}|${info.builds}|${normalised}`,
    library: info.library,
    module: info.module,
    builds: info.builds,
    args,
  };
}

/**
 * The arguments' text without `!`, `as T` and `satisfies T`, which change no value: `process.env.REDIS_URL!` and
 * `process.env.REDIS_URL as string` connect to the same server.
 */
function withoutTypeAssertions(source: string, args: readonly TSESTree.Node[]): string {
  if (args.length === 0) return '';
  const [start, end] = [args[0].range[0], args.at(-1)!.range[1]];
  const cuts: [number, number][] = [];
  for (const arg of args) {
    walk(arg, (node) => {
      if (node.type === 'TSNonNullExpression' || node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') {
        cuts.push([node.expression.range[1], node.range[1]]);
      }
    });
  }
  let text = '';
  let cursor = start;
  for (const [from, to] of cuts.sort((a, b) => a[0] - b[0])) {
    if (from < cursor) continue;
    text += source.slice(cursor, from);
    cursor = to;
  }
  return text + source.slice(cursor, end);
}

/** A call or `new` of the client library that takes the arguments moved from a call site. */
interface MovedConstruction {
  /** `new Redis`, `createClient`. */
  callee: string;
  args: MovedText;
}

/** The construction as written on a line indented by `indent`: the arguments' lines keep their depth below it. */
function indented(construction: MovedConstruction, indent: string, unit: string): string {
  return `${construction.callee}(${reindented(construction.args, indent, unit)})`;
}

/** How a node-redis 4+ client's first connect fails, which names a second client for options another one serves. */
export type FirstConnect = 'retrying' | 'failFast';

/** `retryingRedis`, `failFastCacheRedis`: the names a second client for the same options can take, best first. */
export function firstConnectNames(config: ClientConfig, firstConnect: FirstConnect): string[] {
  return [...configurationNames(config.args.text, config.builds), baseName(config.builds)].map((name) => `${firstConnect}${capitalised(name)}`);
}

/**
 * `cacheRedis` for a client configured from `CACHE_REDIS_URL`; plain `redis` for the first one when nothing names it;
 * for a second client of the same options, a name saying how its first connect fails; undefined when a further
 * configuration has nothing to be named after (never `redis2`).
 */
export function exportNameFor(config: ClientConfig, taken: ReadonlySet<string>, descriptive: boolean, firstConnect?: FirstConnect): string | undefined {
  const free = (candidate: string): boolean => !taken.has(candidate) && !taken.has(getterNameFor(candidate));
  if (firstConnect !== undefined) return firstConnectNames(config, firstConnect).find(free);
  const base = baseName(config.builds);
  const named = configurationNames(config.args.text, config.builds);
  const candidates = descriptive ? [...named, base] : [base, ...named];
  // The same env var read by both libraries: the library tells the two clients apart.
  const library = config.library === 'node-redis' ? 'node' : 'io';
  candidates.push(...named.map((name) => `${library}${name[0].toUpperCase()}${name.slice(1)}`), `${library}${base[0].toUpperCase()}${base.slice(1)}`);
  return candidates.find(free);
}

export function getterNameFor(name: string): string {
  return `get${name[0].toUpperCase()}${name.slice(1)}`;
}

export function accessFor(api: SupportedApi): ClientAccess {
  return api.library === 'node-redis' && api.connects ? 'await' : 'call';
}

const FACTORIES = { client: 'createClient', cluster: 'createCluster', sentinel: 'createSentinel', pool: 'createClientPool' } as const;

/**
 * Local names for the client library's bindings (`Redis`, `Cluster`, `createClient`…): themselves, unless an
 * existing module already uses the name for something else (`Redis` from @upstash/redis), then an alias.
 */
export type BindingNames = ReadonlyMap<string, string>;
const NO_ALIASES: BindingNames = new Map();
const local = (name: string, aliases: BindingNames): string => aliases.get(name) ?? name;

function constructorExpression(shared: SharedExport, aliases: BindingNames = NO_ALIASES): MovedConstruction {
  const { config, api } = shared;
  if (api.library === 'ioredis') {
    const cluster = config.builds === 'cluster';
    const redis = local('Redis', aliases);
    if (!api.namedExport) return { callee: cluster ? `new ${redis}.Cluster` : `new ${redis}`, args: config.args };
    return { callee: cluster ? `new ${local('Cluster', aliases)}` : `new ${redis}`, args: config.args };
  }
  return { callee: local(FACTORIES[config.builds], aliases), args: config.args };
}

function clientType(shared: SharedExport, aliases: BindingNames = NO_ALIASES): string {
  const { config, api } = shared;
  if (api.library === 'ioredis') {
    const cluster = config.builds === 'cluster';
    const redis = local('Redis', aliases);
    if (!api.namedExport) return cluster ? `${redis}.Cluster` : `${redis}.Redis`;
    return cluster ? local('Cluster', aliases) : redis;
  }
  // node-redis 3 has no awaited factory to name the type after; its own factory's result is the client.
  if (!api.connects) return `ReturnType<typeof ${local(FACTORIES[config.builds], aliases)}>`;
  return `${capitalised(shared.name)}Client`;
}

/** What each client module must bind: its default export's name and its named exports. */
function requiredBindings(exports: readonly SharedExport[]): Map<string, { defaultName?: string; named: Set<string> }> {
  const byModule = new Map<string, { defaultName?: string; named: Set<string> }>();
  for (const { config, api } of exports) {
    const entry = byModule.get(config.module) ?? { named: new Set<string>() };
    if (api.library === 'ioredis' && !api.namedExport) entry.defaultName = 'Redis';
    // Named imports type-check and run under every module setting, NodeNext ESM included.
    else if (api.library === 'ioredis') entry.named.add(config.builds === 'cluster' ? 'Cluster' : 'Redis');
    else entry.named.add(FACTORIES[config.builds]);
    byModule.set(config.module, entry);
  }
  return byModule;
}

function importLines(exports: readonly SharedExport[], layout: ProjectLayout, style: CodeStyle, aliases: BindingNames = NO_ALIASES): string[] {
  const lines: string[] = [];
  // The types the call sites annotate their clients with, under the names those annotations use.
  const types = new Map<string, Set<string>>();
  for (const { returnType } of layout.typescript ? exports : []) {
    for (const { imported, local } of returnType?.names ?? []) types.set(returnType!.module, (types.get(returnType!.module) ?? new Set()).add(imported === local ? imported : `${imported} as ${local}`));
  }
  for (const [module, { defaultName, named }] of requiredBindings(exports)) {
    const names = [...named].sort();
    if (layout.esm) {
      const specifiers = names.map((name) => (aliases.has(name) ? `${name} as ${aliases.get(name)}` : name));
      const clause = [defaultName && local(defaultName, aliases), specifiers.length > 0 ? `{ ${specifiers.join(', ')} }` : undefined].filter(Boolean).join(', ');
      lines.push(`import ${clause} from ${quoted(module, style)};`);
    } else {
      if (defaultName) lines.push(`const ${local(defaultName, aliases)} = require(${quoted(module, style)});`);
      const properties = names.map((name) => (aliases.has(name) ? `${name}: ${aliases.get(name)}` : name));
      if (properties.length > 0) lines.push(`const { ${properties.join(', ')} } = require(${quoted(module, style)});`);
    }
  }
  for (const [module, names] of types) lines.push(`import type { ${[...names].sort().join(', ')} } from ${quoted(module, style)};`);
  return lines;
}

/** The text of a new shared module, written as `style` says: one lazily built client per configuration. */
export function renderSharedModule(exports: readonly SharedExport[], layout: ProjectLayout, style: CodeStyle = DEFAULT_CODE_STYLE): string {
  return `${styledLines([...importLines(exports, layout, style), '', ...renderExports(exports, layout, layout.hotReload ? 'globalForRedis' : 'redisClients', style)], style).join('\n')}\n`;
}

/**
 * The holder and a getter per export. The client is built inside the getter, so nothing is evaluated or connected
 * at import: options are read when the first caller needs the client, as they were when it was built per call.
 */
function renderExports(exports: readonly SharedExport[], layout: ProjectLayout, holder: string, style: CodeStyle, aliases: BindingNames = NO_ALIASES): string[] {
  const ts = layout.typescript;
  const { unit } = style;
  const lines: string[] = [];
  const connecting = exports.filter((shared) => shared.access === 'await');
  for (const shared of connecting) {
    const returns = ts && shared.returnType ? `: ${shared.returnType.text}` : '';
    lines.push(`function ${factoryName(shared)}()${returns} {`, `${unit}return ${indented(constructorExpression(shared, aliases), unit, unit)};`, '}', '');
    if (ts) lines.push(`type ${clientType(shared, aliases)} = ReturnType<typeof ${factoryName(shared)}>;`, '');
  }
  // ioredis and node-redis 3 register the code's own listeners where the client is built.
  for (const shared of exports.filter((candidate) => candidate.access !== 'await' && (candidate.errorListeners ?? []).length > 0)) {
    const { callee, args } = constructorExpression(shared, aliases);
    lines.push(...renderCreateFunction({ name: factoryName(shared), construction: calledWith(callee, args), listeners: shared.errorListeners!, client: clientLocal(shared), style }), '');
  }
  const slotType = (shared: SharedExport): string => (shared.access === 'await' ? `Promise<${clientType(shared, aliases)}>` : clientType(shared, aliases));
  const holderType = `{ ${exports.map((shared) => `${shared.name}?: ${slotType(shared)}`).join('; ')} }`;
  lines.push('// One Redis client per process, built on first use: every request reuses its connection instead of opening one.');
  if (layout.hotReload) {
    lines.push(...globalHolderLines(layout.hotReload, holder, ts ? holderType : undefined));
  } else {
    lines.push(ts ? `const ${holder}: ${holderType} = {};` : `const ${holder} = {};`);
  }
  const exportKeyword = layout.esm ? 'export ' : '';
  for (const shared of exports) {
    const slot = `${holder}.${shared.name}`;
    lines.push('');
    if (shared.access === 'await' && shared.api.library === 'node-redis') {
      lines.push(
        ...renderConnectingGetter({
          getter: shared.imported,
          connect: connectName(shared),
          slot,
          client: 'client',
          construction: freshText(`${factoryName(shared)}()`),
          style,
          errorListeners: shared.errorListeners,
          closeAtOnce: shared.api.closeAtOnce,
          typescript: ts,
          clientType: clientType(shared, aliases),
          exported: layout.esm,
        }),
      );
    } else if ((shared.errorListeners ?? []).length > 0) {
      lines.push(
        '/** The shared client, built on the first call. */',
        `${exportKeyword}function ${shared.imported}()${ts ? `: ${clientType(shared, aliases)}` : ''} {`,
        `${unit}${memoAssignment(slot, `${factoryName(shared)}()`, ts)}`,
        `${unit}return ${slot};`,
        '}',
      );
    } else if (shared.api.library === 'node-redis') {
      // node-redis 3 connects by itself; without an 'error' listener a connection problem would crash the process.
      lines.push(
        '/** The shared client, built on the first call (node-redis 3 connects by itself). */',
        `${exportKeyword}function ${shared.imported}()${ts ? `: ${clientType(shared, aliases)}` : ''} {`,
        `${unit}if (!${slot}) {`,
        `${unit}${unit}${slot} = ${indented(constructorExpression(shared, aliases), unit.repeat(2), unit)};`,
        `${unit}${unit}${slot}.on(${quoted('error', style)}, (error${ts ? ': unknown' : ''}) => console.error(${quoted('Redis client error', style)}, error));`,
        `${unit}}`,
        `${unit}return ${slot};`,
        '}',
      );
    } else {
      lines.push(
        '/** The shared client, built on the first call. */',
        `${exportKeyword}function ${shared.imported}()${ts ? `: ${clientType(shared, aliases)}` : ''} {`,
        `${unit}${memoAssignment(slot, indented(constructorExpression(shared, aliases), unit, unit), ts)}`,
        `${unit}return ${slot};`,
        '}',
      );
    }
  }
  if (!layout.esm) {
    lines.push('');
    for (const shared of exports) lines.push(`exports.${shared.imported} = ${shared.imported};`);
  }
  return lines;
}

/** The create function's name for the client, free of any name a listener reads. */
function clientLocal(shared: SharedExport): string {
  return (shared.errorListeners ?? []).some(({ handler }) => /\bclient\b/.test(handler.text)) ? 'sharedClient' : 'client';
}

function factoryName(shared: SharedExport): string {
  return `create${capitalised(shared.name)}`;
}

function connectName(shared: SharedExport): string {
  return `connect${capitalised(shared.name)}`;
}

/** An existing shared module: the configurations it already exports, and how to add more. */
export interface ExistingModule {
  source: string;
  exports: SharedExport[];
  names: Set<string>;
  /** A client is built at module level, so importing the module opens it: nothing lazy can be added there. */
  buildsAtImport: boolean;
  /** How the module writes its code, which what is appended to it follows. */
  style: CodeStyle;
}

/**
 * The clients an existing module already shares: a module-level export (`export const redis = …`, reused as it is),
 * or a getter this codemod wrote (`export function getRedis()` building it on first use).
 */
export function readExistingModule(path: string, source: string, apiOf: (module: string) => ClientApi): ExistingModule {
  const { program, scopeManager } = parseFile(path, source);
  const exports: SharedExport[] = [];
  const names = new Set<string>();
  for (const scope of scopeManager.scopes) for (const variable of scope.variables) names.add(variable.name);
  const exported = exportedNames(program);
  let buildsAtImport = false;
  for (const { node, info } of findConstructions(program, scopeManager, buildTraceMaps([]))) {
    buildsAtImport ||= !enclosingFunction(node);
    const config = configOf(node, info, source);
    const api = config ? apiOf(config.module) : undefined;
    if (!config || !api || 'unsupported' in api) continue;
    const getter = enclosingGetter(node, exported);
    if (getter) {
      const name = getter[3].toLowerCase() + getter.slice(4);
      exports.push({ config, api, name, access: accessFor(api), imported: getter, ...firstConnectOf(program, getter) });
      continue;
    }
    const declarator = enclosingFunction(node) ? undefined : holdingDeclarator(node);
    if (!declarator || declarator.id.type !== 'Identifier' || !exported.has(declarator.id.name)) continue;
    const name = declarator.id.name;
    if (config.library === 'ioredis') {
      exports.push({ config, api, name, access: 'value', imported: name });
      continue;
    }
    // A module-level node-redis client is reused only through its connecting getter.
    const connected = [...exported].find((candidate) => candidate === getterNameFor(name));
    if (connected) exports.push({ config, api, name, access: 'await', imported: connected, ...firstConnectOf(program, connected) });
  }
  return { source, exports, names, buildsAtImport, style: codeStyleOf(source, program) };
}

/** How an existing getter's first connect fails, where the module shows it. */
function firstConnectOf(program: TSESTree.Program, getter: string): { retriesFirstConnect?: boolean } {
  const retries = getterRetriesFirstConnect(program, getter);
  return retries === undefined ? {} : { retriesFirstConnect: retries };
}

/** `getRedis` when the construction sits in an exported `get…()` function or a local factory only it calls. */
function enclosingGetter(node: ConstructionNode, exported: ReadonlySet<string>): string | undefined {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn) : undefined;
  if (!name) return undefined;
  if (exported.has(name) && /^get[A-Z]/.test(name)) return name;
  const factory = /^create([A-Z]\w*)$/.exec(name)?.[1];
  const getter = factory ? `get${factory}` : undefined;
  return getter && exported.has(getter) ? getter : undefined;
}

/** Appends exports for further configurations to an existing shared module. */
export function appendToModule(existing: ExistingModule, added: readonly SharedExport[], layout: ProjectLayout): string {
  const holder = uniqueHolder(existing, layout.hotReload ? 'globalForRedis' : 'redisClients');
  // A name the module already binds to another module (`Redis` from @upstash/redis) gets an alias for the client's.
  const aliases = new Map<string, string>();
  for (const [module, { defaultName, named }] of requiredBindings(added)) {
    for (const name of [...(defaultName ? [defaultName] : []), ...named]) {
      if (existing.names.has(name) && !importsFrom(existing.source, name, module)) aliases.set(name, aliasFor(name, module, existing.names));
    }
  }
  const block = styledLines(renderExports(added, layout, holder, existing.style, aliases), existing.style);
  const imports = styledLines(importLines(added, layout, existing.style, aliases).filter((line) => !importedNamesOf(line).every((name) => existing.names.has(name))), existing.style);
  let text = existing.source;
  if (imports.length > 0) text = `${imports.join('\n')}\n${text}`;
  return `${text.replace(/\s*$/, '\n')}\n${block.join('\n')}\n`;
}

/** Whether the module's text imports or requires `name` from `module`. */
function importsFrom(source: string, name: string, module: string): boolean {
  const quoted = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?:import|const)\\s[^;]*\\b${name}\\b[^;]*(?:from\\s*|require\\(\\s*)['"]${quoted}['"]`).test(source);
}

/** `IORedis` for ioredis's `Redis`, `createRedisClient` for node-redis's `createClient`; a suffix if even that is taken. */
function aliasFor(name: string, module: string, taken: ReadonlySet<string>): string {
  const prefix = module === 'ioredis' ? 'IO' : 'Redis';
  const candidate = /^create/.test(name) ? name.replace(/^create/, `create${prefix === 'IO' ? 'IORedis' : 'Redis'}`) : `${prefix}${name}`;
  return taken.has(candidate) ? `${candidate}FromClient` : candidate;
}

/** A holder name the module does not bind, nor its text use: a getter rewritten within it may have declared one. */
function uniqueHolder(existing: ExistingModule, preferred: string): string {
  const free = (name: string): boolean => !existing.names.has(name) && !new RegExp(`\\b${name}\\b`).test(existing.source);
  for (const candidate of [preferred, `${preferred}ByConfiguration`, 'sharedRedisClients']) if (free(candidate)) return candidate;
  return `${preferred}Added`;
}

/** `Redis`, `Cluster` from `import Redis, { Cluster } from 'ioredis';` or `const { Cluster } = require(…)`. */
function importedNamesOf(line: string): string[] {
  const clause = /^(?:import|const)\s+(.*?)\s+(?:from|=)/.exec(line)?.[1] ?? '';
  return clause.split(/[\s,{}]+/).filter(Boolean);
}

function holdingDeclarator(node: ConstructionNode): TSESTree.VariableDeclarator | undefined {
  let current = outermostTransparent(node);
  while (current.parent && (current.parent.type === 'LogicalExpression' || current.parent.type === 'ConditionalExpression' || current.parent.type === 'AwaitExpression')) {
    current = outermostTransparent(current.parent);
  }
  return current.parent?.type === 'VariableDeclarator' ? current.parent : undefined;
}

function exportedNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
      } else if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
        names.add(declaration.id.name);
      }
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === 'Identifier') names.add(specifier.local.name);
      }
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = statement.expression.left;
      if (left.type === 'MemberExpression' && left.property.type === 'Identifier' && left.object.type === 'Identifier' && left.object.name === 'exports') {
        names.add(left.property.name);
      }
    }
  }
  return names;
}
