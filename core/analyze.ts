import type { TSESTree } from '@typescript-eslint/types';
import { constructionLabel, enclosingFunction, staticString } from './ast.js';
import { clientUsage, type ClientUsage } from './client-usage.js';
import { findConstructions } from './constructions.js';
import { hoistability, type Hoistability } from './hoistability.js';
import { fileRole } from './request-handlers.js';
import { RunOnceAnalysis, type ImportedName } from './run-once.js';
import { buildTraceMaps, type TraceMaps } from './sources.js';
import type { AnalysisOptions, ClientSource, ConstructionInfo, ConstructionNode, FunctionNode, ScopeManagerLike } from './types.js';

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
}

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

/** Every construction that runs per call, with its context, hoistability and what the fixes must follow. */
export function findPerCallSites(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  sourceText: string,
  options: AnalysisOptions,
): PerCallSite[] {
  const constructions = findConstructions(program, scopeManager, traceMapsFor(options.sources));
  if (constructions.length === 0) return [];
  const { imports, modules } = importsOf(program);
  const runOnce = new RunOnceAnalysis(scopeManager, options, fileRole(options.filename, program), imports, modules);
  const sites: PerCallSite[] = [];
  for (const { node, info } of constructions) {
    const execution = runOnce.executionOf(node);
    if (execution.runsOnce) continue;
    const fn = enclosingFunction(node);
    const usage = clientUsage(node, scopeManager);
    sites.push({
      node,
      info,
      label: constructionLabel(node, sourceText),
      context: execution.context,
      hoist: hoistability(node, info, usage, fn, scopeManager),
      usage,
      fn,
    });
  }
  return sites;
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
