import type { TSESTree } from '@typescript-eslint/types';
import { calleeName, contains, functionBinding, functionName, isFunction, memberPath, outermostTransparent, propertyName, resolveIdentifier, staticString, topLevelStatement, unwrap, walk, type FunctionBinding } from './ast.js';
import { memoisation } from './memoised-assignment.js';
import {
  FASTIFY_REQUEST_HOOKS,
  ROUTE_METHODS,
  exportedHandlerPhrase,
  frameworkOf,
  hasHandlerSignature,
  lambdaHandlerPhrase,
  typedAsLambdaHandler,
  hasDirective,
  routeCallbackPhrase,
  type FileRole,
} from './request-handlers.js';
import type { AnalysisOptions, ClassNode, FunctionNode, Node, ScopeManagerLike, VariableLike } from './types.js';

/** A function of another module, known here only by the name it is imported under. */
export interface ImportedFunction {
  type: 'ImportedFunction';
  name: string;
  async: boolean;
  params: readonly TSESTree.Parameter[];
}

/** A function whose execution is asked about: one of this file, or one imported from another. */
type Subject = FunctionNode | ImportedFunction;

/** An export whose callers, in other files, decide how often its code runs. */
export interface DeferredExport {
  /** The export name; `cache.get` for a method of an exported object. */
  name: string;
  kind: 'function' | 'class';
  /**
   * Whether the function's parameters could receive a request from a router it is registered with elsewhere: two or
   * more (`(req, res)`, `(_, res)`), or one named for a request or context (`(ctx)`, `(c)`, `(request)`).
   */
  mayTakeRequest?: boolean;
}

/**
 * How often the code at a position runs: once per process, or on every call of some request path. Code that runs
 * once per call of an export whose callers this file cannot see says which exports (`decidedBy`): the rule, which
 * sees one file, stays silent there; the project model turns those exports into client factories and classes.
 */
export type Execution = { runsOnce: true; decidedBy?: readonly DeferredExport[] } | { runsOnce: false; context: string };

const ONCE: Execution = { runsOnce: true };
const perCall = (context: string): Execution => ({ runsOnce: false, context });

/** Several run-once answers for the same code: it runs once per call of every export any of them defers to. */
function mergeOnce(executions: readonly Execution[]): Execution {
  const decidedBy: DeferredExport[] = [];
  for (const execution of executions) {
    if (!execution.runsOnce) return execution;
    for (const deferred of execution.decidedBy ?? []) {
      if (!decidedBy.some((known) => known.name === deferred.name && known.kind === deferred.kind)) decidedBy.push(deferred);
    }
  }
  return decidedBy.length > 0 ? { runsOnce: true, decidedBy } : ONCE;
}

const TEST_HOOKS = new Set(['beforeAll', 'beforeEach', 'afterAll', 'afterEach', 'before', 'after', 'setup', 'teardown', 'suiteSetup', 'suiteTeardown']);
const TEST_BLOCKS = new Set(['describe', 'it', 'test', 'suite', 'context', 'bench']);
/** Callbacks that run as often as the call that receives them. */
const INHERITING_CALLBACKS = new Set([
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'then',
  'catch',
  'finally',
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'some',
  'every',
  'find',
  'findIndex',
  'listen',
  'ready',
  'after',
  'once',
]);
const START_EVENTS = new Set(['listening', 'ready', 'start', 'started', 'startup']);
const NEST_LIFECYCLE = new Set(['onModuleInit', 'onApplicationBootstrap']);
const NEST_PROVIDER_DECORATORS = new Set(['Injectable', 'Controller', 'Module', 'Resolver', 'Gateway', 'WebSocketGateway']);
const TRPC_PROCEDURE_METHODS = new Set(['query', 'mutation', 'subscription']);
const NUXT_HANDLERS = new Set(['defineEventHandler', 'eventHandler', 'defineCachedEventHandler', 'defineWebSocketHandler']);

export interface ImportedName {
  module: string;
  imported: string;
}

/** What the file's imports bring that decides how often code runs. */
export interface ImportedBehaviour {
  /** Whether a callee is an imported function that runs its callback once (`singleton()`, a project's `once()`). */
  isOnceWrapper(callee: Node): boolean;
}

