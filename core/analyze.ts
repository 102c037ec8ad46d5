import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { constructionLabel, enclosingFunction, outermostTransparent, propertyName, resolveIdentifier, staticString } from './ast.js';
import { clientUsage, type ClientUsage } from './client-usage.js';
import { findConstructions } from './constructions.js';
import { hoistability, type ConstructionRole, type Hoistability } from './hoistability.js';
import { fileRole, hasDirective } from './request-handlers.js';
import { KnownClients, type KnownClient } from './known-clients.js';
import { installedApiFor } from './project/client-api.js';
import { perCallConnects } from './per-call-connects.js';
import type { ClientOrigin } from './project/facts.js';
import { declaredImports, importedBindings, importedSites, isImportedOnceWrapper, type ImportedBinding, type ModuleLookup } from './project/imported-sites.js';
import { packageRootOf } from './project/resolution.js';
import { configuredHandlerNames } from './serverless-config.js';
import { RunOnceAnalysis, type Execution, type ImportedFunction, type ImportedName } from './run-once.js';
import { buildTraceMaps, type TraceMaps } from './sources.js';
import type { AnalysisOptions, ClientSource, ConstructionInfo, ConstructionNode, FunctionNode, Node, ScopeManagerLike, VariableLike } from './types.js';

export interface PerCallSite {
  node: ConstructionNode;
  info: ConstructionInfo;
  /** `new Redis()`, `createClient()`: how messages name the construction. */
  label: string;
  /** The per-call context, as a phrase: "every request to this Next.js route handler `GET`". */
  context: string;
  hoist: Hoistability;
  usage: ClientUsage;
  /** The function the construction runs in. */
  fn: FunctionNode | undefined;
  /** Where the connection is really built, for a call of an imported factory or class or a `.duplicate()` of an imported client. */
  origin?: ClientOrigin;
  /** `.duplicate()` of a long-lived client (this site opens the connection), or a call whose arguments are data. */
  role?: ConstructionRole;
}

/** A construction with how often it runs; `origin` and `problem` for one that opens a connection built in another module. */
export interface AnalysedConstruction {
  node: ConstructionNode;
  info: ConstructionInfo;
  execution: Execution;
  origin?: ClientOrigin;
  /** Why the connection cannot be shared, as the rule words it. */
  problem?: string;
  role?: ConstructionRole;
  /** For a call through an import: the module and export it goes through. */
  via?: { file: string; name: string };
  /** For a call of an export whose options come from its parameters: the export's own reason (see ImportedSite). */
  parameterReason?: string;
}

/** With typed linting: the client a value's type says it is (ioredis or node-redis), if any. */
export type TypedClient = (value: Node) => ConstructionInfo | undefined;

export const DEFAULT_OPTIONS = {
  sources: [] as ClientSource[],
  handlerNames: ['handler'],
  onceWrappers: ['once', 'memoize'],
  allowInFunctions: [] as string[],
};

const traceMapCache = new WeakMap<readonly ClientSource[], TraceMaps>();

function traceMapsFor(sources: readonly ClientSource[]): TraceMaps {
  let maps = traceMapCache.get(sources);
  if (!maps) {
    maps = buildTraceMaps(sources);
    traceMapCache.set(sources, maps);
  }
  return maps;
}

