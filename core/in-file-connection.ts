import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { connectsRightAfter } from './caller-connects.js';
import { contains } from './ast.js';
import { insertedBlock, statementEnd, type CodeStyle } from './code-style.js';
import { renderConnectingGetter } from './connecting-getter.js';
import { removeNode, removeStatements, type Edit } from './edits.js';
import type { GetterToWrite } from './in-file-hoist.js';
import type { Node, ScopeManagerLike } from './types.js';

export interface InFileConnection {
  /** node-redis 5 and later close at once with `destroy()`, 4 with `disconnect()`. */
  closeAtOnce: 'destroy' | 'disconnect';
  typescript: boolean;
  /** The library type the call site annotates its client with (`RedisClientType`), which the getter keeps. */
  clientType?: string;
}

/**
 * node-redis 4 and later, moved within its file: a module-level connection promise behind an awaited getter,
 * written where the construction's options are all defined. The connection opens on the first call, as the per-call
 * client did, a failed first connect rejects instead of retrying, and concurrent first calls share one connect.
 */
export function inFileConnectionEdits(
  site: PerCallSite,
  source: string,
  connection: InFileConnection,
  lifecycle: readonly TSESTree.ExpressionStatement[],
  toWrite: GetterToWrite | undefined,
  style: CodeStyle,
  getter: string,
  alsoGoing?: ReadonlySet<Node>,
): Edit[] {
  const { usage } = site;
  const edits: Edit[] = [];
  if (toWrite) {
    const { names, client } = toWrite;
    const lines = [
      '// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.',
      ...toWrite.slot.lines,
      '',
      ...renderConnectingGetter({
        getter: names.getter,
        connect: names.factory,
        slot: toWrite.slot.ref,
        client: names.client,
        construction: client.construction,
        style,
        errorListeners: client.listeners,
        closeAtOnce: connection.closeAtOnce,
        typescript: connection.typescript,
        clientType: connection.clientType,
        typedConstruction: true,
        exported: false,
      }),
    ];
    edits.push(insertedBlock(source, toWrite.at, lines, style));
  }

  const awaited = `await ${getter}()`;
  const connectAt = connectToTakeOver(site);
  if (connectAt && usage.declarator) {
    // The client is awaited where the original connected, so a failure lands in the same `try` as before.
    const statement = usage.declarator.parent as TSESTree.VariableDeclaration;
    edits.push(removeNode(source, statement));
    edits.push({ range: connectAt.range, text: `${statement.kind} ${source.slice(usage.declarator.id.range[0], usage.declarator.id.range[1])} = ${awaited}${statementEnd(style)}` });
  } else {
    const parent = usage.value.parent;
    const parenthesised = /\(\s*$/.test(source.slice(0, usage.value.range[0])) && /^\s*\)/.test(source.slice(usage.value.range[1]));
    const operand = parent?.type === 'MemberExpression' && parent.object === usage.value && !parenthesised;
    edits.push({ range: usage.value.range, text: operand ? `(${awaited})` : awaited });
  }
  edits.push(...removeStatements(source, lifecycle.filter((statement) => statement !== connectAt), alsoGoing));
  return edits;
}

/** The names the code inside `nodes` reads from outside them. */
export function referencedNames(nodes: readonly Node[], scopeManager: ScopeManagerLike): Set<string> {
  const names = new Set<string>();
  for (const scope of scopeManager.scopes) {
    for (const reference of scope.references) {
      const inside = nodes.find((node) => contains(node, reference.identifier));
      if (inside && !reference.resolved?.identifiers.every((identifier) => contains(inside, identifier))) names.add((reference.identifier as TSESTree.Identifier).name);
    }
  }
  return names;
}

/**
 * `const client = createClient(); try { await client.connect(); … }`, or a request validated between the two: the
 * one `connect()` is not the declaration's next statement, and every use of the client follows it in its block; the
 * shared client is then awaited at the connect, not at the declaration, so it connects no earlier than before.
 */
export function connectToTakeOver(site: PerCallSite): TSESTree.ExpressionStatement | undefined {
  const { usage } = site;
  const [connect] = usage.connects;
  if (usage.position !== 'declaration' || usage.connects.length !== 1 || !usage.declarator || !usage.variable) return undefined;
  const declaration = usage.declarator.parent as TSESTree.VariableDeclaration;
  if (connectsRightAfter(declaration, connect, usage) || declaration.declarations.length !== 1) return undefined;
  const block = connect.parent as Node;
  // Closes and connects that go with the rewrite do not count: a `finally` that closed the client goes with it.
  const going = [...usage.cleanups, ...usage.connects];
  const uses = usage.variable.references.filter((reference) => reference.identifier !== usage.declarator!.id && !going.some((statement) => contains(statement, reference.identifier)));
  return uses.every((reference) => contains(block, reference.identifier) && reference.identifier.range[0] >= connect.range[0]) ? connect : undefined;
}