/**
 * Decides, for any position in a file, whether the code there runs once per process or per call, and names the
 * per-call context. Memoised per function and class; recursion through call sites is cycle-safe.
 */
export class RunOnceAnalysis {
  private readonly decided = new Map<Node, Execution>();
  private readonly inProgress = new Set<Node>();
  private readonly framework;

  constructor(
    private readonly scopeManager: ScopeManagerLike,
    private readonly options: AnalysisOptions,
    private readonly role: FileRole,
    private readonly imports: ReadonlyMap<string, ImportedName>,
    modules: ReadonlySet<string>,
    private readonly imported?: ImportedBehaviour,
  ) {
    this.framework = frameworkOf(modules);
  }

  /** How often the expression at `node` is evaluated. */
  executionOf(node: Node): Execution {
    const memo = memoisation(node, this.scopeManager);
    if (memo?.kind === 'process') return ONCE;
    if (memo?.kind === 'instance') return this.instanceExecution(memo.classNode);
    for (let child = node, current = node.parent; current; child = current, current = current.parent) {
      if (isFunction(current)) return this.functionExecution(current);
      if (current.type === 'StaticBlock') return this.executionOf(current.parent.parent);
      if (current.type === 'PropertyDefinition' && current.value === child) {
        return current.static ? this.executionOf(current.parent.parent) : this.instanceExecution(current.parent.parent as ClassNode);
      }
    }
    return ONCE;
  }

  /**
   * How often a function of another module runs through one use of its imported name here: registered as a route
   * callback (`router.get('/', visits)`), called, exported again. Undefined for a use that proves nothing (a value
   * stored or compared), and for a type.
   */
  importedUseExecution(identifier: Node, imported: ImportedFunction): Execution | undefined {
    const use = outermostTransparent(identifier);
    const parent = use.parent;
    const telling =
      parent?.type === 'CallExpression' ||
      parent?.type === 'NewExpression' ||
      parent?.type === 'ExportDefaultDeclaration' ||
      parent?.type === 'ExportSpecifier' ||
      (parent?.type === 'Property' && parent.value === use) ||
      exportedByAssignment(use) !== undefined;
    return telling ? this.useExecution(identifier, imported) : undefined;
  }

  private functionExecution(fn: FunctionNode): Execution {
    // A function reached again while deciding it calls itself: not proven to run once.
    return this.decideOnce(fn, () => this.computeFunctionExecution(fn), () => perCall(this.genericPhrase(fn)));
  }

  /** Each function and class is decided once; a cycle through call sites gets `onCycle`. */
  private decideOnce(node: FunctionNode | ClassNode, compute: () => Execution, onCycle: () => Execution): Execution {
    const cached = this.decided.get(node);
    if (cached) return cached;
    if (this.inProgress.has(node)) return onCycle();
    this.inProgress.add(node);
    try {
      const execution = compute();
      this.decided.set(node, execution);
      return execution;
    } finally {
      this.inProgress.delete(node);
    }
  }

  private computeFunctionExecution(fn: FunctionNode): Execution {
    const name = functionName(fn);
    if (name !== undefined && this.options.allowInFunctions.includes(name)) return ONCE;
    if (fn.body.type === 'BlockStatement' && hasDirective(fn.body.body, 'use server')) {
      return perCall(name ? `every call to this server action \`${name}\`` : 'every call to this server action');
    }
    if (name === 'createContext') return perCall('every request through this tRPC `createContext`');

    const parent = fn.parent!;
    switch (parent.type) {
      case 'CallExpression':
      case 'NewExpression':
        if (parent.callee === fn) return this.executionOf(parent);
        return this.callbackExecution(parent, fn);
      case 'Property':
        return this.propertyExecution(parent, fn);
      case 'MethodDefinition':
        return this.methodExecution(parent);
      case 'PropertyDefinition':
        return perCall(this.genericPhrase(fn));
      case 'ExportDefaultDeclaration':
        return this.exportedFunctionExecution('default', fn);
      default:
        break;
    }
    const outer = outermostTransparent(fn);
    if (outer !== fn && (outer.parent?.type === 'CallExpression' || outer.parent?.type === 'NewExpression')) {
      return outer.parent.callee === outer ? this.executionOf(outer.parent) : this.callbackExecution(outer.parent, fn);
    }
    const assigned = exportedByAssignment(outer);
    if (assigned !== undefined) return this.exportedFunctionExecution(assigned, fn);
    const binding = functionBinding(fn, this.scopeManager);
    if (binding) return this.bindingExecution(binding, fn);
    return perCall(this.genericPhrase(fn));
  }

