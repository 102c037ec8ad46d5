import type { TSESTree } from '@typescript-eslint/types';
import { enclosingExpressionStatement, enclosingFunction, functionBinding, isClass, isTransparent, memberPath, propertyName, resolveIdentifier, staticString, usesAsCallee, walk } from './ast.js';
import { carriedValue, LISTENER_REGISTRATION as LISTENER_METHODS } from './constructions.js';
import type { ClassNode, ConstructionNode, FunctionNode, Node, ScopeManagerLike, VariableLike } from './types.js';

/** Where the connection goes once built, which the fixes must follow. */
export type ClientPosition = 'declaration' | 'return' | 'member' | 'inline';

export interface ClientUsage {
  /** What a fix replaces: the construction, or `await createClient(…).connect()` as a whole. */
  value: Node;
  position: ClientPosition;
  /** The local variable holding the client (position `declaration`). */
  declarator?: TSESTree.VariableDeclarator;
  variable?: VariableLike;
  /** `this.client` (position `member`) and the class it belongs to. */
  member?: { path: string; classNode: ClassNode };
  /** Per-call `quit()`/`disconnect()`/`close()`/`destroy()`/`end()` and `on('error', …)` statements. */
  cleanups: TSESTree.ExpressionStatement[];
  /** Per-call `await client.connect()` statements. */
  connects: TSESTree.ExpressionStatement[];
  /** Why a shared connection cannot serve this code, in the words of the rule's message. */
  problem?: string;
  /** For a helper that returns the client: how each call of it in this file uses what it returns. */
  callers: ClientUsage[];
}

/** The methods that close a client: ioredis, node-redis 3 (`end`) and 4+. */
export const CLOSERS = new Set(['quit', 'disconnect', 'close', 'destroy', 'end']);
const SUBSCRIBERS = new Set(['subscribe', 'psubscribe', 'ssubscribe', 'pSubscribe', 'sSubscribe']);
const UNSUBSCRIBERS = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe']);
const BLOCKING = new Set(['blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'wait', 'waitaof']);
const STREAM_READS = new Set(['xread', 'xreadgroup']);
const RAW_COMMANDS = new Set(['call', 'callBuffer', 'sendCommand', 'send_command']);

/** Problems, most telling first: the message names only one. */
const PRIORITY = ['subscribe', 'blocking', 'select', 'watch', 'monitor', 'reassigned', 'listener', 'close', 'connect'] as const;
type ProblemKind = (typeof PRIORITY)[number];

export function clientUsage(construction: ConstructionNode | TSESTree.CallExpression, scopeManager: ScopeManagerLike): ClientUsage {
  const value = carriedValue(construction);
  const parent = value.parent!;
  const usage: ClientUsage = { value, position: 'inline', cleanups: [], connects: [], callers: [] };
  const problems = new Map<ProblemKind, string>();
  let uses: Node[] = [];

  if (parent.type === 'VariableDeclarator' && parent.init === value && parent.id.type === 'Identifier') {
    usage.position = 'declaration';
    usage.declarator = parent;
    usage.variable = resolveIdentifier(scopeManager, parent.id) ?? undefined;
    for (const reference of usage.variable?.references ?? []) {
      if (reference.identifier === parent.id) continue;
      if (reference.isWrite()) problems.set('reassigned', `the variable \`${parent.id.name}\` is reassigned`);
      else uses.push(reference.identifier);
    }
  } else if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && parent.body === value)) {
    usage.position = 'return';
    const helper = enclosingFunction(construction);
    for (const call of helper ? helperCalls(helper, scopeManager) : []) usage.callers.push(clientUsage(call, scopeManager));
  } else if (parent.type === 'AssignmentExpression' && parent.right === value && parent.operator === '=' && memberPath(parent.left)?.startsWith('this.')) {
    const classNode = thisClass(parent);
    if (classNode) {
      usage.position = 'member';
      usage.member = { path: memberPath(parent.left)!, classNode };
      uses = memberUses(classNode, usage.member.path, parent.left);
    }
  } else if (parent.type === 'AssignmentExpression' && parent.right === value && parent.left.type === 'MemberExpression' && memberPath(parent.left) !== undefined) {
    // `res.locals.redis = new Redis()`: what the function does through that property still counts.
    const path = memberPath(parent.left)!;
    const fn = enclosingFunction(construction);
    if (fn) walk(fn.body, (node) => {
      if (node !== parent.left && node.type === 'MemberExpression' && memberPath(node) === path) {
        uses.push(node);
        return false;
      }
      return true;
    });
  } else if (parent.type === 'AssignmentExpression' && parent.right === value && parent.left.type === 'Identifier') {
    // `subscriber = redis.duplicate()`: what the code does through that variable still counts.
    usage.variable = resolveIdentifier(scopeManager, parent.left) ?? undefined;
    for (const reference of usage.variable?.references ?? []) if (reference.isRead()) uses.push(reference.identifier);
  } else {
    uses = [value];
  }

  for (const use of uses) inspectUse(use, usage, problems);
  const kind = PRIORITY.find((candidate) => problems.has(candidate));
  if (kind) usage.problem = problems.get(kind);
  return usage;
}

