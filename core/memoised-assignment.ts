import type { TSESTree } from '@typescript-eslint/types';
import { contains, functionBinding, isClass, isFunction, isTransparent, memberPath, memberRoot, propertyName, resolveIdentifier, usesAsCallee, walk } from './ast.js';
import { carriedValue } from './constructions.js';
import type { ClassNode, FunctionNode, Node, ScopeManagerLike } from './types.js';

/** What a memoised assignment proves about how often the value is built. */
export type Memoisation =
  | { kind: 'process' }
  /** `this.x ??= …` inside an instance member: once per instance of that class. */
  | { kind: 'instance'; classNode: ClassNode };

const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);

/**
 * Whether the value of `node` is stored in a binding that outlives the call and guarded by a check of that same
 * binding: `if (!x) x = …`, `x ??= …`, `x ?? (x = …)`, an early `if (x) return x`, `cache.get(k) ?? …` + `cache.set`.
 */
export function memoisation(node: Node, scopeManager: ScopeManagerLike): Memoisation | undefined {
  const fn = enclosingFunctionOf(node);
  if (!fn) return undefined;
  return memoisedStore(node, fn, scopeManager) ?? guardedByState(node, fn, scopeManager);
}

/** The value is stored in persistent state by a store that checks that same state first. */
function memoisedStore(node: Node, fn: FunctionNode, scopeManager: ScopeManagerLike): Memoisation | undefined {
  const value = carried(node);
  const parent = value.parent;
  if (!parent) return undefined;

  if (parent.type === 'AssignmentExpression' && parent.right === value) {
    const key = targetKey(parent.left);
    const guarded = parent.operator === '??=' || parent.operator === '||=' || hasGuard(parent, key) || guardedAtEveryCall(fn, key, scopeManager);
    const memo = guarded ? outerTarget(parent.left, fn, scopeManager) : undefined;
    // `let c = cache.get(k); if (!c) { c = new Redis(); cache.set(k, c) }`: the local is a stand-in for the map.
    return memo ?? (parent.left.type === 'Identifier' ? storedLocal(parent.left, fn, scopeManager, undefined) : undefined);
  }
  if (parent.type === 'LogicalExpression' && parent.right === value && parent.operator !== '&&') {
    // `client = client || createClient()`: the pre-ES2021 spelling of `client ||= createClient()`.
    const assignment = carried(parent).parent;
    if (assignment?.type === 'AssignmentExpression' && assignment.operator === '=' && sameTarget(targetKey(assignment.left), targetKey(parent.left))) {
      return outerTarget(assignment.left, fn, scopeManager);
    }
    // `const c = cache.get(k) ?? new Redis(); cache.set(k, c)` and `g.redis ?? new Redis()` stored back.
    return storedLocal(parent, fn, scopeManager, targetKey(parent.left));
  }
  if (parent.type === 'VariableDeclarator' && parent.init === value) {
    return storedLocal(value, fn, scopeManager, undefined);
  }
  const store = mapStore(value);
  if (store && hasGuard(store.call, store.key)) return outerTarget(store.map, fn, scopeManager);
  return undefined;
}

/**
 * The principle behind every memo: code runs once when the path to it tests persistent state (a module binding,
 * `globalThis`, a static or instance field) and the same path sets that state — `if (!ready) { …; ready = true }`,
 * or `if (initialized) return client;` followed by `initialized = true`.
 */
function guardedByState(node: Node, fn: FunctionNode, scopeManager: ScopeManagerLike): Memoisation | undefined {
  let child: Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type === 'IfStatement' && current.consequent === child) {
      const memo = stateSetWithin(current.test, [current.consequent], fn, scopeManager);
      if (memo) return memo;
    }
    if (current.type === 'BlockStatement') {
      const statements = current.body as Node[];
      const index = statements.indexOf(child);
      for (const [position, earlier] of statements.slice(0, Math.max(index, 0)).entries()) {
        if (earlier.type !== 'IfStatement' || !leavesFunction(earlier.consequent)) continue;
        const memo = stateSetWithin(earlier.test, statements.slice(position + 1), fn, scopeManager);
        if (memo) return memo;
      }
    }
  }
  return undefined;
}