  /** A function used through a name: its export (if any) and every place the name is used in this file. */
  private bindingExecution(binding: FunctionBinding, fn: FunctionNode): Execution {
    const executions: Execution[] = [];
    if (binding.exportName !== undefined) {
      const handler = this.exportExecution(binding.exportName, fn);
      if (handler) return handler;
      const deferred = this.deferToCallers({ name: binding.exportName, kind: 'function' }, fn);
      if (!deferred.runsOnce) return deferred;
      executions.push(deferred);
    }
    // `typeof createRedis` in a type runs nothing, nor does `Store.prototype.list = …` (an ES5 class's methods).
    const uses = binding.variable.references.filter(
      (reference) =>
        reference.isRead() &&
        reference.identifier !== binding.variable.identifiers[0] &&
        reference.identifier.parent?.type !== 'TSTypeQuery' &&
        !isPrototypeRead(reference.identifier),
    );
    if (uses.length === 0 && executions.length === 0) return perCall(this.genericPhrase(fn));
    for (const use of uses) {
      const execution = this.useExecution(use.identifier, fn);
      if (!execution.runsOnce) return execution;
      executions.push(execution);
    }
    return mergeOnce(executions);
  }

  /** A function exported under `name`: a handler when its name or file says so, else its callers elsewhere decide. */
  private exportedFunctionExecution(name: string, fn: Subject): Execution {
    return this.exportExecution(name, fn) ?? this.deferToCallers({ name, kind: 'function' }, fn);
  }

  /**
   * An export the project itself calls: its callers decide. A framework entry file's exports and functions shaped
   * like handlers (`(req, res)`, `(ctx, next)`) are called by the framework, on every request.
   */
  private deferToCallers(deferred: DeferredExport, fn?: Subject): Execution {
    if (fn && (this.role.entryPoint || hasHandlerSignature(fn.params))) return perCall(this.genericPhrase(fn));
    return this.options.callers ? this.options.callers(fn ? { ...deferred, mayTakeRequest: mayTakeRequest(fn.params) } : deferred) : { runsOnce: true, decidedBy: [deferred] };
  }

