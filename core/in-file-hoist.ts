import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { argumentsRange, topLevelStatement } from './ast.js';
import { clientNameCandidates, firstFreeNames, takenNames } from './binding-names.js';
import { codeStyleOf, insertedBlock, quoted, statementEnd, type CodeStyle } from './code-style.js';
import { memoAssignment } from './connecting-getter.js';
import { lineStart, removeNode, removeStatements, type Edit } from './edits.js';
import { errorListenersOf, listenerBlocker, renderCreateFunction } from './error-listeners.js';
import { inFileConnectionEdits, referencedNames, type InFileConnection } from './in-file-connection.js';
import { nameInFileClient, newInFileNaming, type InFileClient, type InFileClientNames, type InFileNaming } from './in-file-names.js';
import { movedText, reindented, type MovedText } from './moved-text.js';
import { inFileSlot, type HotReloadGuard, type InFileSlot } from './hot-reload-guard.js';
import type { Node, ScopeManagerLike } from './types.js';

export interface InFileHoistOptions {
  /** What the moves within the same file have named and written so far. */
  naming?: InFileNaming;
  /** node-redis 4 and later: the client connects once, behind an awaited getter (see in-file-connection.ts). */
  connection?: InFileConnection;
  /** The per-call closes, connects and listeners that go; by default every one the site's usage lists. */
  lifecycle?: readonly TSESTree.ExpressionStatement[];
  /**
   * The codemod: the client is built on the first call of a getter (ioredis connects when built), not when the
   * module loads. The rule's suggestion keeps the plain module-level client its message describes.
   */
  lazy?: { typescript: boolean };
  /** The codemod in a package whose dev server re-evaluates modules: the getter keeps its client on globalThis. */
  hotReload?: HotReloadGuard;
  /** Statements the other moves of the same file remove: a `finally` they and this one empty together goes. */
  alsoGoing?: ReadonlySet<Node>;
}

/**
 * The edits of the rule's suggestion and of a move within the file: the client moves to module scope above the
 * top-level statement that encloses it, and the per-call cleanup that would close a shared connection goes.
 * Undefined when every name the client could take is in use in the file.
 */
export function inFileHoistEdits(site: PerCallSite, source: string, scopeManager: ScopeManagerLike, options: InFileHoistOptions = {}): Edit[] | undefined {
  const { usage } = site;
  const naming = options.naming ?? newInFileNaming();
  const lifecycle = lifecycleOf(site, options);
  const insertAt = insertionPoint(source, topLevelStatement(site.node));
  const style = codeStyleOf(source, programOf(site.node));
  if (options.connection || options.lazy) {
    const client = inFileClient(site, source, scopeManager, options);
    const names = nameInFileClient(client.naming, scopeManager, naming);
    if ('reason' in names) return undefined;
    const written = naming.written.has(client.naming.key);
    naming.written.add(client.naming.key);
    const typescript = options.connection ? options.connection.typescript : options.lazy!.typescript;
    const toWrite = written ? undefined : { at: insertAt, names, client, slot: slotFor(names, typescript, options.hotReload, scopeManager, naming) };
    if (options.connection) return inFileConnectionEdits(site, source, options.connection, lifecycle, toWrite, style, names.getter, options.alsoGoing);
    return lazyClientEdits(site, source, typescript, lifecycle, toWrite, style, names.getter, options.alsoGoing);
  }
  const edits: Edit[] = [];
  const original = usage.declarator?.id.type === 'Identifier' ? usage.declarator.id.name : undefined;
  // Only a declaration that the fix removes frees its name.
  const taken = takenNames(scopeManager, usage.position === 'declaration' && usage.variable ? new Set([usage.variable]) : new Set());
  for (const name of naming.reserved) taken.add(name);
  const candidates = clientNameCandidates(original, argumentsText(site, source), site.info.builds);
  const name = firstFreeNames(candidates, (binding) => ({ binding }), taken)?.binding;
  if (name === undefined) return undefined;
  naming.reserved.add(name);
  const nodeRedis = site.info.library === 'node-redis';
  const end = statementEnd(style);
  const constructionText = reindented(movedText(source, [site.node]), '', style.unit);

  const annotation = usage.declarator?.id.type === 'Identifier' && usage.declarator.id.typeAnnotation
    ? source.slice(usage.declarator.id.typeAnnotation.range[0], usage.declarator.id.typeAnnotation.range[1])
    : '';
  const kind = usage.declarator && !carriesConnectOf(site) ? (usage.declarator.parent as TSESTree.VariableDeclaration).kind : 'const';
  let declaration = `${kind} ${name}${annotation} = ${constructionText}${end}\n`;
  // The code's own listeners go with the client; one that reads the function's bindings cannot, and is left out.
  const listeners = errorListenersOf(site, lifecycle).filter((listener) => listenerBlocker([listener], scopeManager) === undefined);
  const error = quoted('error', style);
  for (const { method, handler } of listeners) declaration += `${name}.${method}(${error}, ${reindented(movedText(source, [handler]), '', style.unit)})${end}\n`;
  // node-redis 3 connects by itself; without an 'error' listener a connection problem would crash the process.
  if (nodeRedis && listeners.length === 0) declaration += `${name}.on(${error}, (err) => console.error(${quoted('Redis client error', style)}, err))${end}\n`;
  edits.push({ range: [insertAt, insertAt], text: declaration });

  if (usage.position === 'declaration' && usage.declarator) {
    const statement = usage.declarator.parent as TSESTree.VariableDeclaration;
    edits.push(statement.declarations.length === 1 ? removeNode(source, statement) : removeDeclarator(usage.declarator));
    if (name !== original) {
      for (const reference of usage.variable?.references ?? []) {
        if (reference.identifier !== usage.declarator.id) edits.push({ range: reference.identifier.range, text: name });
      }
    }
  } else {
    edits.push({ range: usage.value.range, text: name });
  }
  edits.push(...removeStatements(source, lifecycle, options.alsoGoing));
  return edits;
}

