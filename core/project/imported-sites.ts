import type { TSESTree } from '@typescript-eslint/types';
import { outermostTransparent, propertyName, resolveIdentifier, staticString } from '../ast.js';
import { carriedValue } from '../constructions.js';
import { spawnedInfo, spawnFrom } from '../spawned-connections.js';
import type { ConstructionRole } from '../hoistability.js';
import type { ConstructionInfo, ConstructionNode, Node, ScopeManagerLike, VariableLike } from '../types.js';
import type { ClientApi } from './client-api.js';
import type { ClientOrigin, ExportFact, ModuleSummary } from './facts.js';

/** How the analysis reaches the summaries of the modules a file imports. */
export interface ModuleLookup {
  /**
   * The summary of the project module `specifier` leads to from `fromFile`; undefined when it cannot be read.
   * `withWrappers` also reads a module that names no client for its run-once wrappers (for the files analysed).
   */
  moduleAt(fromFile: string, specifier: string, withWrappers?: boolean): ModuleSummary | undefined;
  /** The client API installed for `file`'s package (node-redis 3 connects by itself, 2 is not supported). */
  clientApiOf?(file: string, module: string): ClientApi;
}

/** A local binding of an imported module's export (or of the whole module). */
export interface ImportedBinding {
  /** The export's name in its module (`default`, `*` for a namespace). */
  imported: string;
  module: ModuleSummary;
}

/** A construction in this file that opens a connection built in another: `openCache()`, `new Store()`, `redis.duplicate()`. */
export interface ImportedSite {
  node: ConstructionNode;
  info: ConstructionInfo;
  origin: ClientOrigin;
  /** Why the connection the export opens cannot be shared, when its own module says so. */
  problem?: string;
  /** For an export whose options come from its parameters: its own reason, when this call's arguments are constants. */
  parameterReason?: string;
  role: ConstructionRole;
  /** The module and export this site goes through: the callers of that export decide how often it runs. */
  via: { file: string; name: string };
}

/** A local binding an import statement or top-level `require()` creates, whatever module it names. */
export interface DeclaredImport {
  /** The module specifier as written: `./cache`, `ioredis`. */
  specifier: string;
  /** The export's name in its module (`default`, `*` for a namespace). */
  imported: string;
  local: TSESTree.Identifier;
}

/**
 * Every value binding the file's top-level imports create: `import x from`, `import { a as b }`, `import * as ns`,
 * `const x = require()`, `const { a } = require()`, `import x = require()`.
 */
export function declaredImports(program: TSESTree.Program): DeclaredImport[] {
  const found: DeclaredImport[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue;
      const specifier = statement.source.value;
      for (const binding of statement.specifiers) {
        if (binding.type === 'ImportSpecifier') {
          if (binding.importKind === 'type') continue;
          found.push({ specifier, imported: binding.imported.type === 'Identifier' ? binding.imported.name : binding.imported.value, local: binding.local });
        } else {
          found.push({ specifier, imported: binding.type === 'ImportDefaultSpecifier' ? 'default' : '*', local: binding.local });
        }
      }
    } else if (statement.type === 'TSImportEqualsDeclaration' && statement.moduleReference.type === 'TSExternalModuleReference') {
      const specifier = staticString(statement.moduleReference.expression);
      if (specifier !== undefined) found.push({ specifier, imported: 'default', local: statement.id });
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        const init = declarator.init && outermostTransparentInit(declarator.init);
        if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') continue;
        const specifier = staticString(init.arguments[0]);
        if (specifier === undefined) continue;
        if (declarator.id.type === 'Identifier') found.push({ specifier, imported: 'default', local: declarator.id });
        else if (declarator.id.type === 'ObjectPattern') {
          for (const property of declarator.id.properties) {
            if (property.type !== 'Property' || property.value.type !== 'Identifier') continue;
            const key = property.key.type === 'Identifier' ? property.key.name : staticString(property.key);
            if (key !== undefined) found.push({ specifier, imported: key, local: property.value });
          }
        }
      }
    }
  }
  return found;
}

/** Every binding the file's imports create for a project module that has something to say about Redis. */
export function importedBindings(program: TSESTree.Program, scopeManager: ScopeManagerLike, file: string, lookup: ModuleLookup): Map<VariableLike, ImportedBinding> {
  const bindings = new Map<VariableLike, ImportedBinding>();
  const summaries = new Map<string, ModuleSummary | undefined>();
  for (const { specifier, imported, local } of declaredImports(program)) {
    if (!summaries.has(specifier)) {
      const summary = lookup.moduleAt(file, specifier, true);
      summaries.set(specifier, summary && summary.exports.size > 0 ? summary : undefined);
    }
    const module = summaries.get(specifier);
    const variable = module ? resolveIdentifier(scopeManager, local) : null;
    if (module && variable) bindings.set(variable, { imported, module });
  }
  return bindings;
}

