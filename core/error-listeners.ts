import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import type { ClientUsage } from './client-usage.js';
import { quoted, type CodeStyle } from './code-style.js';
import { contains, functionName, isFunction, isModuleLevelScope, propertyName, staticString, walk } from './ast.js';
import { LISTENER_REGISTRATION as LISTENER_METHODS } from './constructions.js';
import { reindented, type MovedText } from './moved-text.js';
import type { Node, ScopeManagerLike } from './types.js';

/**
 * The code's own `'error'` listener on a client it builds per call: it moves with the construction and is registered
 * once on the shared client, so errors still reach the handler the code chose.
 */
export interface ErrorListener {
  /** `on`, `once`, `addListener`, `prependListener`. */
  method: string;
  handler: Node;
  /** The statement `client.on('error', h);` that goes from the call site; absent for a chained listener. */
  statement?: TSESTree.ExpressionStatement;
  /** node-redis 4+: registered before `connect()`, so the first connect retries and later errors reconnect. */
  beforeConnect: boolean;
}

/** An error listener as the moved code writes it: its handler's text, re-indented where it is written. */
export interface MovedErrorListener {
  method: string;
  handler: MovedText;
  beforeConnect: boolean;
}


function errorListenerCall(call: Node | undefined): { method: string; handler: Node } | undefined {
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(call.callee);
  const handler = call.arguments[1];
  if (method === undefined || !LISTENER_METHODS.has(method) || staticString(call.arguments[0]) !== 'error' || !handler || handler.type === 'SpreadElement') return undefined;
  return { method, handler };
}

/** Whether a per-call statement the usage lists is `client.on('error', handler);`. */
export function isErrorListenerStatement(statement: TSESTree.ExpressionStatement): boolean {
  return errorListenerCall(statement.expression) !== undefined;
}

/**
 * The site's own 'error' listeners: those chained on the construction (`createClient(…).on('error', h).connect()`)
 * and those registered on it by a statement among `statements` (the per-call lifecycle that goes with the rewrite).
 */
export function errorListenersOf(site: PerCallSite, statements: readonly TSESTree.ExpressionStatement[] = site.usage.cleanups): ErrorListener[] {
  const [connect] = site.usage.connects;
  const listeners: ErrorListener[] = [];
  for (let node: Node = site.node; node !== site.usage.value && node.parent; node = node.parent) {
    const member: Node = node.parent;
    const found = member.type === 'MemberExpression' && member.object === node && member.parent?.type === 'CallExpression' && member.parent.callee === member ? errorListenerCall(member.parent) : undefined;
    // A chained listener stands before the `.connect()` the chain ends with.
    if (found) listeners.push({ ...found, beforeConnect: true });
  }
  for (const statement of statements) {
    if (!site.usage.cleanups.includes(statement)) continue;
    const found = errorListenerCall(statement.expression);
    if (found) listeners.push({ ...found, statement, beforeConnect: !connect || statement.range[0] < connect.range[0] });
  }
  return listeners;
}

/**
 * Whether a node-redis 4+ client retries a refused first connect: it does while any 'error' listener is registered
 * (with none, the error it emits throws and `connect()` rejects at once); a listener added once `connect()` resolved
 * changes nothing there, and ioredis and node-redis 3 reconnect whatever listens, so for them no listener tells.
 */
export function retriesFirstConnect(listeners: readonly { beforeConnect: boolean }[]): boolean {
  return listeners.some((listener) => listener.beforeConnect);
}

/**
 * Whether a module's connecting getter `getter` leaves its client retrying a refused first connect: the getter, or a
 * function of the module it calls, registers an 'error' listener before its `connect()`. Undefined when neither
 * connects.
 */
export function getterRetriesFirstConnect(program: TSESTree.Program, getter: string): boolean | undefined {
  const functions = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) functions.set(declaration.id.name, declaration);
  }
  const start = functions.get(getter);
  if (!start) return undefined;
  const called: Node[] = [];
  walk(start, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && functions.has(node.callee.name)) called.push(functions.get(node.callee.name)!);
  });
  for (const fn of [start, ...called]) {
    let connectEnd = Infinity;
    let listenerEnd = Infinity;
    walk(fn, (node) => {
      if (node.type !== 'CallExpression') return;
      if (node.callee.type === 'MemberExpression' && propertyName(node.callee) === 'connect') connectEnd = Math.min(connectEnd, node.range[1]);
      if (errorListenerCall(node)) listenerEnd = Math.min(listenerEnd, node.range[1]);
    });
    // A chained `.on('error', h).connect()` ends before the connect that holds it, as a statement before it does.
    if (connectEnd !== Infinity) return listenerEnd < connectEnd;
  }
  return undefined;
}

