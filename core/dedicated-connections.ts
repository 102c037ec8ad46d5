import type { TSESTree } from '@typescript-eslint/types';
import { calleeName, enclosingFunction, memberPath, propertyName, walk } from './ast.js';
import type { ClientUsage } from './client-usage.js';
import type { ConstructionNode, FunctionNode, Node } from './types.js';

/** Library calls that need a connection of their own, by the name of the call the client is handed to. */
const DEDICATED_CONSUMERS: Record<string, string> = {
  Worker: 'it is handed to a BullMQ `Worker`, which blocks on its connection and needs one of its own',
  QueueEvents: 'it is handed to BullMQ `QueueEvents`, which reads a blocking stream and needs a connection of its own',
  createAdapter: 'it is handed to the socket.io Redis adapter, which subscribes on its clients and needs connections of its own',
  createShardedAdapter: 'it is handed to the socket.io Redis adapter, which subscribes on its clients and needs connections of its own',
};
/** Option keys of Bull and Kue whose function must return a new client on every call. */
const CLIENT_FACTORY_KEYS = new Set(['createClient', 'createClientFactory']);

/** Why a client must keep a connection of its own because of the library it is handed to; undefined when none. */
export function dedicatedConnectionReason(construction: ConstructionNode, usage: ClientUsage, fn: FunctionNode | undefined): string | undefined {
  const factoryKey = fn?.parent?.type === 'Property' ? propertyName(fn.parent) : undefined;
  if (factoryKey && CLIENT_FACTORY_KEYS.has(factoryKey)) {
    return `it is returned by a \`${factoryKey}\` option, which Bull and Kue call for each connection they need (client, subscriber, blocking)`;
  }
  for (const use of valueUses(usage)) {
    let current: Node = use;
    // `{ connection: client }`, `[pub, sub]`: the value carried inside an argument.
    while (current.parent && (current.parent.type === 'Property' || current.parent.type === 'ObjectExpression' || current.parent.type === 'ArrayExpression')) current = current.parent;
    const call = current.parent;
    if ((call?.type === 'CallExpression' || call?.type === 'NewExpression') && call !== construction && call.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const name = calleeName(call);
      if (name && DEDICATED_CONSUMERS[name]) return DEDICATED_CONSUMERS[name];
    }
  }
  return undefined;
}

/** The construction's value and every read of the variable or member that holds it. */
function valueUses(usage: ClientUsage): Node[] {
  const uses: Node[] = [usage.value];
  for (const reference of usage.variable?.references ?? []) if (reference.isRead()) uses.push(reference.identifier);
  const member = usage.member;
  if (member) walk(member.classNode.body, (node) => {
    if (node.type === 'MemberExpression' && memberPath(node) === member.path) uses.push(node);
    return true;
  });
  return uses;
}

/**
 * A callback-style Lambda handler (`(event, context, callback)`) answers only once the event loop is empty, which a
 * shared open connection never lets it be.
 */
export function callbackHandlerReason(fn: FunctionNode | undefined): string | undefined {
  let outer = fn;
  while (outer && enclosingFunction(outer)) outer = enclosingFunction(outer);
  const callback = outer?.params[2];
  if (!outer || outer.async || outer.params.length !== 3 || callback?.type !== 'Identifier' || !/^(?:callback|cb|done)$/.test(callback.name)) return undefined;
  // By signature: the runtime waits for an empty event loop whether the callback is called here, later or never.
  return `it is in a callback-style handler, which Lambda ends only once the event loop is empty, and a shared connection keeps it busy; make the handler \`async\` first`;
}