function outermostTransparentInit(init: Node): Node {
  let inner = init;
  while (inner.type === 'TSAsExpression' || inner.type === 'TSNonNullExpression' || inner.type === 'TSSatisfiesExpression') inner = inner.expression;
  return inner;
}

/** The fact behind a read of an imported binding, or behind `ns.name` for a namespace (or CommonJS module object). */
function factAt(use: Node, binding: ImportedBinding): { value: Node; fact: ExportFact; name: string } | undefined {
  const exports = binding.module.exports;
  const own = binding.imported === '*' ? undefined : exports.get(binding.imported);
  if (own) return { value: use, fact: own, name: binding.imported };
  const member = use.parent;
  if (member?.type !== 'MemberExpression' || member.object !== use) return undefined;
  const name = propertyName(member);
  if (name === undefined) return undefined;
  // `import * as cache` + `cache.open()`; `const cache = require()` + `cache.open()`; `import { store }` + `store.open()`.
  const key = binding.imported === '*' || binding.imported === 'default' ? name : `${binding.imported}.${name}`;
  const fact = exports.get(key);
  if (fact) return { value: outermostTransparent(member), fact, name: key };
  const defaultMember = binding.imported === 'default' ? exports.get(`default.${name}`) : undefined;
  return defaultMember ? { value: outermostTransparent(member), fact: defaultMember, name: `default.${name}` } : undefined;
}

/** Calls and `new`s of imported factories and classes, and `.duplicate()` of imported clients, in this file. */
export function importedSites(bindings: ReadonlyMap<VariableLike, ImportedBinding>, scopeManager: ScopeManagerLike): ImportedSite[] {
  const sites: ImportedSite[] = [];
  for (const [variable, binding] of bindings) {
    for (const reference of variable.references) {
      if (!reference.isRead() || variable.identifiers.includes(reference.identifier)) continue;
      const found = factAt(outermostTransparent(reference.identifier), binding);
      if (!found) continue;
      const { value, fact } = found;
      const via = { file: binding.module.file, name: found.name };
      const parent = value.parent;
      if (fact.kind === 'factory' && parent?.type === 'CallExpression' && parent.callee === value) {
        sites.push({ node: parent, info: { ...fact.origin.info, kind: 'call' }, origin: fact.origin, problem: fact.problem, parameterReason: fact.parameterReason, role: { argumentsAreData: !fact.readsParameters }, via });
      } else if (fact.kind === 'class' && parent?.type === 'NewExpression' && parent.callee === value) {
        sites.push({ node: parent, info: { ...fact.origin.info, kind: 'new' }, origin: fact.origin, problem: fact.problem, parameterReason: fact.parameterReason, role: { argumentsAreData: !fact.readsParameters }, via });
      } else if (fact.kind === 'instance') {
        sites.push(...spawnsOf([value], fact.origin, via));
      } else if (fact.kind === 'instanceGetter' && parent?.type === 'CallExpression' && parent.callee === value) {
        sites.push(...spawnsOf(clientHolders(parent, scopeManager), fact.origin, via));
      }
    }
  }
  return sites;
}

/** The expressions that stand for the client a getter call returns: the call itself, and reads of the local it is stored in. */
function clientHolders(call: TSESTree.CallExpression, scopeManager: ScopeManagerLike): Node[] {
  const value = carriedValue(call);
  const holders: Node[] = [value];
  const declarator = value.parent;
  if (declarator?.type === 'VariableDeclarator' && declarator.init === value && declarator.id.type === 'Identifier') {
    const variable = resolveIdentifier(scopeManager, declarator.id);
    for (const reference of variable?.references ?? []) if (reference.isRead()) holders.push(outermostTransparent(reference.identifier));
  }
  return holders;
}

/** `holder.duplicate()` / `holder.createPool()`: a new connection with the holder's configuration. */
function spawnsOf(holders: readonly Node[], origin: ClientOrigin, via: ImportedSite['via']): ImportedSite[] {
  const sites: ImportedSite[] = [];
  for (const holder of holders) {
    const spawn = spawnFrom(holder);
    if (spawn) sites.push({ node: spawn.call, info: spawnedInfo(origin.info, spawn), origin, role: { sharedReceiver: true }, via });
  }
  return sites;
}

/** Callees that are imported run-once wrappers: `singleton(…)`, `utils.once(…)`. */
export function isImportedOnceWrapper(callee: Node, bindings: ReadonlyMap<VariableLike, ImportedBinding>, scopeManager: ScopeManagerLike): boolean {
  const value = outermostTransparent(callee);
  const root = value.type === 'MemberExpression' ? value.object : value;
  if (root.type !== 'Identifier') return false;
  const variable = resolveIdentifier(scopeManager, root);
  const binding = variable ? bindings.get(variable) : undefined;
  const found = binding ? factAt(root, binding) : undefined;
  return found?.fact.kind === 'onceWrapper' && found.value === value;
}
