import { contains, innermostScope, isFunction, isModuleLevelScope, topLevelStatement, walk } from './ast.js';
import type { ClientUsage } from './client-usage.js';
import { callbackHandlerReason, dedicatedConnectionReason } from './dedicated-connections.js';
import type { ClientApi } from './project/client-api.js';
import type { ConstructionInfo, ConstructionNode, FunctionNode, Node, ReferenceLike, ScopeLike, ScopeManagerLike } from './types.js';

export type Hoistability = { hoistable: true } | { hoistable: false; reason: string };

/** What the names a construction reads stand for, when it does not build the client itself. */
export interface ConstructionRole {
  /** `redis.duplicate()` of a long-lived client: the receiver is not built per call. */
  sharedReceiver?: boolean;
  /** `openCache(id)` of an imported factory whose client does not read its parameters: the arguments are data. */
  argumentsAreData?: boolean;
}

/**
 * Whether a per-call construction can move to module scope: its arguments read only module-scope bindings,
 * imports, literals and globals, and the code does not use the client in a way a shared connection cannot serve.
 */
export function hoistability(
  construction: ConstructionNode,
  info: ConstructionInfo,
  usage: ClientUsage,
  fn: FunctionNode | undefined,
  scopeManager: ScopeManagerLike,
  role: ConstructionRole = {},
  api?: ClientApi,
): Hoistability {
  // A shared client's dedicated connection: what the code does with it matters more than where the receiver lives.
  if (role.sharedReceiver && usage.problem !== undefined) return { hoistable: false, reason: usage.problem };
  const captured = role.argumentsAreData ? undefined : capturedName(construction, scopeManager);
  if (captured !== undefined) {
    // `client.duplicate()` of a client built per call: the receiver, not an option, is request-scoped.
    const receiver = construction.callee.type === 'MemberExpression' && contains(construction.callee, captured.node);
    if (receiver && role.sharedReceiver) return { hoistable: false, reason: `it duplicates \`${captured.name}\`, which module scope cannot reach` };
    const reason = receiver ? `it duplicates \`${captured.name}\`, a client built on every call` : `its options use \`${captured.name}\``;
    return { hoistable: false, reason };
  }
  const later = declaredFurtherDown(construction, scopeManager);
  if (later !== undefined) return { hoistable: false, reason: `it reads \`${later}\`, which is declared further down the file` };
  if (usage.problem !== undefined) return { hoistable: false, reason: usage.problem };
  const callerProblem = usage.callers.find((caller) => caller.problem !== undefined)?.problem;
  if (callerProblem !== undefined) return { hoistable: false, reason: callerProblem };
  const dedicated = dedicatedConnectionReason(construction, usage, fn) ?? callbackHandlerReason(fn);
  if (dedicated !== undefined) return { hoistable: false, reason: dedicated };
  if (api && 'unsupported' in api) return { hoistable: false, reason: api.unsupported };
  // node-redis 3 connects by itself: a synchronous getter can hand out the shared client.
  const awaitsConnection = info.library === 'node-redis' && !(api && 'connects' in api && !api.connects);
  if (awaitsConnection && fn && !fn.async) {
    return { hoistable: false, reason: 'it is in a function that is not async, so it cannot await the shared connection' };
  }
  if (awaitsConnection && !fn && inClassField(construction)) {
    return { hoistable: false, reason: 'it is built in a class field, which cannot await the shared connection' };
  }
  return { hoistable: true };
}

function inClassField(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'PropertyDefinition') return true;
  return false;
}

/** The first name the construction reads that lives inside a function (a request-scoped value), or `this`. */
function capturedName(construction: ConstructionNode, scopeManager: ScopeManagerLike): { name: string; node: Node } | undefined {
  const scope = innermostScope(scopeManager, construction);
  const candidates: { at: number; name: string; node: Node }[] = [];
  if (scope) {
    for (const reference of referencesWithin(scope, construction)) {
      const variable = reference.resolved;
      if (!variable || isModuleLevelScope(variable.scope) || isDynamicImportOfModule(variable)) continue;
      const declaredInside = variable.identifiers.some((identifier) => contains(construction, identifier));
      if (!declaredInside && reference.identifier.type === 'Identifier') {
        candidates.push({ at: reference.identifier.range[0], name: reference.identifier.name, node: reference.identifier });
      }
    }
  }
  walk(construction, (node) => {
    if (isFunction(node) && node.type !== 'ArrowFunctionExpression') return false;
    if (node.type === 'ThisExpression') candidates.push({ at: node.range[0], name: 'this', node });
    return true;
  });
  candidates.sort((a, b) => a.at - b.at);
  return candidates[0];
}

/**
 * A module-level `const`/`let`/`class` the construction reads but that is declared below the statement the fix
 * would put the client above: moved there, it would run before the binding exists.
 */
function declaredFurtherDown(construction: ConstructionNode, scopeManager: ScopeManagerLike): string | undefined {
  const scope = innermostScope(scopeManager, construction);
  if (!scope) return undefined;
  const statementStart = topLevelStatement(construction).range[0];
  for (const reference of referencesWithin(scope, construction)) {
    const variable = reference.resolved;
    const definition = variable?.defs[0];
    if (!variable || !definition || !isModuleLevelScope(variable.scope)) continue;
    if (definition.type !== 'Variable' && definition.type !== 'ClassName') continue;
    if (definition.node.range[0] >= statementStart) return variable.name;
  }
  return undefined;
}

/** `const { createClient } = await import('redis')`: the library, loaded late, not a value of the request. */
function isDynamicImportOfModule(variable: { defs: { node: Node }[] }): boolean {
  const definition = variable.defs[0]?.node;
  if (definition?.type !== 'VariableDeclarator' || !definition.init) return false;
  let init: Node = definition.init;
  while (init.type === 'AwaitExpression' || init.type === 'TSAsExpression' || init.type === 'TSNonNullExpression') init = init.type === 'AwaitExpression' ? init.argument : init.expression;
  return init.type === 'ImportExpression';
}

function* referencesWithin(scope: ScopeLike, node: Node): Generator<ReferenceLike> {
  for (const reference of scope.references) if (contains(node, reference.identifier)) yield reference;
  for (const child of scope.childScopes) if (contains(node, child.block)) yield* referencesWithin(child, node);
}
