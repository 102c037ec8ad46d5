import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from '../core/analyze.js';
import { contains, declaredVariable, walk } from '../core/ast.js';
import { applyEdits, lineStart, removeNode, type Edit } from '../core/edits.js';
import { removeLifecycleStatements } from './obligations.js';
import { capitalised, noFreeNameReason, takenNames } from '../core/binding-names.js';
import { codeStyleOf, quoted, statementEnd } from '../core/code-style.js';
import { withoutChainedConnect } from '../core/caller-connects.js';
import { connectToTakeOver, type InFileConnection } from '../core/in-file-connection.js';
import { inFileHoistEdits, namesInFile } from '../core/in-file-hoist.js';
import type { HotReloadGuard } from '../core/hot-reload-guard.js';
import { newInFileNaming, type InFileNaming } from '../core/in-file-names.js';
import type { Node, ScopeManagerLike, VariableLike } from '../core/types.js';
import type { SharedExport } from './shared-module.js';

/** A hoistable site and where its client goes: the shared module's export, or module scope of its own file. */
export interface Placement {
  site: PerCallSite;
  shared?: SharedExport;
  /** Per-call closes and connects of this client that go with the rewrite (shutdown code keeps its own). */
  lifecycle: TSESTree.ExpressionStatement[];
  /** A node-redis 4+ client moved within its file: how its lazily connected getter is written. */
  connection?: InFileConnection;
  /** A client kept in its file, in a package whose dev server re-evaluates modules: it is kept on globalThis. */
  hotReload?: HotReloadGuard;
}

export interface CallSiteRewrite {
  source: string;
  program: TSESTree.Program;
  scopeManager: ScopeManagerLike;
  placements: readonly Placement[];
  /** Per-call cleanup on what a rewritten helper (from another file) returns. */
  callerCleanups: readonly TSESTree.ExpressionStatement[];
  /** `await (await getClient()).connect()` on a rewritten helper that now connects: the `.connect()` goes. */
  chainedConnects: readonly TSESTree.AwaitExpression[];
  /** How this file imports the shared module. */
  specifier: string;
  clientModules: readonly string[];
  /** The file is TypeScript: a getter written in it carries types. */
  typescript: boolean;
  /** The names chosen for the placements before the rewrite (see `nameFileClients`). */
  names?: FileNames;
}

/** The names the rewrite of one file gives: local names of the shared module's imports, and clients kept in the file. */
export interface FileNames {
  importedAs: Map<string, string>;
  inFile: InFileNaming;
}

type NamedRewrite = Pick<CallSiteRewrite, 'source' | 'scopeManager' | 'placements' | 'typescript'>;

/**
 * Names everything the rewrite adds to a file, before anything is rewritten: an import keeps the export's name or
 * takes `getSharedRedis`, a client kept in the file takes the first free name `clientNameCandidates` gives. A
 * placement for which no name is free is returned with the reason, to be left as it is; nothing is ever numbered.
 */
export function nameFileClients({ source, scopeManager, placements, typescript }: NamedRewrite): { names: FileNames; unnamed: { placement: Placement; reason: string }[] } {
  const leaving = new Set<VariableLike>();
  for (const { site } of placements) if (site.usage.variable) leaving.add(site.usage.variable);
  const taken = takenNames(scopeManager, leaving);
  const importedAs = new Map<string, string>();
  const unnamed: { placement: Placement; reason: string }[] = [];
  const unnamedImports = new Map<string, string>();
  for (const placement of placements) {
    const shared = placement.shared;
    if (!shared || importedAs.has(shared.imported)) continue;
    const candidates = [shared.imported, shared.access === 'value' ? `shared${capitalised(shared.name)}` : `getShared${capitalised(shared.name)}`];
    const local = unnamedImports.has(shared.imported) ? undefined : candidates.find((candidate) => !taken.has(candidate));
    if (local === undefined) {
      const reason = noFreeNameReason(candidates);
      unnamedImports.set(shared.imported, reason);
      unnamed.push({ placement, reason });
      continue;
    }
    taken.add(local);
    importedAs.set(shared.imported, local);
  }
  // Getters written within the file must not take the names the shared module's imports bind.
  const inFile = newInFileNaming([...placements.flatMap((placement) => (placement.shared ? [placement.shared.imported] : [])), ...importedAs.values()]);
  for (const placement of placements) {
    if (placement.shared) continue;
    const named = namesInFile(placement.site, source, scopeManager, { lifecycle: placement.lifecycle, connection: placement.connection, lazy: { typescript } }, inFile);
    if ('reason' in named) unnamed.push({ placement, reason: named.reason });
  }
  return { names: { importedAs, inFile }, unnamed };
}