  /** How often a function runs through one use of its name. */
  private useExecution(identifier: Node, fn: Subject): Execution {
    const use = outermostTransparent(identifier);
    const parent = use.parent!;
    if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === use) {
      // A helper called per request is named for itself: "every call to `getClient()`".
      const caller = this.executionOf(parent);
      return caller.runsOnce ? caller : perCall(this.genericPhrase(fn));
    }
    if (parent.type === 'CallExpression' || parent.type === 'NewExpression') return this.callbackExecution(parent, fn);
    if (parent.type === 'ExportDefaultDeclaration') return this.exportedFunctionExecution('default', fn);
    if (parent.type === 'ExportSpecifier') {
      const exported = parent.exported.type === 'Identifier' ? parent.exported.name : String(parent.exported.value);
      return this.exportedFunctionExecution(exported, fn);
    }
    if (parent.type === 'Property' && parent.value === use) return this.propertyExecution(parent, fn);
    const assigned = exportedByAssignment(use);
    if (assigned !== undefined) return this.exportedFunctionExecution(assigned, fn);
    return perCall(this.genericPhrase(fn));
  }

  private exportExecution(name: string, fn: Subject): Execution | undefined {
    // Start-up hooks: Next.js `register()` and SvelteKit's `init`.
    if ((this.role.instrumentation && name === 'register') || (this.role.svelteHooks && name === 'init')) return ONCE;
    const phrase = exportedHandlerPhrase(name, this.role, this.options.handlerNames, fn.async) ?? (fn.type !== 'ImportedFunction' && typedAsLambdaHandler(fn, this.role.lambdaTypes) ? lambdaHandlerPhrase(name) : undefined);
    return phrase ? perCall(phrase) : undefined;
  }

  /** A function passed to a call: what the callee does with it. */
  private callbackExecution(call: TSESTree.CallExpression | TSESTree.NewExpression, fn: Subject): Execution {
    const name = calleeName(call);
    const root = chainRoot(call.callee);
    if (name !== undefined && this.options.onceWrappers.includes(name)) return this.executionOf(call);
    if (this.imported?.isOnceWrapper(call.callee)) return this.executionOf(call);
    if (this.isReactCache(call.callee)) return perCall('every request through this React `cache()` callback');
    if ((name !== undefined && TEST_HOOKS.has(name)) || (root !== undefined && (TEST_BLOCKS.has(root) || TEST_HOOKS.has(root)))) return ONCE;
    if (name === 'register' && call.callee.type === 'MemberExpression') return ONCE;
    if (name === 'fp' || name === 'fastifyPlugin' || name === 'defineNitroPlugin') return ONCE;
    if (call.type === 'NewExpression' && name === 'Promise') return this.executionOf(call);
    if (name !== undefined && NUXT_HANDLERS.has(name)) return perCall('every request to this Nuxt event handler');

    if (call.type === 'CallExpression' && call.callee.type === 'MemberExpression' && name !== undefined) {
      const event = staticString(call.arguments[0]);
      if (name === 'addHook' && event !== undefined) {
        return FASTIFY_REQUEST_HOOKS.has(event) ? perCall(`every request to this Fastify \`${event}\` hook`) : this.executionOf(call);
      }
      if (name === 'on' && event !== undefined) {
        if (event === 'connection' || event === 'connect') return perCall('every socket.io connection');
        if (START_EVENTS.has(event)) return this.executionOf(call);
        return perCall(`every \`'${event}'\` event`);
      }
      if (INHERITING_CALLBACKS.has(name)) return this.executionOf(call);
      // commander's `program.command('x').action(fn)`: one command per run of the CLI.
      if (name === 'action' && /(?:^|\.)command(?:$|\.)|^program/.test(chainText(call.callee.object))) return this.executionOf(call);
      if (ROUTE_METHODS.has(name) && isRouteRegistration(call, name)) return perCall(routeCallbackPhrase(this.framework, name));
      if (TRPC_PROCEDURE_METHODS.has(name) && /procedure/i.test(chainText(call.callee.object))) return perCall('every call to this tRPC procedure');
    }
    if (call.type === 'CallExpression' && name !== undefined && INHERITING_CALLBACKS.has(name) && call.callee.type === 'Identifier') {
      return this.executionOf(call);
    }
    // `export default withAuth(async (req, res) => …)`: the wrapped function is the handler.
    const exported = this.exportedValueName(call);
    if (exported !== undefined) {
      const execution = this.exportExecution(exported, fn);
      if (execution) return execution;
    }
    return perCall('every call to this callback');
  }

  private propertyExecution(property: TSESTree.Property, fn: Subject): Execution {
    const key = propertyName(property);
    const object = property.parent as TSESTree.ObjectExpression;
    if (key === 'useFactory') return ONCE;
    if (key !== undefined && NEST_LIFECYCLE.has(key)) return ONCE;
    const holder = outermostTransparent(object).parent;
    if (key === 'context' && (holder?.type === 'CallExpression' || holder?.type === 'NewExpression')) {
      return perCall('every request through this GraphQL `context` function');
    }
    if (key === 'handler' && holder?.type === 'CallExpression' && calleeName(holder) === 'route') return perCall(routeCallbackPhrase(this.framework, 'route'));
    if (key === 'createContext') return perCall('every request through this tRPC `createContext`');
    const resolver = resolverPath(property);
    if (resolver) return perCall(`every call to this GraphQL resolver \`${resolver}\``);
    if (this.role.svelteServerLoad && objectExportName(object) === 'actions') return perCall('every request through this SvelteKit form action');
    const exported = objectExportName(object);
    if ((exported === 'module.exports' || exported === 'exports') && key !== undefined) return this.exportedFunctionExecution(key, fn);
    // `export const cache = { connect() {…} }`: the importers' calls of `cache.connect()` decide.
    if (exported !== undefined && key !== undefined && exported !== 'actions') return this.deferToCallers({ name: `${exported}.${key}`, kind: 'function' }, fn);
    const owner = objectOwnerName(object);
    return perCall(key ? `every call to \`${owner ? `${owner}.` : ''}${key}()\`` : 'every call to this function');
  }

  private methodExecution(method: TSESTree.MethodDefinition): Execution {
    const classNode = method.parent.parent as ClassNode;
    if (method.kind === 'constructor') return this.instanceExecution(classNode);
    const key = propertyName(method);
    if (key !== undefined && NEST_LIFECYCLE.has(key) && nestProviderScope(classNode) === 'singleton') return ONCE;
    const phrase = perCall(`every call to \`${className(classNode) ?? 'this class'}.${key ?? 'method'}()\``);
    // `constructor() { this.connect() }`: a method the class calls only from run-once code runs once per instance.
    const calls = key === undefined || method.static ? [] : ownCalls(classNode, key);
    if (calls === undefined || calls.length === 0) return phrase;
    const executions = calls.map((call) => this.executionOf(call));
    return executions.every((execution) => execution.runsOnce) ? mergeOnce(executions) : phrase;
  }

  /** Code that runs for every instance of a class: once when the class is only built in run-once places. */
  instanceExecution(classNode: ClassNode): Execution {
    // A class built while deciding its own constructor: its other uses decide.
    return this.decideOnce(classNode, () => this.computeInstanceExecution(classNode), () => ONCE);
  }

  private computeInstanceExecution(classNode: ClassNode): Execution {
    const name = className(classNode) ?? 'this class';
    const nestScope = nestProviderScope(classNode);
    if (nestScope === 'request') return perCall(`every request to this request-scoped NestJS provider \`${name}\``);
    if (nestScope === 'singleton') return ONCE;
    const variable = this.classVariable(classNode);
    const executions: Execution[] = [];
    for (const reference of variable?.references ?? []) {
      const use = outermostTransparent(reference.identifier);
      if (use.parent?.type !== 'NewExpression' || use.parent.callee !== use) continue;
      const execution = this.executionOf(use.parent);
      if (!execution.runsOnce) return perCall(`every \`new ${name}()\``);
      executions.push(execution);
    }
    // Exported: the importers' `new` decides. Never built anywhere we can see: most often a long-lived service.
    const exported = classExportName(classNode, variable);
    if (exported !== undefined) executions.push(this.deferToCallers({ name: exported, kind: 'class' }));
    return mergeOnce(executions);
  }

  private classVariable(classNode: ClassNode): VariableLike | null {
    if (classNode.id) return resolveIdentifier(this.scopeManager, classNode.id);
    const parent = outermostTransparent(classNode).parent;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return resolveIdentifier(this.scopeManager, parent.id);
    return null;
  }

  /** The export name when a call's value is what the module exports: `export default wrap(fn)`, `export const GET = wrap(fn)`. */
  private exportedValueName(call: Node): string | undefined {
    let value = outermostTransparent(call);
    for (;;) {
      const parent = value.parent;
      if (parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee !== value) {
        value = outermostTransparent(parent);
      } else if (parent?.type === 'MemberExpression' && parent.object === value && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) {
        // `middy(handler).use(parser())`: the chain still returns the wrapped handler.
        value = outermostTransparent(parent.parent);
      } else {
        break;
      }
    }
    const parent = value.parent;
    if (parent?.type === 'ExportDefaultDeclaration') return 'default';
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
      if (parent.parent?.parent?.type === 'ExportNamedDeclaration') return parent.id.name;
      const variable = resolveIdentifier(this.scopeManager, parent.id);
      for (const reference of variable?.references ?? []) {
        const exported = exportNameOfUse(outermostTransparent(reference.identifier));
        if (exported !== undefined) return exported;
      }
    }
    return exportedByAssignment(value);
  }

  private isReactCache(callee: Node): boolean {
    const inner = unwrap(callee);
    if (inner.type === 'Identifier') {
      const imported = this.imports.get(inner.name);
      return imported?.module === 'react' && imported.imported === 'cache';
    }
    if (inner.type === 'MemberExpression' && propertyName(inner) === 'cache' && inner.object.type === 'Identifier') {
      return this.imports.get(inner.object.name)?.module === 'react';
    }
    return false;
  }

  private genericPhrase(fn: Subject): string {
    const name = fn.type === 'ImportedFunction' ? fn.name : functionName(fn);
    return name ? `every call to \`${name}()\`` : 'every call to this function';
  }

}