/** A binding or field the test reads that one of `regions` assigns, when it outlives the function. */
function stateSetWithin(test: Node, regions: readonly Node[], fn: FunctionNode, scopeManager: ScopeManagerLike): Memoisation | undefined {
  const assigned = new Map<string, Node>();
  for (const region of regions) {
    walk(region, (inner) => {
      if (isFunction(inner)) return false;
      if (inner.type === 'AssignmentExpression') {
        const path = memberPath(inner.left);
        if (path !== undefined) assigned.set(path, inner.left);
      }
      return true;
    });
  }
  for (const [path, target] of assigned) {
    if (mentions(test, path)) {
      const memo = outerTarget(target, fn, scopeManager);
      if (memo) return memo;
    }
  }
  return undefined;
}

function carried(node: Node): Node {
  return carriedValue(node, { branches: true, promises: true });
}

/**
 * `const c = <value>` (or `c = <value>` for a local `c`) followed by a guarded store of `c` into a binding outside
 * the function. A local first read from the target (`let c = cache.get(k)`) guards it too.
 */
function storedLocal(value: Node, fn: FunctionNode, scopeManager: ScopeManagerLike, fallbackGuardKey: string | undefined): Memoisation | undefined {
  let local: TSESTree.Identifier | undefined;
  let declarator: Node | undefined;
  if (value.type === 'Identifier') {
    local = value;
    declarator = value.parent;
  } else {
    const holder = carried(value).parent;
    if (holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return undefined;
    local = holder.id;
    declarator = holder;
  }
  const variable = resolveIdentifier(scopeManager, local);
  if (!variable || !contains(fn, variable.scope.block)) return undefined;
  const definition = variable.defs[0]?.node;
  const initialRead = definition?.type === 'VariableDeclarator' && definition.init ? targetKey(definition.init) : undefined;
  for (const reference of variable?.references ?? []) {
    if (!reference.isRead()) continue;
    const use = carried(reference.identifier);
    const parent = use.parent;
    let target: Node | undefined;
    let storeNode: Node | undefined;
    if (parent?.type === 'AssignmentExpression' && parent.right === use) {
      target = parent.left;
      storeNode = parent;
    } else {
      const store = mapStore(use);
      if (store) {
        target = store.map;
        storeNode = store.call;
      }
    }
    if (!target || !storeNode) continue;
    const key = targetKey(target);
    const guarded =
      (fallbackGuardKey !== undefined && sameTarget(fallbackGuardKey, key)) ||
      hasGuard(storeNode, key) ||
      hasGuard(declarator, key) ||
      (sameTarget(initialRead, key) && hasGuard(storeNode, local.name));
    if (guarded) {
      const memo = outerTarget(target, fn, scopeManager);
      if (memo) return memo;
    }
  }
  return undefined;
}

/** `map.set(key, <value>)`: the map is the memo target. */
function mapStore(value: Node): { call: TSESTree.CallExpression; map: Node; key: string | undefined } | undefined {
  const call = value.parent;
  if (call?.type !== 'CallExpression' || call.arguments[1] !== value) return undefined;
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'set') return undefined;
  return { call, map: callee.object, key: memberPath(callee.object) };
}

function targetKey(target: Node): string | undefined {
  const path = memberPath(target);
  if (path !== undefined) return path;
  // `cache.get(k)` guards the map `cache`.
  if (target.type === 'CallExpression' && target.callee.type === 'MemberExpression' && propertyName(target.callee) === 'get') {
    return memberPath(target.callee.object);
  }
  // `cache[k]` guards `cache`.
  if (target.type === 'MemberExpression' && target.computed) return memberPath(target.object);
  return undefined;
}

