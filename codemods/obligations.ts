import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from '../core/analyze.js';
import { calleeName, contains, enclosingFunction, functionName, memberPath, propertyName, staticString, walk } from '../core/ast.js';
import { lineStart, removeStatements, type Edit } from '../core/edits.js';
import type { Node } from '../core/types.js';

/**
 * Libraries that need a connection of their own, by the call the client is handed to. (Analysis facts: they belong
 * with the project model in core/ once it summarises library calls.)
 */
const DEDICATED_CONSUMERS: Record<string, string> = {
  Worker: 'a BullMQ `Worker` blocks on its connection, so it needs one of its own',
  QueueEvents: 'BullMQ `QueueEvents` reads a blocking stream, so it needs a connection of its own',
  createAdapter: 'the socket.io Redis adapter subscribes on its client, so it needs connections of its own',
  createShardedAdapter: 'the socket.io Redis adapter subscribes on its client, so it needs connections of its own',
};
/** Option keys of Bull and Kue that return a new client per call by contract. */
const CLIENT_FACTORY_KEYS = new Set(['createClient', 'createClientFactory']);

/** Why a site must keep its own connection although its code alone could share one; undefined when it can share. */
export function dedicatedConnectionReason(site: PerCallSite, source: string): string | undefined {
  const node = site.node;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && ['duplicate', 'createPool'].includes(propertyName(node.callee) ?? '')) {
    const receiver = source.slice(node.callee.object.range[0], node.callee.object.range[1]);
    return `it duplicates \`${receiver}\`, whose configuration (host, password, TLS) a shared module cannot copy; build the duplicate once beside \`${receiver}\``;
  }
  const fn = site.fn;
  const factoryKey = fn?.parent?.type === 'Property' ? propertyName(fn.parent) : undefined;
  if (factoryKey && CLIENT_FACTORY_KEYS.has(factoryKey)) {
    return `it is returned by a \`${factoryKey}\` option, which Bull and Kue call for each connection they need (client, subscriber, blocking)`;
  }
  for (const use of valueUses(site)) {
    let current: Node = use;
    // `{ connection: client }`, `[pub, sub]`: the value carried inside an argument.
    while (current.parent && (current.parent.type === 'Property' || current.parent.type === 'ObjectExpression' || current.parent.type === 'ArrayExpression')) current = current.parent;
    const call = current.parent;
    if ((call?.type === 'CallExpression' || call?.type === 'NewExpression') && call.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const name = calleeName(call)?.split('.').pop();
      if (name && DEDICATED_CONSUMERS[name]) return DEDICATED_CONSUMERS[name];
    }
  }
  return undefined;
}

/** The construction itself and every read of the variable or member that holds it. */
function valueUses(site: PerCallSite): Node[] {
  const uses: Node[] = [site.usage.value];
  for (const reference of site.usage.variable?.references ?? []) if (reference.isRead()) uses.push(reference.identifier);
  const member = site.usage.member;
  if (member) walk(member.classNode.body, (node) => {
    if (node.type === 'MemberExpression' && memberPath(node) === member.path) uses.push(node);
    return true;
  });
  return uses;
}

const TEARDOWN_HOOKS = new Set(['afterAll', 'afterEach', 'after', 'teardown', 'onModuleDestroy', 'onApplicationShutdown', 'beforeApplicationShutdown']);
const SHUTDOWN_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'exit', 'beforeExit', 'close', 'shutdown']);
const SHUTDOWN_METHODS = /^(?:close|disconnect|shutdown|stop|quit|destroy|dispose|end|teardown|onModuleDestroy|onApplicationShutdown)$/i;

/**
 * True for a close in shutdown code, which must keep closing: a signal or exit handler, a test teardown hook,
 * or a service's own `disconnect()`/`close()` method other than the function that built the client, unless the
 * service itself is built per call (`instancesPerCall`).
 */