/** The name a binding is exported under through one of its uses: `export default x`, `export { x as y }`, `exports.y = x`. */
function exportNameOfUse(use: Node): string | undefined {
  if (use.parent?.type === 'ExportDefaultDeclaration') return 'default';
  if (use.parent?.type === 'ExportSpecifier') {
    const exported = use.parent.exported;
    return exported.type === 'Identifier' ? exported.name : String(exported.value);
  }
  return exportedByAssignment(use);
}

/** `exports.handler = fn`, `module.exports.handler = fn`, `module.exports = fn` → the export name. */
function exportedByAssignment(value: Node): string | undefined {
  const parent = value.parent;
  if (parent?.type !== 'AssignmentExpression' || parent.right !== value) return undefined;
  const target = memberPath(parent.left);
  if (target === 'module.exports') return 'default';
  const match = target?.match(/^(?:module\.)?exports\.([^.]+)$/);
  return match?.[1];
}

/** `exports` / `module.exports` when the object literal is assigned there, `actions` for `export const actions = {…}`. */
function objectExportName(object: TSESTree.ObjectExpression): string | undefined {
  const holder = outermostTransparent(object).parent;
  if (holder?.type === 'AssignmentExpression') {
    const target = memberPath(holder.left);
    if (target === 'module.exports' || target === 'exports') return target;
  }
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.parent?.parent?.type === 'ExportNamedDeclaration') return holder.id.name;
  return undefined;
}