function sameTarget(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`));
}

/** Whether `test` reads the target: `!x`, `x == null`, `typeof x`, `x?.isOpen`, `cache.has(k)`. */
function mentions(test: Node, key: string): boolean {
  let found = false;
  walk(test, (node) => {
    if (found) return false;
    if (node.type === 'Identifier' || node.type === 'MemberExpression' || node.type === 'ThisExpression') {
      const path = memberPath(node);
      if (path !== undefined && (path === key || path.startsWith(`${key}.`))) {
        found = true;
        return false;
      }
    }
    return true;
  });
  return found;
}

/** Whether a check of the target guards `node` inside its function: an enclosing `if`/`?:`/`&&`, or an earlier early return. */
function hasGuard(node: Node, key: string | undefined): boolean {
  if (key === undefined) return false;
  let child: Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunction(current)) return false;
    if ((current.type === 'IfStatement' || current.type === 'ConditionalExpression') && current.test !== child && mentions(current.test, key)) return true;
    if (current.type === 'LogicalExpression' && current.right === child && mentions(current.left, key)) return true;
    if (current.type === 'BlockStatement' || current.type === 'Program') {
      const index = (current.body as Node[]).indexOf(child);
      for (const earlier of (current.body as Node[]).slice(0, Math.max(index, 0))) {
        if (earlier.type === 'IfStatement' && mentions(earlier.test, key) && leavesFunction(earlier.consequent)) return true;
      }
    }
  }
  return false;
}

function leavesFunction(statement: Node): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') {
    const last = statement.body.at(-1);
    return last !== undefined && leavesFunction(last);
  }
  return false;
}

/** The memo the target proves: a binding outside `fn`, a global object's property, or a class's own property. */
function outerTarget(target: Node, fn: FunctionNode, scopeManager: ScopeManagerLike): Memoisation | undefined {
  const root = memberRoot(target);
  if (root.type === 'ThisExpression') {
    const owner = thisOwner(fn);
    if (!owner) return undefined;
    return owner.isStatic ? { kind: 'process' } : { kind: 'instance', classNode: owner.classNode };
  }
  if (root.type !== 'Identifier') return undefined;
  if (root === target) {
    // A plain identifier: the binding itself must live outside the function.
    const variable = resolveIdentifier(scopeManager, root);
    return variable && !contains(fn, variable.scope.block) ? { kind: 'process' } : undefined;
  }
  const variable = resolveIdentifier(scopeManager, root);
  if (!variable) return GLOBAL_OBJECTS.has(root.name) ? { kind: 'process' } : undefined;
  return contains(fn, variable.scope.block) ? aliasOfGlobal(variable) : { kind: 'process' };
}

/** `const g = globalThis as …` declared inside the function still names the global object. */
function aliasOfGlobal(variable: { defs: { node: Node }[] }): Memoisation | undefined {
  const init = variable.defs[0]?.node.type === 'VariableDeclarator' ? (variable.defs[0].node as TSESTree.VariableDeclarator).init : null;
  let inner: Node | null | undefined = init;
  while (inner && isTransparent(inner)) inner = (inner as { expression: Node }).expression;
  return inner?.type === 'Identifier' && GLOBAL_OBJECTS.has(inner.name) ? { kind: 'process' } : undefined;
}

/** For `this` inside a class member: the class and whether the member is static. */
function thisOwner(fn: FunctionNode): { classNode: ClassNode; isStatic: boolean } | undefined {
  // Arrow functions take `this` from their surroundings.
  let current: FunctionNode | undefined = fn;
  while (current?.type === 'ArrowFunctionExpression') current = enclosingFunctionOf(current);
  const member = current ? current.parent : fn.parent;
  if ((member?.type === 'MethodDefinition' || member?.type === 'PropertyDefinition') && isClass(member.parent?.parent)) {
    return { classNode: member.parent.parent, isStatic: member.static };
  }
  if (fn.type === 'ArrowFunctionExpression' && fn.parent?.type === 'PropertyDefinition' && isClass(fn.parent.parent?.parent)) {
    return { classNode: fn.parent.parent.parent, isStatic: fn.parent.static };
  }
  return undefined;
}

function enclosingFunctionOf(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/**
 * `const initRedis = () => { redis = new Redis() }` called only as `if (!redis) initRedis()`: the guard sits in
 * every caller. Only for a function used nowhere but in such calls (not exported, not passed around).
 */
function guardedAtEveryCall(fn: FunctionNode, key: string | undefined, scopeManager: ScopeManagerLike): boolean {
  const binding = key === undefined ? undefined : functionBinding(fn, scopeManager);
  if (!binding || binding.exportName !== undefined) return false;
  const uses = usesAsCallee(binding.variable);
  return uses.length > 0 && uses.every(({ call }) => call !== undefined && hasGuard(call, key));
}
