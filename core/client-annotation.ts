import type { TSESTree } from '@typescript-eslint/types';
import type { PerCallSite } from './analyze.js';
import { propertyName, resolveIdentifier, walk } from './ast.js';
import type { Node, ScopeManagerLike } from './types.js';

/**
 * The type the code annotates its client with (`const client: RedisClientType = createClient()`): the annotation
 * infers node-redis's generics, so the shared client must be built under the same type for the site to compile.
 */
export interface ClientAnnotation {
  /** `RedisClientType`, as written at the site. */
  text: string;
  /** The client library's module the annotation's types come from. */
  module: string;
  /** What the annotation names, and under which local name the site imports it. */
  names: { imported: string; local: string }[];
}

/**
 * The annotation of the binding (or class field) the site's client goes to; `{ reason }` when it names a type that is
 * not the client library's, which a shared client cannot be promised to match.
 */
export function clientAnnotation(site: PerCallSite, source: string, scopeManager: ScopeManagerLike): ClientAnnotation | { reason: string } | undefined {
  const annotation = annotationOf(site);
  if (!annotation) return undefined;
  const text = source.slice(annotation.typeAnnotation.range[0], annotation.typeAnnotation.range[1]);
  const names = new Map<string, string>();
  let foreign: string | undefined;
  walk(annotation.typeAnnotation, (node) => {
    if (node.type !== 'TSTypeReference' && node.type !== 'TSTypeQuery') return true;
    const name = node.type === 'TSTypeReference' ? node.typeName : node.exprName;
    const root = leftmost(name);
    const variable = root ? resolveIdentifier(scopeManager, root) : null;
    const definition = variable?.defs[0];
    const declaration = definition?.type === 'ImportBinding' ? definition.parent : undefined;
    const specifier = definition?.node;
    const imported =
      specifier?.type === 'ImportSpecifier' ? (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) : specifier?.type === 'ImportDefaultSpecifier' ? 'default' : specifier?.type === 'ImportNamespaceSpecifier' ? '*' : undefined;
    const fromLibrary = root !== undefined && declaration?.type === 'ImportDeclaration' && declaration.source.value === site.info.module && imported !== undefined;
    // `typeof createClient` names the factory the shared module imports anyway; only types need importing.
    if (fromLibrary && node.type === 'TSTypeReference' && imported !== '*') names.set(imported, root.name);
    // A type of TypeScript's own library resolves to a variable with no declaration in the program, or to nothing.
    else if (!fromLibrary && !(root && isGlobalType(root.name) && (variable?.defs.length ?? 0) === 0)) foreign ??= source.slice(name.range[0], name.range[1]);
    return true;
  });
  if (foreign !== undefined) return { reason: `its client is typed with \`${foreign}\`, which is not from ${site.info.module}, so the shared client's type cannot be promised to match it` };
  return { text, module: site.info.module, names: [...names].map(([imported, local]) => ({ imported, local })) };
}

/** `Promise`, `ReturnType`, `Awaited`: types every program has. */
function isGlobalType(name: string): boolean {
  return /^(?:Promise|Awaited|ReturnType|InstanceType|Parameters|NonNullable|Partial|Required|Readonly|Record|Pick|Omit)$/.test(name);
}

function leftmost(name: Node): TSESTree.Identifier | undefined {
  let current = name;
  while (current.type === 'TSQualifiedName') current = current.left;
  return current.type === 'Identifier' ? current : undefined;
}

function annotationOf(site: PerCallSite): TSESTree.TSTypeAnnotation | undefined {
  const { usage } = site;
  if (usage.position === 'declaration') return usage.declarator?.id.typeAnnotation ?? undefined;
  if (usage.position !== 'member' || !usage.member) return undefined;
  const field = usage.member.path.replace(/^this\./, '');
  const property = usage.member.classNode.body.body.find(
    (member): member is TSESTree.PropertyDefinition => member.type === 'PropertyDefinition' && !member.static && propertyName(member) === field,
  );
  return property?.typeAnnotation ?? undefined;
}
