import type { TSESTree } from '@typescript-eslint/types';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
/** The expression that opens a connection: `new Redis()`, `createClient()`, `client.duplicate()`. */
export type ConstructionNode = TSESTree.NewExpression | TSESTree.CallExpression;

/**
 * The part of a scope manager the analysis reads. Both ESLint's (eslint-scope, typescript-eslint's) and
 * `@typescript-eslint/scope-manager`'s `analyze()` provide it.
 */
export interface ScopeManagerLike {
  globalScope: ScopeLike | null;
  scopes: ScopeLike[];
  acquire(node: Node, inner?: boolean): ScopeLike | null;
}
export interface ScopeLike {
  type: string;
  block: Node;
  upper: ScopeLike | null;
  childScopes: ScopeLike[];
  variables: VariableLike[];
  set: Map<string, VariableLike>;
  references: ReferenceLike[];
  through: ReferenceLike[];
  variableScope: ScopeLike;
}
export interface VariableLike {
  name: string;
  scope: ScopeLike;
  identifiers: Node[];
  references: ReferenceLike[];
  defs: { type: string; node: Node; name: Node; parent?: Node | null }[];
}
export interface ReferenceLike {
  identifier: Node;
  from: ScopeLike;
  resolved: VariableLike | null;
  isRead(): boolean;
  isWrite(): boolean;
  writeExpr?: Node | null;
  init?: boolean;
}

export type Library = 'ioredis' | 'node-redis' | 'custom';

export interface ClientSource {
  /** Module specifier, e.g. `iovalkey` or `bullmq`. */
  module: string;
  /** Export names that build a connection; `default` for the default export. */
  exports?: string[];
  /** The module has the same API as one of the known clients. */
  like?: 'ioredis' | 'node-redis';
}

export interface AnalysisOptions {
  filename: string;
  sources: readonly ClientSource[];
  handlerNames: readonly string[];
  onceWrappers: readonly string[];
  allowInFunctions: readonly string[];
  /**
   * How often an export runs, decided from its callers in the rest of the project. Without it (the rule, which
   * sees one file) code that runs per call of an export with no caller in its own file is left to those callers.
   */
  callers?: (deferred: { name: string; kind: 'function' | 'class'; mayTakeRequest?: boolean }) => { runsOnce: true } | { runsOnce: false; context: string };
}

export interface ConstructionInfo {
  library: Library;
  /** Import source, e.g. `ioredis`, `redis`, `@redis/client`. */
  module: string;
  /** `new` for constructors, `call` for factories; `subclass` marks a read that a class may extend. */
  kind: 'new' | 'call' | 'subclass';
  /** What it builds, for naming the shared export. */
  builds: 'client' | 'cluster' | 'sentinel' | 'pool';
}
