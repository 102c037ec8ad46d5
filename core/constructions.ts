import { READ, ReferenceTracker, type TraceMap } from '@eslint-community/eslint-utils';
import type { TSESTree } from '@typescript-eslint/types';
import { isTransparent, memberRoot, outermostTransparent, propertyName, resolveIdentifier, staticString, unwrap, walk } from './ast.js';
import type { TraceMaps } from './sources.js';
import { spawnedInfo, spawnFrom } from './spawned-connections.js';
import type { ConstructionInfo, ConstructionNode, Node, ScopeManagerLike, VariableLike } from './types.js';

export interface Construction {
  node: ConstructionNode;
  info: ConstructionInfo;
}

type TrackerScope = ConstructorParameters<typeof ReferenceTracker>[0];
type TrackerNode = Parameters<ReferenceTracker['iteratePropertyReferences']>[0];

/**
 * Every expression in the file that opens a Redis connection, found by following imports of the client
 * modules (ESM, `require`, `import x = require()`) and `.duplicate()` on values known to be clients.
 */
export function findConstructions(program: TSESTree.Program, scopeManager: ScopeManagerLike, traceMaps: TraceMaps): Construction[] {
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return [];
  const tracker = new ReferenceTracker(globalScope as unknown as TrackerScope);
  const found = new Map<ConstructionNode, ConstructionInfo>();
  const record = (node: Node, info: unknown): void => {
    const construction = info as ConstructionInfo;
    if (construction.kind === 'subclass') {
      for (const superClass of classReads(node, scopeManager)) {
        for (const instance of subclassInstances(superClass, scopeManager)) found.set(instance, { ...construction, kind: 'new', library: 'custom' });
      }
    } else if (node.type === 'NewExpression' || node.type === 'CallExpression') {
      found.set(node, construction);
    }
  };

  for (const { node, info } of tracker.iterateEsmReferences(traceMaps.esm)) {
    if (!isTypeOnlyImport(node as Node, scopeManager)) record(node as Node, info);
  }

  for (const moduleObject of moduleObjects(program, scopeManager, traceMaps)) {
    const references = tracker.iteratePropertyReferences(moduleObject.node as unknown as TrackerNode, moduleObject.surface as TraceMap<ConstructionInfo>);
    for (const { node, info } of references) record(node as Node, info);
    // `const Redis = require('ioredis'); class AppRedis extends Redis {}`: the tracker reports no reads of the binding.
    const subclassInfo = (moduleObject.surface as Record<symbol, unknown>)[READ];
    const holder = moduleObject.node.parent;
    if (subclassInfo && holder?.type === 'VariableDeclarator' && holder.init === moduleObject.node && holder.id.type === 'Identifier') {
      record(holder.id, subclassInfo);
    }
  }

  const constructions = [...found].map(([node, info]) => ({ node, info }));
  for (let index = 0; index < constructions.length; index++) {
    for (const spawned of spawnedConnections(constructions[index], scopeManager)) {
      if (!found.has(spawned.node)) {
        found.set(spawned.node, spawned.info);
        constructions.push(spawned);
      }
    }
  }
  return constructions.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

interface ModuleObject {
  /** An expression whose value is the module: `require('ioredis')`, or a reference to `import X = require(…)`. */
  node: Node;
  surface: unknown;
}

function* moduleObjects(program: TSESTree.Program, scopeManager: ScopeManagerLike, traceMaps: TraceMaps): Generator<ModuleObject> {
  const cjs = traceMaps.cjs as Record<string, unknown>;
  const globalScope = scopeManager.globalScope!;
  // `require` is free in CommonJS and ES modules alike; a configured `require` global resolves to a def-less variable.
  const configured = globalScope.set.get('require');
  const requireReferences = [
    ...globalScope.through,
    ...(configured && configured.defs.length === 0 ? configured.references : []),
  ];
  for (const reference of requireReferences) {
    const identifier = reference.identifier;
    if (identifier.type !== 'Identifier' || identifier.name !== 'require') continue;
    const call = identifier.parent;
    if (call?.type !== 'CallExpression' || call.callee !== identifier) continue;
    const module = staticString(call.arguments[0]);
    if (module !== undefined && Object.hasOwn(cjs, module)) yield { node: call, surface: cjs[module] };
  }
  yield* dynamicImports(program, cjs);
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'TSImportEqualsDeclaration' || declaration.importKind === 'type') continue;
    const reference = declaration.moduleReference;
    if (reference.type !== 'TSExternalModuleReference') continue;
    const module = staticString(reference.expression);
    if (module === undefined || !Object.hasOwn(cjs, module)) continue;
    const variable = resolveIdentifier(scopeManager, declaration.id);
    for (const use of variable?.references ?? []) {
      if (use.identifier !== declaration.id && use.isRead()) yield { node: use.identifier, surface: cjs[module] };
    }
  }
}

/** `await import('redis')`: the awaited value is the module, as `require()` returns it. */
function* dynamicImports(program: TSESTree.Program, cjs: Record<string, unknown>): Generator<ModuleObject> {
  const found: ModuleObject[] = [];
  // Most files load no module late: the whole-tree walk is paid only by those whose tokens hold an `import(`.
  if (!hasImportCall(program)) return;
  walk(program, (node) => {
    if (node.type !== 'ImportExpression') return true;
    const module = staticString(node.source);
    if (module === undefined || !Object.hasOwn(cjs, module)) return true;
    const holder = outermostTransparent(node).parent;
    found.push({ node: holder?.type === 'AwaitExpression' ? holder : node, surface: cjs[module] });
    return true;
  });
  yield* found;
}