export function isShutdownCode(statement: Node, site: PerCallSite, instancesPerCall = false): boolean {
  for (let fn = enclosingFunction(statement); fn; fn = enclosingFunction(fn)) {
    if (site.fn && (fn === site.fn || contains(fn, site.fn))) return false;
    const registration = fn.parent;
    if (registration?.type === 'CallExpression' && registration.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      const callee = memberPath(registration.callee) ?? calleeName(registration) ?? '';
      const event = staticString(registration.arguments[0]);
      if (TEARDOWN_HOOKS.has(callee.split('.').pop() ?? '')) return true;
      if (/^process\.(?:on|once|addListener)$/.test(callee) || (event !== undefined && SHUTDOWN_EVENTS.has(event) && /\.(?:on|once)$/.test(callee))) return true;
    }
    const name = functionName(fn);
    // A class built per request closes per request too: its `close()` runs at the end of each request.
    if (instancesPerCall && fn.parent?.type === 'MethodDefinition') return false;
    if (name && (SHUTDOWN_METHODS.test(name) || TEARDOWN_HOOKS.has(name)) && (fn.parent?.type === 'MethodDefinition' || fn.parent?.type === 'Property')) return true;
  }
  return false;
}

const CLOSE_WORDS = /\b(?:clos(?:e|ed|ing)|disconnect(?:ed|ing)?|quit(?:s|ting)?|connect(?:ed|ing)?|shut ?down|tear ?down|cleanup|clean up)\b/i;

/**
 * Removes per-call closes and connects, with what only speaks of them: an own-line comment right above, and a log
 * right after that says "closed"/"disconnected".
 */
export function removeLifecycleStatements(source: string, statements: readonly TSESTree.ExpressionStatement[]): Edit[] {
  const companions: Node[] = [];
  const removed = new Set<Node>(statements);
  for (const statement of statements) {
    const siblings = statement.parent && 'body' in statement.parent && Array.isArray(statement.parent.body) ? (statement.parent.body as Node[]) : [];
    const next = siblings[siblings.indexOf(statement) + 1];
    if (next && !removed.has(next) && isLogAbout(next, source)) {
      companions.push(next);
      removed.add(next);
    }
  }
  const edits = removeStatements(source, [...statements, ...companions]);
  for (const statement of statements) {
    const comment = commentLinesAbove(source, statement.range[0]);
    if (comment) edits.push(comment);
  }
  return edits;
}

function isLogAbout(statement: Node, source: string): boolean {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'CallExpression') return false;
  const callee = memberPath(statement.expression.callee) ?? '';
  if (!/^(?:console|logger|log)\.\w+$/.test(callee)) return false;
  return CLOSE_WORDS.test(source.slice(statement.range[0], statement.range[1]));
}

/** The `// …` lines directly above a statement when they speak of closing or connecting. */
function commentLinesAbove(source: string, offset: number): Edit | undefined {
  const start = lineStart(source, offset);
  if (!/^[ \t]*$/.test(source.slice(start, offset))) return undefined;
  let from = start;
  while (from > 0) {
    const previous = lineStart(source, from - 1);
    if (!/^[ \t]*\/\/.*\r?\n$/.test(source.slice(previous, from))) break;
    from = previous;
  }
  if (from === start || !CLOSE_WORDS.test(source.slice(from, start))) return undefined;
  return { range: [from, start], text: '' };
}

/** True when some `new ClassName()` in these programs runs inside a function rather than once at module scope. */
export function instantiatedPerCall(className: string, programs: readonly TSESTree.Program[]): boolean {
  let found = false;
  for (const program of programs) {
    walk(program, (node) => {
      if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === className && enclosingFunction(node)) found = true;
      return !found;
    });
  }
  return found;
}

/**
 * A callback-style Lambda handler (`(event, context, callback)`) answers only once the event loop is empty, which a
 * shared open connection never lets it be; such handlers are left for a person to decide.
 */
export function callbackLambdaReason(site: PerCallSite): string | undefined {
  let outer = site.fn;
  while (outer && enclosingFunction(outer)) outer = enclosingFunction(outer);
  const callback = outer?.params[2];
  if (outer?.params.length !== 3 || callback?.type !== 'Identifier') return undefined;
  let called = false;
  walk(outer.body, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === callback.name) called = true;
    return !called;
  });
  return called
    ? `it is in a callback-style handler (\`${callback.name}\`), which Lambda ends only when the event loop is empty, and a shared connection keeps it busy; convert the handler to async first`
    : undefined;
}

/** True when a helper's call runs once: at module scope, or in a function (`main()`) called only at module scope. */
export function callRunsOnce(call: Node, calleesOf: (fn: ReturnType<typeof enclosingFunction> & object) => Node[] | undefined): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return true;
  const calls = calleesOf(fn);
  return calls !== undefined && calls.length > 0 && calls.every((use) => enclosingFunction(use) === undefined);
}