function objectOwnerName(object: TSESTree.ObjectExpression): string | undefined {
  const holder = outermostTransparent(object).parent;
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  return undefined;
}

/** `Query.user` for a function inside `const resolvers = { Query: { user() {…} } }` (or a `resolvers:` option). */
function resolverPath(property: TSESTree.Property): string | undefined {
  const field = propertyName(property);
  const typeProperty = outermostTransparent(property.parent).parent;
  if (field === undefined || typeProperty?.type !== 'Property') return undefined;
  const typeName = propertyName(typeProperty);
  const resolvers = outermostTransparent(typeProperty.parent).parent;
  const resolversName =
    resolvers?.type === 'VariableDeclarator' && resolvers.id.type === 'Identifier'
      ? resolvers.id.name
      : resolvers?.type === 'Property'
        ? propertyName(resolvers)
        : undefined;
  return typeName !== undefined && resolversName !== undefined && /resolvers$/i.test(resolversName) ? `${typeName}.${field}` : undefined;
}

/** `app.get('/path', fn)`, `router.route('/x').post(fn)`, `app.use(fn)`: not `map.get(key)`. */
function isRouteRegistration(call: TSESTree.CallExpression, method: string): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  if (method === 'use') return true;
  const callee = call.callee as TSESTree.MemberExpression;
  if (callee.object.type === 'CallExpression' && calleeName(callee.object) === 'route') return true;
  if (call.arguments.length < 2) return false;
  return (
    staticString(first) !== undefined ||
    first.type === 'TemplateLiteral' ||
    (first.type === 'Literal' && 'regex' in first) ||
    first.type === 'ArrayExpression'
  );
}

function chainRoot(callee: Node): string | undefined {
  let current = unwrap(callee);
  for (;;) {
    if (current.type === 'Identifier') return current.name;
    if (current.type === 'MemberExpression') current = unwrap(current.object);
    else if (current.type === 'CallExpression') current = unwrap(current.callee);
    else return undefined;
  }
}