/**
 * The names a move within the file gives the site's client, reserved in `naming`; a reason to leave the site when
 * every name it could take is in use. The codemod decides this before it rewrites anything, so the summary is true.
 */
export function namesInFile(site: PerCallSite, source: string, scopeManager: ScopeManagerLike, options: InFileHoistOptions, naming: InFileNaming): InFileClientNames | { reason: string } {
  return nameInFileClient(inFileClient(site, source, scopeManager, options).naming, scopeManager, naming);
}

/** The per-call closes, connects and listeners that go with the site. */
function lifecycleOf(site: PerCallSite, options: InFileHoistOptions): readonly TSESTree.ExpressionStatement[] {
  const { usage } = site;
  return options.lifecycle ?? [...usage.cleanups, ...usage.connects, ...usage.callers.flatMap((caller) => [...caller.cleanups, ...caller.connects])];
}

/** What a getter written in the file moves there: the construction and the listeners that go with it. */
export interface MovedClient {
  naming: InFileClient;
  construction: MovedText;
  listeners: { method: string; handler: MovedText; beforeConnect: boolean }[];
}

function inFileClient(site: PerCallSite, source: string, scopeManager: ScopeManagerLike, options: InFileHoistOptions): MovedClient {
  const { usage } = site;
  const lifecycle = lifecycleOf(site, options);
  // The codemod skips a site whose listener reads the function's own bindings; the rule's suggestion leaves it out.
  const found = errorListenersOf(site, lifecycle).filter((listener) => !options.connection || listenerBlocker([listener], scopeManager) === undefined);
  const construction = movedText(source, [site.node]);
  const listeners = found.map((listener) => ({ method: listener.method, handler: movedText(source, [listener.handler]), beforeConnect: listener.beforeConnect }));
  // Sites of one file that build the same client share one getter, as identical configurations share one export.
  const layout = (moved: MovedText): string => reindented(moved, '', '  ');
  const key = options.connection
    ? JSON.stringify([layout(construction), listeners.map(({ method, handler, beforeConnect }) => ({ method, handler: layout(handler), beforeConnect })), options.connection.clientType])
    : JSON.stringify(['lazy', layout(construction), listeners.map(({ method, handler }) => ({ method, handler: layout(handler) }))]);
  const original = usage.declarator?.id.type === 'Identifier' ? usage.declarator.id.name : undefined;
  return {
    naming: {
      key,
      kind: options.connection ? 'connect' : 'create',
      original,
      argumentsText: argumentsText(site, source),
      builds: site.info.builds,
      read: referencedNames([site.node, ...found.map((listener) => listener.handler)], scopeManager),
    },
    construction,
    listeners,
  };
}

