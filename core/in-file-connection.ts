import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { connectsRightAfter } from './caller-connects.js';
import { contains } from './ast.js';
import { baseName, capitalised, takenNames, uniqueName } from './binding-names.js';
import { renderConnectingGetter } from './connecting-getter.js';
import { errorListenersOf, listenerBlocker } from './error-listeners.js';
import { inFileSlot, type HotReloadGuard } from './hot-reload-guard.js';
import { dedentContinuation, indentationAt, removeNode, removeStatements, type Edit } from './edits.js';
import type { Node, ScopeManagerLike } from './types.js';

/** What the moves within one file have written so far: names taken, and the getter of each client built. */
export interface InFileGetters {
  reserved: Set<string>;
  getters: Map<string, string>;
}

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
  scopeManager: ScopeManagerLike,
  connection: InFileConnection,
  lifecycle: readonly TSESTree.ExpressionStatement[],
  insertAt: number,
  written: InFileGetters,
  hotReload?: HotReloadGuard,
): Edit[] {
  const { usage } = site;
  const indent = (node: Node): number => indentationAt(source, node.range[0]).length;
  const textOf = (node: Node): string => dedentContinuation(source.slice(node.range[0], node.range[1]), indent(node));
  // The codemod skips a site whose listener reads the function's own bindings; the rule's suggestion leaves it out.
  const moved = errorListenersOf(site, lifecycle).filter((listener) => listenerBlocker([listener], scopeManager) === undefined);
  const construction = textOf(site.node);
  const errorListeners = moved.map((listener) => ({ method: listener.method, handler: textOf(listener.handler), beforeConnect: listener.beforeConnect }));
  const edits: Edit[] = [];
  // Sites of one file that build the same client share one getter, as identical configurations share one export.
  const key = JSON.stringify([construction, errorListeners, connection.clientType]);
  let getter = written.getters.get(key);
  if (getter === undefined) {
    const taken = takenNames(scopeManager, new Set());
    for (const name of written.reserved) taken.add(name);
    const original = usage.declarator?.id.type === 'Identifier' ? usage.declarator.id.name : undefined;
    const base = connectionBase([original, baseName(site.info.builds), `shared${capitalised(baseName(site.info.builds))}`], taken);
    const names = { getter: `get${capitalised(base)}`, connect: `connect${capitalised(base)}`, slot: `${base}Connection` };
    for (const name of Object.values(names)) written.reserved.add(name);
    written.getters.set(key, names.getter);
    getter = names.getter;
    const read = referencedNames([site.node, ...moved.map((listener) => listener.handler)], scopeManager);
    const client = ['client', original ?? base].find((name) => !read.has(name)) ?? uniqueName('client', new Set([...taken, ...read]));
    const { lines: slotLines, slot } = inFileSlot(names.slot, connection.typescript ? `ReturnType<typeof ${names.connect}>` : undefined, hotReload, taken, written);
    const lines = [
      '// One Redis client per process, connected on first use: every call reuses its connection instead of opening one.',
      ...slotLines,
      '',
      ...renderConnectingGetter({ ...names, slot, client, construction, errorListeners, closeAtOnce: connection.closeAtOnce, typescript: connection.typescript, clientType: connection.clientType, typedConstruction: true, exported: false }),
    ];
    const blankBefore = insertAt > 0 && !/\n[ \t]*\r?\n$/.test(source.slice(0, insertAt)) ? '\n' : '';
    edits.push({ range: [insertAt, insertAt], text: `${blankBefore}${lines.join('\n')}\n\n` });
  }

  const awaited = `await ${getter}()`;
  const connectAt = connectToTakeOver(site);
  if (connectAt && usage.declarator) {
    // The client is awaited where the original connected, so a failure lands in the same `try` as before.
    const statement = usage.declarator.parent as TSESTree.VariableDeclaration;
    edits.push(removeNode(source, statement));
    edits.push({ range: connectAt.range, text: `${statement.kind} ${source.slice(usage.declarator.id.range[0], usage.declarator.id.range[1])} = ${awaited};` });
  } else {
    const parent = usage.value.parent;
    const parenthesised = /\(\s*$/.test(source.slice(0, usage.value.range[0])) && /^\s*\)/.test(source.slice(usage.value.range[1]));
    const operand = parent?.type === 'MemberExpression' && parent.object === usage.value && !parenthesised;
    edits.push({ range: usage.value.range, text: operand ? `(${awaited})` : awaited });
  }
  edits.push(...removeStatements(source, lifecycle.filter((statement) => statement !== connectAt)));
  return edits;
}

/** The first base whose getter, connect function and slot are all free: `client`, then `redis`, then `sharedRedis`. */
function connectionBase(candidates: readonly (string | undefined)[], taken: ReadonlySet<string>): string {
  const free = (base: string): boolean => [`get${capitalised(base)}`, `connect${capitalised(base)}`, `${base}Connection`].every((name) => !taken.has(name));
  const named = candidates.filter((candidate): candidate is string => candidate !== undefined);
  const fallback = named.at(-1)!;
  for (let suffix = 2; ; suffix++) {
    const found = named.find(free);
    if (found) return found;
    named.push(`${fallback}${suffix}`);
  }
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