function thisClass(node: Node): ClassNode | undefined {
  let fn: FunctionNode | undefined = enclosingFunction(node);
  while (fn?.type === 'ArrowFunctionExpression') fn = enclosingFunction(fn);
  const member = fn?.parent;
  return member?.type === 'MethodDefinition' && isClass(member.parent.parent) ? member.parent.parent : undefined;
}

/** Every `this.client` in the class's own members, other than the assignment itself. */
function memberUses(classNode: ClassNode, path: string, assigned: Node): Node[] {
  const uses: Node[] = [];
  walk(classNode.body, (node) => {
    if (isClass(node)) return false;
    if (node !== assigned && node.type === 'MemberExpression' && memberPath(node) === path) {
      uses.push(node);
      return false;
    }
    return true;
  });
  return uses;
}

function inspectUse(use: Node, usage: ClientUsage, problems: Map<ProblemKind, string>): void {
  let holder = use;
  while (holder.parent && isTransparent(holder.parent)) holder = holder.parent;
  const member = holder.parent;
  if (member?.type !== 'MemberExpression' || member.object !== holder) return;
  const method = propertyName(member);
  const call = member.parent;
  if (method === undefined || call?.type !== 'CallExpression' || call.callee !== member) return;

  const command = RAW_COMMANDS.has(method) ? rawCommandName(call) : method;
  if (command !== undefined) {
    const problem = commandProblem(command, call);
    if (problem && !problems.has(problem.kind)) problems.set(problem.kind, problem.reason);
  }
  if (method === 'connect') {
    // Work chained on the connection (`connect().then(…)`), or a connect inside a larger expression, would stay
    // and connect the shared client a second time.
    const statement = enclosingExpressionStatement(call);
    if (!statement || chainsWork(call, statement)) problems.set('connect', 'it connects the client inside an expression the fix cannot remove');
    else usage.connects.push(statement);
    return;
  }
  if (CLOSERS.has(method)) {
    const statement = enclosingExpressionStatement(call) ?? closingListener(call);
    if (!statement) problems.set('close', 'it closes the client inside an expression the fix cannot remove');
    else usage.cleanups.push(statement);
    return;
  }
  if (LISTENER_METHODS.has(method)) {
    const event = staticString(call.arguments[0]);
    const statement = enclosingExpressionStatement(call);
    if (event === 'error' && statement) usage.cleanups.push(statement);
    else if (event !== undefined && !problems.has('listener')) problems.set('listener', `it adds a \`'${event}'\` listener on every call`);
  }
}

