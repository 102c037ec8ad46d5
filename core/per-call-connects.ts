import type { TSESTree } from '@typescript-eslint/types';
import { enclosingFunction, isFunction, isModuleLevelScope, outermostTransparent, propertyName, resolveIdentifier, walk } from './ast.js';
import { CLOSERS } from './client-usage.js';
import type { ConstructionInfo, ConstructionNode, Node, ScopeManagerLike } from './types.js';

/** A `connect()` of a client built once, made again on every call of the function it is in. */
export interface PerCallConnect {
  node: TSESTree.CallExpression;
  info: ConstructionInfo;
  /** Why the codemod leaves it, as the rule words it. */
  problem: string;
}

/**
 * `await client.connect()` in a function that also closes it, where `client` is a node-redis client built once at
 * module scope: every call opens the connection again (and a call that overlaps an open one fails with "Socket
 * already opened"). A connect behind a test of persistent state (`if (!client.isOpen)`, `connecting ??=
 * client.connect()`) runs once.
 */
export function perCallConnects(constructions: readonly { node: ConstructionNode; info: ConstructionInfo }[], scopeManager: ScopeManagerLike): PerCallConnect[] {
  const found: PerCallConnect[] = [];
  for (const { node, info } of constructions) {
    if (info.library !== 'node-redis' || info.kind !== 'call' || enclosingFunction(node)) continue;
    const holder = outermostTransparent(node).parent;
    if (holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') continue;
    const variable = resolveIdentifier(scopeManager, holder.id);
    if (!variable || !isModuleLevelScope(variable.scope)) continue;
    for (const reference of variable.references) {
      const member = reference.identifier.parent;
      if (member?.type !== 'MemberExpression' || member.object !== reference.identifier || propertyName(member) !== 'connect') continue;
      const call = member.parent;
      if (call?.type !== 'CallExpression' || call.callee !== member || !enclosingFunction(call) || guardedByModuleState(call, scopeManager)) continue;
      if (reconnectsOnOwnEvent(call, variable.name) || !closesInSameFunction(call, variable.references)) continue;
      found.push({
        node: call,
        info,
        problem: `it connects the module's client \`${variable.name}\` again on every call; connect it once, behind a memoised promise, and remove the per-call \`connect()\` and \`disconnect()\``,
      });
    }
  }
  return found;
}

/**
 * The function that connects also closes the client (in a `finally` or in sequence): only then does the next call
 * open a new connection. A connect with no close fails on the open socket the second time; it opens nothing more.
 */
function closesInSameFunction(call: Node, references: readonly { identifier: Node }[]): boolean {
  const fn = enclosingFunction(call);
  return references.some(({ identifier }) => {
    const member = identifier.parent;
    return member?.type === 'MemberExpression' && member.object === identifier && CLOSERS.has(propertyName(member) ?? '') && member.parent?.type === 'CallExpression' && enclosingFunction(member) === fn;
  });
}

/** `client.on('end', () => client.connect())`: the client's own reconnect, run when its connection ends, not per call. */
function reconnectsOnOwnEvent(call: Node, client: string): boolean {
  const fn = enclosingFunction(call);
  const registration = fn?.parent;
  if (registration?.type !== 'CallExpression' || !registration.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = registration.callee;
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === client && /^(?:on|once|addListener)$/.test(propertyName(callee) ?? '');
}

/** Inside its function, the connect waits on a test of module state or memoises its promise in a module binding. */
function guardedByModuleState(call: Node, scopeManager: ScopeManagerLike): boolean {
  for (let child: Node = call, current = call.parent; current && !isFunction(current); child = current, current = current.parent) {
    if ((current.type === 'IfStatement' || current.type === 'ConditionalExpression') && current.test !== child && readsModuleBinding(current.test, scopeManager)) return true;
    if (current.type === 'LogicalExpression' && current.right === child && readsModuleBinding(current.left, scopeManager)) return true;
    if (current.type === 'AssignmentExpression' && current.right === child && readsModuleBinding(current.left, scopeManager)) return true;
  }
  return false;
}

function readsModuleBinding(node: Node, scopeManager: ScopeManagerLike): boolean {
  let reads = false;
  walk(node, (inner) => {
    if (reads) return false;
    if (inner.type === 'Identifier') {
      const variable = resolveIdentifier(scopeManager, inner);
      if (variable && isModuleLevelScope(variable.scope)) reads = true;
    }
    return true;
  });
  return reads;
}