/** The file's new text: constructions replaced by the shared client, per-call cleanup removed, imports fixed. */
export function rewriteCallSites(rewrite: CallSiteRewrite): string {
  const { source, scopeManager, placements } = rewrite;
  const edits: Edit[] = [];
  const { importedAs: named, inFile } = rewrite.names ?? namesOfUnplanned(rewrite);
  // Only the exports of the placements still rewritten are imported: a site skipped after naming imports nothing.
  const importedAs = new Map<string, string>();
  const localName = (name: string): string => {
    const local = named.get(name);
    if (local === undefined) throw new Error(`The shared client \`${name}\` reached the rewrite without a local name.`);
    importedAs.set(name, local);
    return local;
  };

  const connectsMoved = new Set<Node>();
  // Every close and connect the file's rewrites remove, but the connects a declaration takes over: a block that
  // several of them empty together goes as a whole.
  const takenOver = new Set<Node>(placements.flatMap(({ site, shared, connection }) => {
    const connectAt = (shared ? shared.access === 'await' : connection !== undefined) ? connectToTakeOver(site) : undefined;
    return connectAt ? [connectAt] : [];
  }));
  const alsoGoing = new Set<Node>([...placements.flatMap((placement) => placement.lifecycle), ...rewrite.callerCleanups].filter((statement) => !takenOver.has(statement)));
  for (const { site, shared, lifecycle, connection, hotReload } of placements) {
    if (!shared) {
      const moved = inFileHoistEdits(site, source, scopeManager, { naming: inFile, lifecycle, connection, hotReload, alsoGoing, lazy: { typescript: rewrite.typescript } });
      if (!moved) throw new Error(`The client at line ${site.node.loc.start.line} reached the rewrite without a name.`);
      edits.push(...moved);
      continue;
    }
    const { usage } = site;
    const local = localName(shared.imported);
    const replacement = shared.access === 'value' ? local : shared.access === 'await' ? `await ${local}()` : `${local}()`;
    const declaredName = usage.declarator?.id.type === 'Identifier' ? usage.declarator.id.name : undefined;
    const connectAt = shared.access === 'await' ? connectToTakeOver(site) : undefined;
    if (connectAt && usage.declarator) {
      // The shared client connects where the original did, so a failure lands in the same `try` as before.
      const statement = usage.declarator.parent as TSESTree.VariableDeclaration;
      edits.push(removeNode(source, statement));
      edits.push({ range: connectAt.range, text: `${statement.kind} ${source.slice(usage.declarator.id.range[0], usage.declarator.id.range[1])} = ${replacement}${statementEnd(codeStyleOf(source, rewrite.program))}` });
      connectsMoved.add(connectAt);
    } else if (usage.position === 'declaration' && declaredName === replacement && usage.declarator) {
      const statement = usage.declarator.parent as TSESTree.VariableDeclaration;
      edits.push(statement.declarations.length === 1 ? removeNode(source, statement) : { range: usage.declarator.range, text: '' });
    } else {
      edits.push({ range: usage.value.range, text: replacement });
    }
  }
  const lifecycle = [...placements.flatMap((placement) => (placement.shared ? placement.lifecycle : [])), ...rewrite.callerCleanups];
  edits.push(...removeLifecycleStatements(source, lifecycle.filter((statement) => !connectsMoved.has(statement)), alsoGoing));
  for (const awaited of rewrite.chainedConnects) edits.push({ range: awaited.range, text: withoutChainedConnect(source, awaited) });
  // The new import names the shared module's path (`…/lib/redis`), which must not count as a use of `redis`.
  const unusedImports = unusedImportEdits(rewrite, edits);
  edits.push(...importEdits(rewrite, importedAs), ...unusedImports);
  return applyEdits(source, edits);
}

