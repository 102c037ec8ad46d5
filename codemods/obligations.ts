import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from '../core/analyze.js';
import { calleeName, contains, enclosingFunction, functionName, memberPath, staticString, walk } from '../core/ast.js';
import { lineStart, removeStatements, type Edit } from '../core/edits.js';
import type { Node } from '../core/types.js';

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
export function removeLifecycleStatements(source: string, statements: readonly TSESTree.ExpressionStatement[], alsoGoing?: ReadonlySet<Node>): Edit[] {
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
  const edits = removeStatements(source, [...statements, ...companions], alsoGoing);
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

/** True when a helper's call runs once: at module scope, or in a function (`main()`) called only at module scope. */
export function callRunsOnce(call: Node, calleesOf: (fn: ReturnType<typeof enclosingFunction> & object) => Node[] | undefined): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return true;
  const calls = calleesOf(fn);
  return calls !== undefined && calls.length > 0 && calls.every((use) => enclosingFunction(use) === undefined);
}
