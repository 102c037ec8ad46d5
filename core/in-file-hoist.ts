import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { topLevelStatement } from './ast.js';
import { lineStart, removeNode, removeStatements, type Edit } from './edits.js';
import type { ConstructionInfo, Node, ScopeManagerLike } from './types.js';

/**
 * The edits of the rule's suggestion: the client moves to module scope above the top-level statement that
 * encloses it, and the per-call cleanup that would close a shared connection goes.
 */
export function inFileHoistEdits(site: PerCallSite, source: string, scopeManager: ScopeManagerLike, reserved: Set<string> = new Set()): Edit[] {
  const { usage } = site;
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
  if (nodeRedis) declaration += `${name}.on('error', (err) => console.error('Redis client error', err));\n`;
  edits.push({ range: [insertionPoint(source, topLevelStatement(site.node)), insertionPoint(source, topLevelStatement(site.node))], text: declaration });

  const connected = `${name}.isOpen ? ${name} : await ${name}.connect()`;
  const carriesConnect = usage.value !== site.node && usage.value.type === 'AwaitExpression';
  if (usage.position === 'declaration' && usage.declarator) {
    const statement = usage.declarator.parent as TSESTree.VariableDeclaration;
    if (carriesConnect) {
      edits.push({ range: statement.range, text: `if (!${name}.isOpen) await ${name}.connect();` });
    } else if (statement.declarations.length === 1) {
      edits.push(removeNode(source, statement));
    } else {
      edits.push(removeDeclarator(usage.declarator));
    }
    if (name !== original) {
      for (const reference of usage.variable?.references ?? []) {
        if (reference.identifier !== usage.declarator.id) edits.push({ range: reference.identifier.range, text: name });
      }
    }
  } else {
    edits.push({ range: usage.value.range, text: carriesConnect ? `(${connected})` : name });
  }

  edits.push(...removeStatements(source, [...usage.cleanups, ...usage.callers.flatMap((caller) => caller.cleanups)]));
  for (const statement of usage.connects) {
    edits.push(nodeRedis ? { range: statement.range, text: `if (!${name}.isOpen) await ${name}.connect();` } : removeNode(source, statement));
  }
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

/** The name a client of this kind is given when nothing better is known. */
export function baseName(builds: ConstructionInfo['builds']): string {
  switch (builds) {
    case 'cluster':
      return 'redisCluster';
    case 'sentinel':
      return 'redisSentinel';
    case 'pool':
      return 'redisPool';
    default:
      return 'redis';
  }
}

/**
 * Names a new module-level binding must not take: every binding in the file and every global it reads, but the
 * bindings that go away.
 */
export function takenNames(scopeManager: ScopeManagerLike, leaving: ReadonlySet<unknown>): Set<string> {
  const names = new Set<string>();
  for (const scope of scopeManager.scopes) {
    // Any name in use anywhere in the file is avoided, so no reader mistakes one binding for another.
    for (const variable of scope.variables) if (!leaving.has(variable)) names.add(variable.name);
  }
  for (const reference of scopeManager.globalScope?.through ?? []) {
    if (reference.identifier.type === 'Identifier') names.add(reference.identifier.name);
  }
  return names;
}

export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

function carriesConnectOf(site: PerCallSite): boolean {
  return site.usage.value !== site.node && site.usage.value.type === 'AwaitExpression';
}
