import type { TSESTree } from '@typescript-eslint/types';
import type { ClassNode, FunctionNode, Node, ScopeLike, ScopeManagerLike, VariableLike } from './types.js';

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return (
    node?.type === 'FunctionDeclaration' ||
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression'
  );
}

export function isClass(node: Node | null | undefined): node is ClassNode {
  return node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';
}

/** Wrappers that pass a value through unchanged: parentheses are not nodes, these are. */
const TRANSPARENT = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'ChainExpression',
]);

export function isTransparent(node: Node): boolean {
  return TRANSPARENT.has(node.type);
}

/** The expression without TS casts, `!` and optional-chain wrappers. */
export function unwrap(node: Node): Node {
  let current = node;
  while (TRANSPARENT.has(current.type)) current = (current as { expression: Node }).expression;
  return current;
}

/** The outermost node that carries `node`'s value through casts and chain wrappers. */
export function outermostTransparent(node: Node): Node {
  let current = node;
  while (current.parent && TRANSPARENT.has(current.parent.type)) current = current.parent;
  return current;
}

export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** The name of a non-computed (or string-keyed) property or member. */
export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (!node.computed && key.type === 'PrivateIdentifier') return `#${key.name}`;
  return staticString(key);
}

/** `a.b.c` as text for identifiers, `this`, and static members; undefined for anything else. */
export function memberPath(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type === 'MemberExpression') {
    const object = memberPath(inner.object);
    const name = propertyName(inner);
    return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

/** The name a call's callee ends in: `once` for `once(...)` and `_.once(...)`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee);
  return undefined;
}

/** Direct children of a node, for small local walks (a guard's test, a call's arguments). */
export function* children(node: Node): Generator<Node> {
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'range' || key === 'loc' || key === 'tokens' || key === 'comments') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) yield item;
    } else if (isNode(value)) {
      yield value;
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Depth-first walk of a subtree; `visit` returns false to skip a node's children. */
export function walk(node: Node, visit: (node: Node) => boolean | void): void {
  if (visit(node) === false) return;
  for (const child of children(node)) walk(child, visit);
}

/** The source range from a call's first argument to the end of its last; undefined for a call without any. */
export function argumentsRange(call: TSESTree.CallExpression | TSESTree.NewExpression): [number, number] | undefined {
  const args = call.arguments;
  return args.length === 0 ? undefined : [args[0].range[0], args.at(-1)!.range[1]];
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The innermost scope whose block contains `node`. */
export function innermostScope(scopeManager: ScopeManagerLike, node: Node): ScopeLike | null {
  let scope: ScopeLike | null = scopeManager.globalScope;
  while (scope) {
    const inner: ScopeLike | undefined = scope.childScopes.find((child) => contains(child.block, node));
    if (!inner) return scope;
    scope = inner;
  }
  return scope;
}

/**
 * The variable an identifier refers to, looked up from the innermost scope outwards. A class or function
 * declaration's name resolves to the binding in the enclosing scope, not the class's own inner binding.
 */
export function resolveIdentifier(scopeManager: ScopeManagerLike, identifier: TSESTree.Identifier): VariableLike | null {
  let scope = innermostScope(scopeManager, identifier);
  let declared: VariableLike | null = null;
  while (scope) {
    const reference = scope.references.find((ref) => ref.identifier === identifier);
    if (reference) return reference.resolved;
    const variable = scope.set.get(identifier.name);
    if (variable && variable.identifiers.includes(identifier)) declared = variable;
    else if (declared) return declared;
    scope = scope.upper;
  }
  return declared;
}

/** The variable a declaration's name binds (function, class or `const x = …`). */
export function declaredVariable(scopeManager: ScopeManagerLike, name: TSESTree.Identifier): VariableLike | null {
  for (const scope of scopeManager.scopes) {
    for (const variable of scope.variables) {
      if (variable.identifiers.includes(name)) return variable;
    }
  }
  return null;
}

/** Whether the scope belongs to the module (or the script's global scope). */
export function isModuleLevelScope(scope: ScopeLike): boolean {
  // CommonJS files get a function scope whose block is the Program (Node's module wrapper).
  return scope.type === 'module' || scope.type === 'global' || scope.block.type === 'Program';
}

/** The statement directly inside the Program body that contains `node`. */
export function topLevelStatement(node: Node): Node {
  let current = node;
  while (current.parent && current.parent.type !== 'Program') current = current.parent;
  return current;
}

/** The nearest enclosing function, or undefined at module scope. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/** The source text of the callee for messages: `new Redis()`, `createClient()`. */
export function constructionLabel(node: TSESTree.NewExpression | TSESTree.CallExpression, sourceText: string): string {
  // Line breaks and indentation go; the spaces a cast needs (`(redis as any)`) stay.
  let callee = sourceText
    .slice(node.callee.range[0], node.callee.range[1])
    .replace(/\s+/g, ' ')
    .replace(/\s*([.()[\]!?])\s*/g, '$1');
  if (node.callee.type === 'CallExpression' && node.type === 'NewExpression') callee = `(${callee})`;
  return node.type === 'NewExpression' ? `new ${callee}()` : `${callee}()`;
}

/** The statement that holds an expression, when the expression is the whole statement (after await/void). */
export function enclosingExpressionStatement(node: Node): TSESTree.ExpressionStatement | undefined {
  let current = node;
  while (current.parent) {
    const parent = current.parent;
    if (parent.type === 'ExpressionStatement') return parent;
    if (parent.type === 'AwaitExpression' || (parent.type === 'UnaryExpression' && parent.operator === 'void') || isTransparent(parent)) {
      current = parent;
      continue;
    }
    // `client.quit().catch(() => {})` and `.then(…)` chains are still the same statement.
    if (parent.type === 'MemberExpression' && parent.object === current && ['catch', 'then', 'finally'].includes(propertyName(parent) ?? '') && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) {
      current = parent.parent;
      continue;
    }
    return undefined;
  }
  return undefined;
}

export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') return propertyName(parent);
  if (parent?.type === 'AssignmentExpression') {
    const path = memberPath(parent.left);
    return path === 'module.exports' ? undefined : path?.split('.').pop();
  }
  return undefined;
}

/** The object a member chain starts from: `globalThis` for `(globalThis as any).redis.client`. */
export function memberRoot(node: Node): Node {
  let root = node;
  while (root.type === 'MemberExpression' || isTransparent(root)) root = root.type === 'MemberExpression' ? root.object : (root as { expression: Node }).expression;
  return root;
}

export interface FunctionBinding {
  variable: VariableLike;
  /** `default` or the exported name when the declaration is exported in place. */
  exportName: string | undefined;
}

/** The name a function is declared by: `function f() {}` or `const f = () => {}`. */
export function functionBinding(fn: FunctionNode, scopeManager: ScopeManagerLike): FunctionBinding | undefined {
  let id: TSESTree.Identifier | undefined;
  let declaration: Node | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) {
    id = fn.id;
    declaration = fn;
  } else {
    const declarator = outermostTransparent(fn).parent;
    if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier') {
      id = declarator.id;
      declaration = declarator.parent;
    }
  }
  const variable = id ? resolveIdentifier(scopeManager, id) : null;
  if (!id || !declaration || !variable) return undefined;
  const exportName = declaration.parent?.type === 'ExportNamedDeclaration' ? id.name : declaration.parent?.type === 'ExportDefaultDeclaration' ? 'default' : undefined;
  return { variable, exportName };
}

/** Reads of a variable other than its declaration, each paired with the call it is the callee of, if any. */
export function usesAsCallee(variable: VariableLike): { use: Node; call: TSESTree.CallExpression | undefined }[] {
  const declared = new Set(variable.identifiers);
  return variable.references
    .filter((reference) => reference.isRead() && !declared.has(reference.identifier))
    .map((reference) => {
      const use = outermostTransparent(reference.identifier);
      const call = use.parent?.type === 'CallExpression' && use.parent.callee === use ? use.parent : undefined;
      return { use, call };
    });
}