/** A quoted built-in client module: `'ioredis'`, `"redis"`, `'@redis/client'` (not `'@/lib/redis'`). */
const BUILT_IN_SPECIFIER = /(['"`])(?:ioredis|redis|@redis\/client)\1/;

/** Cheap text test run before any analysis: a file that names no client module cannot build a client. */
export function mentionsClientModule(sourceText: string, sources: readonly ClientSource[]): boolean {
  // `redis` is in every built-in module name; the substring search turns most files away before any regex runs.
  if (sourceText.includes('redis') && BUILT_IN_SPECIFIER.test(sourceText)) return true;
  return sources.some((source) => sourceText.includes(source.module));
}

/**
 * Every construction in the file, with how often it runs: built here (found by import source), spawned from a
 * client the file knows (`this.client.duplicate()`), or opened through an import from another project module
 * (`lookup` reaches their summaries; without it, the file is read alone).
 */
export function analyseConstructions(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  sourceText: string,
  options: AnalysisOptions,
  lookup?: ModuleLookup,
  typedClient?: TypedClient,
): { constructions: AnalysedConstruction[]; bindings: Map<VariableLike, ImportedBinding> } {
  // A 'use client' module runs in the browser: no connection opens there, and a server action it calls is a request.
  if (hasDirective(program.body, 'use client')) return { constructions: [], bindings: new Map<VariableLike, ImportedBinding>() };
  const local = findConstructions(program, scopeManager, traceMapsFor(options.sources));
  const bindings = lookup ? importedBindings(program, scopeManager, options.filename, lookup) : new Map<VariableLike, ImportedBinding>();
  const imported = importedSites(bindings, scopeManager);
  const built = new Map<Node, ConstructionInfo>(local.map(({ node, info }) => [node, info]));
  for (const site of imported) if (!built.has(site.node)) built.set(site.node, site.info);
  const knownClients = new KnownClients(program, scopeManager, options.sources, (value) => {
    const info = built.get(value);
    return info ? { info } : importedClient(value, bindings, scopeManager);
  }, typedClient);
  const spawned = knownClients.spawns(program, sourceText, new Set(built.keys()));
  if (local.length === 0 && imported.length === 0 && spawned.length === 0) return { constructions: [], bindings };

  const runOnce = runOnceAnalysisOf(program, scopeManager, options, bindings);
  const constructions: AnalysedConstruction[] = [];
  const seen = new Set<Node>();
  const add = (construction: Omit<AnalysedConstruction, 'execution'>): void => {
    if (seen.has(construction.node)) return;
    seen.add(construction.node);
    constructions.push({ ...construction, execution: runOnce.executionOf(construction.node) });
  };
  for (const construction of local) add(construction);
  for (const site of imported) add(site);
  for (const spawn of spawned) add({ ...spawn, role: { sharedReceiver: true } });
  // A module client connected again on every call opens a connection per call, like a construction there.
  for (const connect of perCallConnects(local, scopeManager)) add(connect);
  return { constructions: constructions.sort((a, b) => a.node.range[0] - b.node.range[0]), bindings };
}

/** How often code runs anywhere in a file, with what its imports bring (run-once wrappers from project modules). */
function runOnceAnalysisOf(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  options: AnalysisOptions,
  bindings: ReadonlyMap<VariableLike, ImportedBinding>,
): RunOnceAnalysis {
  const { imports, modules } = importsOf(program);
  const behaviour = { isOnceWrapper: (callee: Node) => isImportedOnceWrapper(callee, bindings, scopeManager) };
  // A Serverless Framework config may name any export of this file as a Lambda handler.
  const configured = configuredHandlerNames(options.filename);
  const runOptions = configured.length === 0 ? options : { ...options, handlerNames: [...options.handlerNames, ...configured] };
  return new RunOnceAnalysis(scopeManager, runOptions, fileRole(options.filename, program), imports, modules, behaviour);
}

/** An export of another module, as an importer reaches it. */
export interface ImportedExport {
  /** The module's path, as `resolve` answers for the importer's specifiers. */
  file: string;
  /** The export's name: `default` for the default export and `module.exports`. */
  name: string;
}

/**
 * How often an export of another module runs through this file's uses of it: registered as a route callback
 * (`router.get('/', visits)`), called from a handler, exported again from an entry file. `skip` names the calls
 * of the export that are sites of their own (an imported factory's, reported where they are made).
 */
export function importedUseExecutions(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  options: AnalysisOptions,
  resolve: (specifier: string) => string | undefined,
  target: ImportedExport,
  lookup?: ModuleLookup,
  skip: (call: Node) => boolean = () => false,
): Execution[] {
  const uses: Node[] = [];
  for (const { specifier, imported, local } of declaredImports(program)) {
    const whole = imported === '*' || (imported === 'default' && target.name !== 'default');
    if ((imported !== target.name && !whole) || resolve(specifier) !== target.file) continue;
    for (const reference of resolveIdentifier(scopeManager, local)?.references ?? []) {
      const identifier = reference.identifier;
      if (identifier === local || !reference.isRead()) continue;
      // `import * as controllers` (or a CommonJS module object): `controllers.visits` is the use.
      const member = identifier.parent;
      if (!whole) uses.push(identifier);
      else if (member?.type === 'MemberExpression' && member.object === identifier && propertyName(member) === target.name) uses.push(member);
    }
  }
  if (uses.length === 0) return [];
  const bindings = lookup ? importedBindings(program, scopeManager, options.filename, lookup) : new Map<VariableLike, ImportedBinding>();
  const runOnce = runOnceAnalysisOf(program, scopeManager, options, bindings);
  const imported: ImportedFunction = { type: 'ImportedFunction', name: target.name === 'default' ? importedLocalName(uses[0]) : target.name, async: false, params: [] };
  const executions: Execution[] = [];
  for (const use of uses) {
    const outer = outermostTransparent(use);
    const call = outer.parent;
    if ((call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.callee === outer && skip(call)) continue;
    const execution = runOnce.importedUseExecution(use, imported);
    // Read where the export is defined, the context says where the route is: "the Express route callback in src/routes/root.ts:7".
    if (execution) executions.push(execution.runsOnce ? execution : { runsOnce: false, context: `${execution.context.replace(/\bthis\b/, 'the')} in ${placeOf(use, options.filename)}` });
  }
  return executions;
}

/** `src/routes/root.ts:7`: a position in a file, relative to its package. */
function placeOf(node: Node, file: string): string {
  const root = packageRootOf(file);
  const shown = root === undefined ? path.basename(file) : path.relative(root, file);
  return `${shown.split(path.sep).join('/')}:${node.loc.start.line}`;
}

/** `rootController` for `import rootController from './root'`: the name a default export is known by here. */
function importedLocalName(use: Node): string {
  return use.type === 'Identifier' ? use.name : use.type === 'MemberExpression' ? (propertyName(use) ?? 'default') : 'default';
}

/** Every construction that runs per call, with its context, hoistability and what the fixes must follow. */
export function findPerCallSites(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  sourceText: string,
  options: AnalysisOptions,
  lookup?: ModuleLookup,
  typedClient?: TypedClient,
): PerCallSite[] {
  const { constructions } = analyseConstructions(program, scopeManager, sourceText, options, lookup, typedClient);
  const sites: PerCallSite[] = [];
  for (const { node, info, execution, origin, problem, role, parameterReason } of constructions) {
    if (execution.runsOnce) continue;
    const fn = enclosingFunction(node);
    const usage = clientUsage(node, scopeManager);
    // What this code does with the client (subscribe, WATCH…) says more than what the export's own module says.
    let hoist = problem !== undefined && usage.problem === undefined ? { hoistable: false as const, reason: problem } : hoistability(node, info, usage, fn, scopeManager, role, installedApiFor(lookup, options.filename, info));
    // Constant arguments still go through the export's parameters: where the client is built, it cannot move.
    if (hoist.hoistable && parameterReason !== undefined) hoist = { hoistable: false, reason: parameterReason };
    sites.push({ node, info, label: constructionLabel(node, sourceText), context: execution.context, hoist, usage, fn, origin, role });
  }
  return sites;
}

/** `redis` imported from a module that exports a client: what it is and where it is built. */
function importedClient(value: Node, bindings: ReadonlyMap<VariableLike, ImportedBinding>, scopeManager: ScopeManagerLike): KnownClient | undefined {
  if (value.type !== 'Identifier') return undefined;
  const variable = resolveIdentifier(scopeManager, value);
  const binding = variable ? bindings.get(variable) : undefined;
  const fact = binding?.module.exports.get(binding.imported);
  return fact?.kind === 'instance' ? { info: fact.origin.info, origin: fact.origin } : undefined;
}

/** Local names bound by imports, and every module the file imports or requires at top level. */
function importsOf(program: TSESTree.Program): { imports: Map<string, ImportedName>; modules: Set<string> } {
  const imports = new Map<string, ImportedName>();
  const modules = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const module = statement.source.value;
      modules.add(module);
      for (const specifier of statement.specifiers) {
        const imported =
          specifier.type === 'ImportSpecifier'
            ? specifier.imported.type === 'Identifier'
              ? specifier.imported.name
              : specifier.imported.value
            : specifier.type === 'ImportDefaultSpecifier'
              ? 'default'
              : '*';
        imports.set(specifier.local.name, { module, imported });
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require') {
          const module = staticString(init.arguments[0]);
          if (module !== undefined) modules.add(module);
        }
      }
    }
  }
  return { imports, modules };
}