/**
 * Why a listener cannot be registered on a client shared between calls: it reads a binding of the function it was
 * registered in (a request id, a logger made per call). `undefined` when every listener can move.
 */
export function listenerBlocker(listeners: readonly ErrorListener[], scopeManager: ScopeManagerLike): string | undefined {
  for (const { handler } of listeners) {
    if (readsThis(handler)) return "its 'error' listener uses `this` of the code it was registered in, which a client shared between calls cannot see";
    for (const scope of scopeManager.scopes) {
      for (const reference of scope.references) {
        const variable = reference.resolved;
        if (!variable || !contains(handler, reference.identifier) || isModuleLevelScope(variable.scope)) continue;
        if (variable.identifiers.every((identifier) => contains(handler, identifier))) continue;
        const owner = variable.scope.variableScope.block;
        const name = isFunction(owner) ? functionName(owner) : undefined;
        const where = name ? `\`${name}()\`` : 'the function that builds it';
        return `its 'error' listener uses \`${variable.name}\` from ${where}, which a client shared between calls cannot see`;
      }
    }
  }
  return undefined;
}

/**
 * Why a caller of a helper that returns the client cannot get a shared one: it registers its own 'error' listener on
 * every client it gets, which would pile up on one shared client.
 */
export function listenerOnReturnedClient(caller: ClientUsage): string | undefined {
  const listener = caller.cleanups.find(isErrorListenerStatement);
  return listener ? `it registers an 'error' listener on every client it gets (line ${listener.loc.start.line}), which would pile up on a shared client` : undefined;
}

/** `this` of the registering code in the handler: `(e) => this.log(e)`, `this.onError.bind(this)`. */
function readsThis(handler: Node): boolean {
  // A function expression binds its own `this`.
  if (handler.type === 'FunctionExpression') return false;
  let found = false;
  walk(handler, (node) => {
    if (node.type === 'ThisExpression') found = true;
    return !found && node.type !== 'FunctionExpression' && node.type !== 'FunctionDeclaration';
  });
  return found;
}

/** Whether a listener reads a binding of its module (an import, a module-level logger), which only its file can see. */
export function listenersReadModuleBindings(listeners: readonly ErrorListener[], scopeManager: ScopeManagerLike): boolean {
  return listeners.some(({ handler }) =>
    scopeManager.scopes.some((scope) =>
      scope.references.some((reference) => reference.resolved !== null && contains(handler, reference.identifier) && !reference.resolved.identifiers.every((identifier) => contains(handler, identifier))),
    ),
  );
}

/** Two sites' listeners are the same when they register the same handlers, in the same way, at the same point. */
export function sameListeners(a: readonly MovedErrorListener[], b: readonly MovedErrorListener[]): boolean {
  const key = (listeners: readonly MovedErrorListener[]): string => JSON.stringify(listeners.map(({ method, handler, beforeConnect }) => [method, handler.text.replace(/\s+/g, ' '), beforeConnect]));
  return key(a) === key(b);
}

export interface CreateFunction {
  /** `createRedis`. */
  name: string;
  /** The expression that builds the client, as it stood where it came from. */
  construction: MovedText;
  /** Listeners registered on the new client before it is returned. */
  listeners: readonly Omit<MovedErrorListener, 'beforeConnect'>[];
  /** The function's own name for the client, free of any name the construction or a listener reads. */
  client: string;
  /** A return annotation (`RedisClientType`) the client must be assignable to. */
  returnType?: string;
  /** How the file indents and quotes: the body stands one step in, moved lines keep their depth below it. */
  style: CodeStyle;
}

/** The function that builds the shared client, with the code's own 'error' listeners registered on it. */
export function renderCreateFunction({ name, construction, listeners, client, returnType, style }: CreateFunction): string[] {
  const { unit } = style;
  const returns = returnType ? `: ${returnType}` : '';
  const indented = reindented(construction, unit, unit);
  if (listeners.length === 0) return [`function ${name}()${returns} {`, `${unit}return ${indented};`, '}'];
  return [
    `function ${name}()${returns} {`,
    `${unit}const ${client} = ${indented};`,
    ...listeners.map(({ method, handler }) => `${unit}${client}.${method}(${quoted('error', style)}, ${reindented(handler, unit, unit)});`),
    `${unit}return ${client};`,
    '}',
  ];
}