function chainText(node: Node): string {
  const parts: string[] = [];
  let current = unwrap(node);
  for (;;) {
    if (current.type === 'Identifier') {
      parts.push(current.name);
      return parts.join('.');
    }
    if (current.type === 'MemberExpression') {
      parts.push(propertyName(current) ?? '');
      current = unwrap(current.object);
    } else if (current.type === 'CallExpression') {
      current = unwrap(current.callee);
    } else {
      return parts.join('.');
    }
  }
}

/** `Store.prototype`: reading a function's prototype (to add methods) does not call it. */
function isPrototypeRead(identifier: Node): boolean {
  const parent = identifier.parent;
  return parent?.type === 'MemberExpression' && parent.object === identifier && propertyName(parent) === 'prototype';
}

/**
 * Every `this.<key>()` call in the class's own members, or undefined when the file also reaches `<key>` some other
 * way (`service.<key>()`, `this.<key>` passed on): then callers we cannot follow may run it.
 */
function ownCalls(classNode: ClassNode, key: string): TSESTree.CallExpression[] | undefined {
  const calls: TSESTree.CallExpression[] = [];
  let escapes = false;
  const program = topLevelStatement(classNode).parent ?? classNode;
  walk(program, (node) => {
    if (escapes) return false;
    if (node.type !== 'MemberExpression' || propertyName(node) !== key) return true;
    const call = node.parent;
    const own = node.object.type === 'ThisExpression' && contains(classNode.body, node) && call?.type === 'CallExpression' && call.callee === node;
    if (own) calls.push(call);
    else escapes = true;
    return true;
  });
  return escapes ? undefined : calls;
}

/** The name a class is exported under: `export class X`, `export default class`, `export { X }`, `module.exports = X`. */
function classExportName(classNode: ClassNode, variable: VariableLike | null): string | undefined {
  const holder = outermostTransparent(classNode).parent;
  if (holder?.type === 'ExportDefaultDeclaration') return 'default';
  if (holder?.type === 'ExportNamedDeclaration' && classNode.id) return classNode.id.name;
  if (holder?.type === 'VariableDeclarator' && holder.parent?.parent?.type === 'ExportNamedDeclaration' && holder.id.type === 'Identifier') return holder.id.name;
  const assigned = exportedByAssignment(outermostTransparent(classNode));
  if (assigned !== undefined) return assigned;
  for (const reference of variable?.references ?? []) {
    const use = outermostTransparent(reference.identifier);
    const exported = exportNameOfUse(use);
    if (exported !== undefined) return exported;
    if (use.parent?.type === 'Property' && use.parent.value === use) {
      const objectExport = objectExportName(use.parent.parent as TSESTree.ObjectExpression);
      const key = propertyName(use.parent);
      if ((objectExport === 'module.exports' || objectExport === 'exports') && key !== undefined) return key;
    }
  }
  return undefined;
}

function className(classNode: ClassNode): string | undefined {
  if (classNode.id) return classNode.id.name;
  const parent = outermostTransparent(classNode).parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

/** NestJS providers are singletons unless declared with `scope: Scope.REQUEST` (or TRANSIENT). */
function nestProviderScope(classNode: ClassNode): 'singleton' | 'request' | undefined {
  for (const decorator of classNode.decorators ?? []) {
    const expression = decorator.expression;
    const name = expression.type === 'CallExpression' ? calleeName(expression) : expression.type === 'Identifier' ? expression.name : undefined;
    if (name === undefined || !NEST_PROVIDER_DECORATORS.has(name)) continue;
    const options = expression.type === 'CallExpression' ? expression.arguments[0] : undefined;
    if (options?.type === 'ObjectExpression') {
      for (const property of options.properties) {
        if (property.type === 'Property' && propertyName(property) === 'scope' && /REQUEST|TRANSIENT/.test(memberPath(property.value) ?? '')) return 'request';
      }
    }
    return 'singleton';
  }
  return undefined;
}

const REQUEST_PARAMETER = /^_?(?:req|request|ctx|context|c|event)$/;

function mayTakeRequest(params: readonly TSESTree.Parameter[]): boolean {
  if (params.length !== 1) return params.length > 1;
  const [param] = params;
  return param.type === 'Identifier' && REQUEST_PARAMETER.test(param.name);
}