function rawCommandName(call: TSESTree.CallExpression): string | undefined {
  const first = call.arguments[0];
  const text = first?.type === 'ArrayExpression' ? staticString(first.elements[0] as Node | null) : staticString(first);
  return text?.toLowerCase();
}

function commandProblem(command: string, call: TSESTree.CallExpression): { kind: ProblemKind; reason: string } | undefined {
  const lower = command.toLowerCase();
  if (SUBSCRIBERS.has(command) || SUBSCRIBERS.has(lower)) {
    return { kind: 'subscribe', reason: `it subscribes (\`${command}\`), which needs a connection of its own` };
  }
  // Subscribed elsewhere (a helper it is handed to), unsubscribed here: still a subscriber's connection.
  if (UNSUBSCRIBERS.has(lower)) {
    return { kind: 'subscribe', reason: `it unsubscribes (\`${command}\`), so it holds a subscription, which needs a connection of its own` };
  }
  if (BLOCKING.has(lower) || (STREAM_READS.has(lower) && mentionsBlock(call))) {
    return { kind: 'blocking', reason: `it runs the blocking command \`${lower.toUpperCase()}\`, which holds its connection` };
  }
  if (lower === 'select') return { kind: 'select', reason: 'it switches databases with `SELECT`, which would change the database for every user of a shared client' };
  if (lower === 'watch') return { kind: 'watch', reason: 'it uses `WATCH`, which ties a transaction to its connection' };
  if (lower === 'monitor') return { kind: 'monitor', reason: 'it runs `MONITOR`, which needs a connection of its own' };
  return undefined;
}

/** `xread('BLOCK', 0, …)` (ioredis) or `xRead(…, { BLOCK: 0 })` (node-redis). */
function mentionsBlock(call: TSESTree.CallExpression): boolean {
  let found = false;
  for (const argument of call.arguments) {
    walk(argument, (node) => {
      if (staticString(node)?.toUpperCase() === 'BLOCK') found = true;
      if (node.type === 'Property' && propertyName(node)?.toUpperCase() === 'BLOCK') found = true;
      return !found;
    });
  }
  return found;
}

/** Calls of a helper through its name in this file: `getClient()`. */
function helperCalls(helper: FunctionNode, scopeManager: ScopeManagerLike): TSESTree.CallExpression[] {
  const binding = functionBinding(helper, scopeManager);
  return binding ? usesAsCallee(binding.variable).flatMap(({ call }) => (call ? [call] : [])) : [];
}

/** Whether a `.then(…)` or `.finally(…)` between the call and its statement runs more code after it. */
function chainsWork(call: Node, statement: Node): boolean {
  for (let current = call; current !== statement && current.parent; current = current.parent) {
    const parent = current.parent;
    if (parent.type === 'MemberExpression' && parent.object === current && ['then', 'finally'].includes(propertyName(parent) ?? '')) return true;
  }
  return false;
}

/** `res.on('finish', () => redis.disconnect())`: a listener registered only to close the client, as a whole statement. */
function closingListener(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | undefined {
  let body: Node = call;
  while (body.parent && (body.parent.type === 'AwaitExpression' || (body.parent.type === 'UnaryExpression' && body.parent.operator === 'void'))) body = body.parent as Node;
  let listener: Node | undefined = body.parent;
  if (listener?.type === 'ExpressionStatement' && listener.parent?.type === 'BlockStatement' && listener.parent.body.length === 1) listener = listener.parent.parent;
  if (listener?.type !== 'ArrowFunctionExpression' && listener?.type !== 'FunctionExpression') return undefined;
  const registration = listener.parent;
  if (registration?.type !== 'CallExpression' || !registration.arguments.includes(listener as TSESTree.CallExpressionArgument)) return undefined;
  const name = registration.callee.type === 'MemberExpression' ? propertyName(registration.callee) : undefined;
  if (name === undefined || !LISTENER_METHODS.has(name)) return undefined;
  return registration.parent?.type === 'ExpressionStatement' ? registration.parent : undefined;
}
