import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { topLevelStatement } from './ast.js';
import { baseName, capitalised, takenNames, uniqueName } from './binding-names.js';
import { memoAssignment } from './connecting-getter.js';
import { dedentContinuation, indentationAt, lineStart, removeNode, removeStatements, type Edit } from './edits.js';
import { errorListenersOf, listenerBlocker, renderCreateFunction } from './error-listeners.js';
import { inFileSlot, type HotReloadGuard } from './hot-reload-guard.js';
import { inFileConnectionEdits, referencedNames, type InFileConnection, type InFileGetters } from './in-file-connection.js';
import type { Node, ScopeManagerLike } from './types.js';

export interface InFileHoistOptions {
  /** Names already given to other sites moved within the same file, and the getters written there. */
  written?: InFileGetters;
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
}

/**
 * The edits of the rule's suggestion and of a move within the file: the client moves to module scope above the
 * top-level statement that encloses it, and the per-call cleanup that would close a shared connection goes.
 */
export function inFileHoistEdits(site: PerCallSite, source: string, scopeManager: ScopeManagerLike, options: InFileHoistOptions = {}): Edit[] {
  const { usage } = site;
  const written = options.written ?? { reserved: new Set<string>(), getters: new Map<string, string>() };
  const { reserved } = written;
  const lifecycle = options.lifecycle ?? [...usage.cleanups, ...usage.connects, ...usage.callers.flatMap((caller) => [...caller.cleanups, ...caller.connects])];
  const insertAt = insertionPoint(source, topLevelStatement(site.node));
  if (options.connection) return inFileConnectionEdits(site, source, scopeManager, options.connection, lifecycle, insertAt, written, options.hotReload);
  if (options.lazy) return lazyClientEdits(site, source, scopeManager, options.lazy.typescript, lifecycle, insertAt, written, options.hotReload);
  const edits: Edit[] = [];
  const original = usage.declarator?.id.type === 'Identifier' ? usage.declarator.id.name : undefined;
  // Only a declaration that the fix removes frees its name.
  const taken = takenNames(scopeManager, usage.position === 'declaration' && usage.variable ? new Set([usage.variable]) : new Set());
  for (const name of reserved) taken.add(name);
  const name = uniqueName(original ?? baseName(site.info.builds), taken);
  reserved.add(name);
  const nodeRedis = site.info.library === 'node-redis';
  const constructionText = source.slice(site.node.range[0], site.node.range[1]);

  const annotation = usage.declarator?.id.type === 'Identifier' && usage.declarator.id.typeAnnotation
    ? source.slice(usage.declarator.id.typeAnnotation.range[0], usage.declarator.id.typeAnnotation.range[1])
    : '';
  const kind = usage.declarator && !carriesConnectOf(site) ? (usage.declarator.parent as TSESTree.VariableDeclaration).kind : 'const';
  let declaration = `${kind} ${name}${annotation} = ${constructionText};\n`;
  // The code's own listeners go with the client; one that reads the function's bindings cannot, and is left out.
  const listeners = errorListenersOf(site, lifecycle).filter((listener) => listenerBlocker([listener], scopeManager) === undefined);
  for (const { method, handler } of listeners) declaration += `${name}.${method}('error', ${source.slice(handler.range[0], handler.range[1])});\n`;
  // node-redis 3 connects by itself; without an 'error' listener a connection problem would crash the process.
  if (nodeRedis && listeners.length === 0) declaration += `${name}.on('error', (err) => console.error('Redis client error', err));\n`;
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
  edits.push(...removeStatements(source, lifecycle));
  return edits;
}

/**
 * A module-level getter that builds the client on its first call, written where the construction's options are all
 * defined; the site calls it. Sites of one file that build the same client share one getter.
 */
function lazyClientEdits(
  site: PerCallSite,
  source: string,
  scopeManager: ScopeManagerLike,
  typescript: boolean,
  lifecycle: readonly TSESTree.ExpressionStatement[],
  insertAt: number,
  written: InFileGetters,
  hotReload: HotReloadGuard | undefined,
): Edit[] {
  const { usage } = site;
  const textOf = (node: Node): string => dedentContinuation(source.slice(node.range[0], node.range[1]), indentationAt(source, node.range[0]).length);
  const construction = textOf(site.node);
  const listeners = errorListenersOf(site, lifecycle).map((listener) => ({ method: listener.method, handler: textOf(listener.handler) }));
  const edits: Edit[] = [];
  const key = JSON.stringify(['lazy', construction, listeners]);
  let getter = written.getters.get(key);
  if (getter === undefined) {
    const taken = takenNames(scopeManager, new Set());
    for (const name of written.reserved) taken.add(name);
    const original = usage.declarator?.id.type === 'Identifier' ? usage.declarator.id.name : undefined;
    const names = lazyNames([original, baseName(site.info.builds)], taken);
    for (const name of Object.values(names)) written.reserved.add(name);
    written.getters.set(key, names.getter);
    getter = names.getter;
    const { lines: slotLines, slot } = inFileSlot(names.slot, typescript ? `ReturnType<typeof ${names.create}>` : undefined, hotReload, taken, written);
    // node-redis 3 connects by itself; without an 'error' listener a connection problem would crash the process.
    const build = site.info.library === 'node-redis' && listeners.length === 0
      ? [`  if (!${slot}) {`, `    ${slot} = ${names.create}();`, `    ${slot}.on('error', (error${typescript ? ': unknown' : ''}) => console.error('Redis client error', error));`, '  }']
      : [`  ${memoAssignment(slot, `${names.create}()`, typescript)}`];
    const read = referencedNames([site.node, ...errorListenersOf(site, lifecycle).map((listener) => listener.handler)], scopeManager);
    const lines = [
      '// One Redis client per process, built on first use: every call reuses its connection instead of opening one.',
      ...renderCreateFunction({ name: names.create, construction, listeners, client: uniqueName('client', read) }),
      '',
      ...slotLines,
      '',
      `function ${names.getter}() {`,
      ...build,
      `  return ${slot};`,
      '}',
    ];
    const blankBefore = insertAt > 0 && !/\n[ \t]*\r?\n$/.test(source.slice(0, insertAt)) ? '\n' : '';
    edits.push({ range: [insertAt, insertAt], text: `${blankBefore}${lines.join('\n')}\n\n` });
  }
  edits.push({ range: usage.value.range, text: `${getter}()` });
  edits.push(...removeStatements(source, lifecycle));
  return edits;
}

/** `getRedis`, `createRedis` and `redisClient` for the first base none of whose names is taken. */
function lazyNames(candidates: readonly (string | undefined)[], taken: ReadonlySet<string>): { getter: string; create: string; slot: string } {
  const namesOf = (base: string) => {
    const capital = capitalised(base);
    return { getter: `get${capital}`, create: `create${capital}`, slot: `${base}Client` };
  };
  const named = candidates.filter((candidate): candidate is string => candidate !== undefined);
  const fallback = `shared${named.at(-1)![0].toUpperCase()}${named.at(-1)!.slice(1)}`;
  for (const base of [...named, fallback]) {
    const names = namesOf(base);
    if (Object.values(names).every((name) => !taken.has(name))) return names;
  }
  const base = uniqueName(fallback, new Set([...taken].flatMap((name) => [name, name.replace(/^(get|create)/, '')])));
  return namesOf(base);
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
