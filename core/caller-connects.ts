import type { TSESTree } from '@typescript-eslint/types';
import { propertyName, unwrap } from './ast.js';
import type { ClientUsage } from './client-usage.js';
import type { Node } from './types.js';

/**
 * A helper whose shared client connects inside it may take over its caller's `connect()` only where the caller
 * connected at the same point: the connect is the statement right after the one that gets the client, in the same
 * statement list (so under the same `try`), with nothing between but what the rewrite removes. The first connect
 * that is not, if any: the shared client would connect earlier than it, outside its error handling.
 */
export function connectLaterThanCall(usage: ClientUsage): TSESTree.ExpressionStatement | undefined {
  const gets = statementOf(usage.value);
  return usage.connects.find((connect) => !gets || !connectsRightAfter(gets, connect, usage));
}

/**
 * Whether `connect` is the statement right after `gets`, in the same block, with nothing between but the closes,
 * connects and error listeners that go with the rewrite.
 */
export function connectsRightAfter(gets: Node, connect: TSESTree.ExpressionStatement, usage: ClientUsage): boolean {
  if (connect.parent !== gets.parent) return false;
  const going = new Set<Node>([...usage.cleanups, ...usage.connects]);
  const list = statementList(gets);
  const [from, to] = [list.indexOf(gets), list.indexOf(connect)];
  return from < to && list.slice(from + 1, to).every((between) => going.has(between));
}

/** `await (await getClient()).connect()`: a caller that connects in the very expression that gets the client. */
export function chainedConnect(usage: ClientUsage): TSESTree.AwaitExpression | undefined {
  const { value } = usage;
  if (value.type !== 'AwaitExpression') return undefined;
  const call = unwrap(value.argument);
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || propertyName(call.callee) !== 'connect' || call.arguments.length > 0) return undefined;
  // `await cache.connect()` is the helper's own call (a helper named `connect`), not a connect chained on its result.
  const receiver = unwrap(call.callee.object);
  return receiver.type === 'AwaitExpression' || receiver.type === 'CallExpression' ? value : undefined;
}

/** What stays of a chained connect once the helper connects: the expression it was called on. */
export function withoutChainedConnect(source: string, awaited: TSESTree.AwaitExpression): string {
  const call = unwrap(awaited.argument) as TSESTree.CallExpression;
  const receiver = unwrap((call.callee as TSESTree.MemberExpression).object);
  return source.slice(receiver.range[0], receiver.range[1]);
}

/** The statement, directly in a block, that holds `node`. */
function statementOf(node: Node): Node | undefined {
  for (let current: Node = node; current.parent; current = current.parent) {
    if (statementList(current).includes(current)) return current;
  }
  return undefined;
}

function statementList(statement: Node): readonly Node[] {
  const parent = statement.parent;
  if (parent?.type === 'BlockStatement' || parent?.type === 'Program' || parent?.type === 'StaticBlock') return parent.body;
  if (parent?.type === 'SwitchCase') return parent.consequent;
  return [];
}