/** A file rewritten only for what its callers' helpers now return: nothing of its own to name. */
function namesOfUnplanned(rewrite: CallSiteRewrite): FileNames {
  const { names, unnamed } = nameFileClients(rewrite);
  if (unnamed.length > 0) throw new Error(`A client reached the rewrite without a name: ${unnamed[0].reason}`);
  return names;
}

function isCommonJs(program: TSESTree.Program): boolean {
  return !program.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
}

/** Adds the shared module's names, merged into an existing import of the same module. */
function importEdits(rewrite: CallSiteRewrite, importedAs: ReadonlyMap<string, string>): Edit[] {
  if (importedAs.size === 0) return [];
  const { program, source, specifier } = rewrite;
  const specifiers = [...importedAs].map(([name, local]) => (name === local ? name : `${name} as ${local}`));
  const imports = program.body.filter((statement): statement is TSESTree.ImportDeclaration => statement.type === 'ImportDeclaration');
  const style = codeStyleOf(source, program);
  // The imports' own quote and ending where there are some, else the file's.
  const module = quoted(specifier, imports.length === 0 ? style : { quote: imports[0].source.raw.startsWith('"') ? '"' : "'" });
  const semicolon = imports.length === 0 ? statementEnd(style) : source.slice(imports[0].range[0], imports[0].range[1]).trimEnd().endsWith(';') ? ';' : '';

  if (isCommonJs(program)) {
    const bindings = [...importedAs].map(([name, local]) => (name === local ? name : `${name}: ${local}`));
    const requires = program.body.filter((statement) => statement.type === 'VariableDeclaration' && /\brequire\(/.test(source.slice(statement.range[0], statement.range[1])));
    const line = `const { ${bindings.join(', ')} } = require(${module})${semicolon}`;
    return [insertAfter(source, program, requires.at(-1), line)];
  }
  const existing = imports.find((statement) => statement.source.value === specifier && statement.importKind !== 'type');
  if (existing) {
    const named = existing.specifiers.filter((item) => item.type === 'ImportSpecifier');
    if (named.length > 0) return [{ range: [named.at(-1)!.range[1], named.at(-1)!.range[1]], text: `, ${specifiers.join(', ')}` }];
    const only = existing.specifiers[0];
    if (only?.type === 'ImportDefaultSpecifier') return [{ range: [only.range[1], only.range[1]], text: `, { ${specifiers.join(', ')} }` }];
  }
  const line = `import { ${specifiers.join(', ')} } from ${module}${semicolon}`;
  return [insertAfter(source, program, imports.at(-1), line)];
}

/** A new line after `anchor`, or after the directives at the top of the file. */
function insertAfter(source: string, program: TSESTree.Program, anchor: Node | undefined, line: string): Edit {
  let after = anchor;
  if (!after) {
    for (const statement of program.body) {
      if (statement.type === 'ExpressionStatement' && statement.directive !== undefined) after = statement;
      else break;
    }
  }
  if (!after) {
    const first = program.body[0];
    const at = first ? lineStart(source, first.range[0]) : 0;
    return { range: [at, at], text: `${line}\n` };
  }
  // At the start of the next line, so removing the anchor's own line cannot take the new one with it.
  const end = source.indexOf('\n', after.range[1]);
  if (end === -1) return { range: [source.length, source.length], text: `\n${line}` };
  return { range: [end + 1, end + 1], text: `${line}\n` };
}

/** Client imports whose every use went away with the rewrite. */
function unusedImportEdits(rewrite: CallSiteRewrite, edits: readonly Edit[]): Edit[] {
  const { program, scopeManager, source } = rewrite;
  const removedRanges = edits.filter((edit) => edit.range[0] !== edit.range[1]);
  const gone = (node: Node): boolean => removedRanges.some((edit) => edit.range[0] <= node.range[0] && node.range[1] <= edit.range[1]);
  // A client hoisted within the file is written back at module scope and still needs its import.
  const insertedText = edits.map((edit) => edit.text).join('\n');
  const unused = (identifier: TSESTree.Identifier): boolean => {
    const variable = declaredVariable(scopeManager, identifier);
    if (!variable || new RegExp(`\\b${identifier.name}\\b`).test(insertedText)) return false;
    return variable.references.every((reference) => reference.identifier === identifier || gone(reference.identifier));
  };
  const result: Edit[] = [];
  // `const { createClient } = await import('redis')` in a handler whose client now comes from the shared module.
  walk(program, (node) => {
    if (node.type !== 'VariableDeclaration' || node.parent?.type === 'Program' || node.declarations.length !== 1) return true;
    let init: Node | null = node.declarations[0].init;
    while (init?.type === 'AwaitExpression') init = init.argument;
    const module = init?.type === 'ImportExpression' && init.source.type === 'Literal' ? init.source.value : undefined;
    if (typeof module !== 'string' || !rewrite.clientModules.includes(module)) return true;
    const names = boundNames(node.declarations[0].id);
    if (names.length > 0 && names.every(unused)) result.push(removeNode(source, node));
    return false;
  });
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && rewrite.clientModules.includes(statement.source.value)) {
      const dead = statement.specifiers.filter((specifier) => unused(specifier.local));
      if (dead.length === 0 || statement.specifiers.length === 0) continue;
      if (dead.length === statement.specifiers.length) result.push(removeNode(source, statement));
      else result.push(...dead.map((specifier) => removeSpecifier(source, specifier)));
    }
    if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) {
      const [declarator] = statement.declarations;
      const init = declarator.init;
      const requires = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
      const module = requires && init.arguments[0]?.type === 'Literal' ? init.arguments[0].value : undefined;
      if (typeof module !== 'string' || !rewrite.clientModules.includes(module)) continue;
      const names = boundNames(declarator.id);
      if (names.length > 0 && names.every(unused)) result.push(removeNode(source, statement));
    }
    if (statement.type === 'TSImportEqualsDeclaration' && statement.moduleReference.type === 'TSExternalModuleReference') {
      const module = statement.moduleReference.expression.value;
      if (rewrite.clientModules.includes(module) && unused(statement.id)) result.push(removeNode(source, statement));
    }
  }
  return result.filter((edit) => !edits.some((other) => contains({ range: other.range } as Node, { range: edit.range } as Node) && other.range[0] !== other.range[1]));
}

function removeSpecifier(source: string, specifier: TSESTree.ImportClause): Edit {
  const after = /^\s*,\s*/.exec(source.slice(specifier.range[1]))?.[0];
  if (after) return { range: [specifier.range[0], specifier.range[1] + after.length], text: '' };
  const before = /,\s*$/.exec(source.slice(0, specifier.range[0]))?.[0] ?? '';
  return { range: [specifier.range[0] - before.length, specifier.range[1]], text: '' };
}

/** `Redis` for `const Redis = …`, `Redis, Cluster` for `const { Redis, Cluster: C } = …`. */
function boundNames(pattern: TSESTree.Node): TSESTree.Identifier[] {
  if (pattern.type === 'Identifier') return [pattern];
  if (pattern.type === 'ObjectPattern') {
    return pattern.properties.flatMap((property) => boundNames(property.type === 'Property' ? property.value : property.argument));
  }
  if (pattern.type === 'AssignmentPattern') return boundNames(pattern.left);
  return [];
}