/** The text of the construction's arguments, where its env var, `keyPrefix` or `db` can be read. */
function argumentsText(site: PerCallSite, source: string): string {
  const range = argumentsRange(site.node);
  return range ? source.slice(...range) : '';
}

function programOf(node: Node): Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** Where a getter not yet in the file is written, and what it is written from. */
export interface GetterToWrite {
  at: number;
  names: InFileClientNames;
  client: MovedClient;
  /** Where the client is kept: a module binding, or globalThis where the dev server re-evaluates modules. */
  slot: InFileSlot;
}

/** The getter's slot; a holder of globalThis it declares takes a name no binding of the file has. */
function slotFor(names: InFileClientNames, typescript: boolean, guard: HotReloadGuard | undefined, scopeManager: ScopeManagerLike, naming: InFileNaming): InFileSlot {
  const taken = guard ? takenNames(scopeManager, new Set()) : new Set<string>();
  for (const name of naming.reserved) taken.add(name);
  const slot = inFileSlot(names.slot, typescript ? `ReturnType<typeof ${names.factory}>` : undefined, guard, taken);
  if (slot.ref !== names.slot) naming.reserved.add(slot.ref.slice(0, slot.ref.indexOf('.')));
  return slot;
}

/**
 * A module-level getter that builds the client on its first call, written where the construction's options are all
 * defined; the site calls it. Sites of one file that build the same client share one getter.
 */
function lazyClientEdits(
  site: PerCallSite,
  source: string,
  typescript: boolean,
  lifecycle: readonly TSESTree.ExpressionStatement[],
  toWrite: GetterToWrite | undefined,
  style: CodeStyle,
  getter: string,
  alsoGoing?: ReadonlySet<Node>,
): Edit[] {
  const edits: Edit[] = [];
  if (toWrite) {
    const { names, client } = toWrite;
    const { unit } = style;
    // node-redis 3 connects by itself; without an 'error' listener a connection problem would crash the process.
    const slot = toWrite.slot.ref;
    const build = site.info.library === 'node-redis' && client.listeners.length === 0
      ? [`${unit}if (!${slot}) {`, `${unit}${unit}${slot} = ${names.factory}();`, `${unit}${unit}${slot}.on(${quoted('error', style)}, (error${typescript ? ': unknown' : ''}) => console.error(${quoted('Redis client error', style)}, error));`, `${unit}}`]
      : [`${unit}${memoAssignment(slot, `${names.factory}()`, typescript)}`];
    const lines = [
      '// One Redis client per process, built on first use: every call reuses its connection instead of opening one.',
      ...renderCreateFunction({ name: names.factory, construction: client.construction, listeners: client.listeners, client: names.client, style }),
      '',
      ...toWrite.slot.lines,
      '',
      `function ${names.getter}() {`,
      ...build,
      `${unit}return ${slot};`,
      '}',
    ];
    edits.push(insertedBlock(source, toWrite.at, lines, style));
  }
  edits.push({ range: site.usage.value.range, text: `${getter}()` });
  edits.push(...removeStatements(source, lifecycle, alsoGoing));
  return edits;
}

/** Above the statement and the comments and decorators directly attached to it. */
function insertionPoint(source: string, statement: Node): number {
  let start = lineStart(source, statement.range[0]);
  for (;;) {
    if (start === 0) return start;
    const previous = lineStart(source, start - 1);
    const text = source.slice(previous, start).trim();
    if (text.startsWith('//') || text.startsWith('/*') || text.startsWith('*') || text.startsWith('@')) start = previous;
    else return start;
  }
}

function removeDeclarator(declarator: TSESTree.VariableDeclarator): Edit {
  const declaration = declarator.parent as TSESTree.VariableDeclaration;
  const declarators: TSESTree.VariableDeclarator[] = declaration.declarations;
  const index = declarators.indexOf(declarator);
  const next = declarators[index + 1];
  const previous = declarators[index - 1];
  return next ? { range: [declarator.range[0], next.range[0]], text: '' } : { range: [previous.range[1], declarator.range[1]], text: '' };
}

function carriesConnectOf(site: PerCallSite): boolean {
  return site.usage.value !== site.node && site.usage.value.type === 'AwaitExpression';
}