function hasImportCall(program: TSESTree.Program): boolean {
  const tokens = program.tokens;
  if (!tokens) return true;
  return tokens.some((token, index) => token.value === 'import' && tokens[index + 1]?.value === '(');
}

/** `x.duplicate()` / `x.createPool()` where `x` holds a connection built by `construction`. */
function* spawnedConnections(construction: Construction, scopeManager: ScopeManagerLike): Generator<Construction> {
  const holders: Node[] = [construction.node];
  const variable = clientVariable(construction.node, scopeManager);
  if (variable) {
    for (const reference of variable.references) if (reference.isRead()) holders.push(reference.identifier);
  }
  for (const holder of holders) {
    const spawn = spawnFrom(carriedValue(holder));
    if (spawn) yield { node: spawn.call, info: spawnedInfo(construction.info, spawn) };
  }
}

/**
 * The variable that ends up holding the connection a construction opens, when there is exactly one:
 * `const c = new Redis()`, `c = g.c ?? new Redis()`, `const c = await createClient().connect()`.
 */
export function clientVariable(construction: ConstructionNode, scopeManager: ScopeManagerLike): VariableLike | null {
  let value = carriedValue(construction, { branches: true });
  while (value.parent?.type === 'LogicalExpression' && value.parent.operator !== '&&') value = carriedValue(value.parent, { branches: true });
  const parent = value.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === value && parent.id.type === 'Identifier') {
    return resolveIdentifier(scopeManager, parent.id);
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === value && unwrap(parent.left).type === 'Identifier') {
    return resolveIdentifier(scopeManager, unwrap(parent.left) as TSESTree.Identifier);
  }
  return null;
}

/** Methods that register an event listener and return the emitter (`client.on('error', h)`). */
export const LISTENER_REGISTRATION: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener']);
const PROMISE_CHAIN = new Set(['then', 'catch', 'finally']);

export interface CarryOptions {
  /** Also through `cond ? <value> : …` (a memo may build conditionally; a fix must not replace the branch). */
  branches?: boolean;
  /** Also through `.then()/.catch()/.finally()` on the connecting promise. */
  promises?: boolean;
}

/**
 * The outermost node that still stands for the connection: through casts, `await`, chained listener registration
 * (`createClient().on('error', h)` returns the client) and node-redis `.connect()` (it resolves to the client).
 */
export function carriedValue(node: Node, options: CarryOptions = {}): Node {
  let value = node;
  for (;;) {
    const parent: Node | undefined = value.parent;
    if (!parent) return value;
    if (isTransparent(parent) || parent.type === 'AwaitExpression') {
      value = parent;
      continue;
    }
    if (options.branches && parent.type === 'ConditionalExpression' && parent.test !== value) {
      value = parent;
      continue;
    }
    const method = chainedCall(value);
    if (method && (method.name === 'connect' || LISTENER_REGISTRATION.has(method.name) || (options.promises && PROMISE_CHAIN.has(method.name)))) {
      value = method.call;
      continue;
    }
    return value;
  }
}

/** `value.name(…)`: the call and the method's name. */
function chainedCall(value: Node): { call: TSESTree.CallExpression; name: string } | undefined {
  const member = value.parent;
  if (member?.type !== 'MemberExpression' || member.object !== value) return undefined;
  const call = member.parent;
  const name = propertyName(member);
  return call?.type === 'CallExpression' && call.callee === member && name !== undefined ? { call, name } : undefined;
}

/** `import type { Redis }` and `import { type Redis }` bind no value, whatever the code does with the name. */
function isTypeOnlyImport(node: Node, scopeManager: ScopeManagerLike): boolean {
  const root = memberRoot(node.type === 'NewExpression' || node.type === 'CallExpression' ? node.callee : node);
  if (root.type !== 'Identifier') return false;
  const definition = resolveIdentifier(scopeManager, root)?.defs[0];
  const specifier = definition?.node as { importKind?: string } | undefined;
  const declaration = definition?.parent as { importKind?: string } | null | undefined;
  return specifier?.importKind === 'type' || declaration?.importKind === 'type';
}

/** `new AppRedis()` for `class AppRedis extends Redis {}`: a subclass builds its connection in `super()`. */
function subclassInstances(superClass: Node, scopeManager: ScopeManagerLike): TSESTree.NewExpression[] {
  const classNode = superClass.parent;
  if ((classNode?.type !== 'ClassDeclaration' && classNode?.type !== 'ClassExpression') || classNode.superClass !== superClass) return [];
  let id = classNode.id;
  if (!id && classNode.parent?.type === 'VariableDeclarator' && classNode.parent.id.type === 'Identifier') id = classNode.parent.id;
  const variable = id ? resolveIdentifier(scopeManager, id) : null;
  const instances: TSESTree.NewExpression[] = [];
  for (const reference of variable?.references ?? []) {
    const use = reference.identifier.parent;
    if (use?.type === 'NewExpression' && use.callee === reference.identifier) instances.push(use);
  }
  return instances;
}

/** The expressions that read a client class: every use of an imported or required binding, or the member read itself. */
function classReads(node: Node, scopeManager: ScopeManagerLike): Node[] {
  const binding =
    node.type === 'ImportSpecifier' || node.type === 'ImportDefaultSpecifier' ? node.local : node.type === 'Identifier' && node.parent?.type === 'VariableDeclarator' ? node : undefined;
  if (!binding) return [node];
  const variable = resolveIdentifier(scopeManager, binding);
  return (variable?.references ?? []).map((reference) => reference.identifier).filter((identifier) => identifier !== binding);
}
