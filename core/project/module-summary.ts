import type { TSESTree } from '@typescript-eslint/types';
import { enclosingFunction, functionBinding, isFunction, memberPath, outermostTransparent, propertyName, resolveIdentifier, unwrap, walk } from '../ast.js';
import { clientUsage } from '../client-usage.js';
import { hoistability } from '../hoistability.js';
import { clientVariable } from '../constructions.js';
import { memoisation } from '../memoised-assignment.js';
import type { FunctionNode, Node, ScopeManagerLike, VariableLike } from '../types.js';
import type { AnalysedConstruction } from '../analyze.js';
import { installedApiFor, type ClientApi } from './client-api.js';
import type { ClientOrigin, ExportFact, ModuleSummary } from './facts.js';
import type { ImportedBinding, ModuleLookup } from './imported-sites.js';

/**
 * What a module's exports do with Redis connections, from the analysis of its constructions: exports that are
 * clients, functions and classes that open a connection per call or per instance (their callers elsewhere decide
 * whether that is per request), and wrappers that run their callback once.
 */
export function summariseExports(
  file: string,
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  constructions: readonly AnalysedConstruction[],
  bindings: ReadonlyMap<VariableLike, ImportedBinding>,
  lookup: ModuleLookup,
): ModuleSummary {
  const exports = new Map<string, ExportFact>();
  const holders = new Map<VariableLike, ClientOrigin>();
  for (const construction of constructions) {
    const origin = construction.origin ?? originOf(file, construction);
    const { execution } = construction;
    // Per call here already (its own file calls it per request) and exported too: importers open it per call as well.
    const deferred = execution.runsOnce ? (execution.decidedBy ?? []) : exportedFunctionOf(construction.node, scopeManager);
    for (const { name, kind } of deferred) {
      if (!exports.has(name)) exports.set(name, { kind: kind === 'class' ? 'class' : 'factory', origin, ...sharing(construction, scopeManager, installedApiFor(lookup, file, construction.info)) });
    }
    if (!execution.runsOnce || execution.decidedBy) continue;
    const holder = clientVariable(construction.node, scopeManager);
    if (holder) holders.set(holder, origin);
  }
  // An imported client re-exported, or kept in a local, is still that client.
  for (const [variable, binding] of bindings) {
    const fact = binding.module.exports.get(binding.imported);
    if (fact?.kind === 'instance') holders.set(variable, fact.origin);
  }
  addClientExports(program, scopeManager, holders, bindings, exports);
  addOnceWrappers(program, scopeManager, exports);
  addReexports(file, program, lookup, exports, true);
  return { file, exports };
}

/** For a module that names no client: only the run-once wrappers it exports, its own or re-exported. */
export function summariseWrappers(file: string, program: TSESTree.Program, scopeManager: ScopeManagerLike, lookup: ModuleLookup): ModuleSummary {
  const exports = new Map<string, ExportFact>();
  addOnceWrappers(program, scopeManager, exports);
  addReexports(file, program, lookup, exports, true);
  return { file, exports };
}

/**
 * Whether the connection an export opens can be shared. Options read from the export's parameters leave the
 * decision to each call's arguments (`readsParameters`, with the export's own reason for calls that pass
 * constants, which a fix still cannot move); anything else that keeps it from being shared is the export's problem.
 */
function sharing(construction: AnalysedConstruction, scopeManager: ScopeManagerLike, api: ClientApi | undefined): { problem?: string; readsParameters: boolean; parameterReason?: string } {
  if (construction.problem !== undefined) return { problem: construction.problem, readsParameters: false };
  const fn = enclosingFunction(construction.node);
  const hoist = hoistability(construction.node, construction.info, clientUsage(construction.node, scopeManager), fn, scopeManager, construction.role, api);
  // A call, with constants, of another export whose options read its parameters: where that client is built, it cannot move.
  if (hoist.hoistable) return construction.parameterReason === undefined ? { readsParameters: false } : { problem: construction.parameterReason, readsParameters: false };
  if (hoist.reason.startsWith('its options use')) return { readsParameters: true, parameterReason: hoist.reason };
  return { problem: hoist.reason, readsParameters: false };
}

/** The exported function a construction runs in, when the function itself is exported by name. */
function exportedFunctionOf(node: Node, scopeManager: ScopeManagerLike): { name: string; kind: 'function' }[] {
  const fn = enclosingFunction(node);
  const exportName = fn ? functionBinding(fn, scopeManager)?.exportName : undefined;
  return exportName === undefined ? [] : [{ name: exportName, kind: 'function' }];
}

function originOf(file: string, construction: AnalysedConstruction): ClientOrigin {
  const { line, column } = construction.node.loc.start;
  return { file, line, column: column + 1, info: construction.info };
}

/** Exported names whose value is a client held in `holders`, or a function that returns one. */
function addClientExports(
  program: TSESTree.Program,
  scopeManager: ScopeManagerLike,
  holders: ReadonlyMap<VariableLike, ClientOrigin>,
  bindings: ReadonlyMap<VariableLike, ImportedBinding>,
  exports: Map<string, ExportFact>,
): void {
  const valueFact = (value: Node | null | undefined): ExportFact | undefined => {
    if (!value) return undefined;
    const inner = unwrap(value);
    if (inner.type === 'Identifier') {
      const variable = resolveIdentifier(scopeManager, inner);
      if (!variable) return undefined;
      const origin = holders.get(variable);
      if (origin) return { kind: 'instance', origin };
      const binding = bindings.get(variable);
      const imported = binding?.module.exports.get(binding.imported);
      if (imported) return imported;
      const fn = functionOf(variable);
      return fn ? getterFact(fn) : undefined;
    }
    if (isFunction(inner)) return getterFact(inner);
    return undefined;
  };
  // Functions being read: `function a() { return b; } function b() { return a; }` is decided once, not forever.
  const reading = new Set<FunctionNode>();
  const getterFact = (fn: FunctionNode): ExportFact | undefined => {
    if (reading.has(fn)) return undefined;
    reading.add(fn);
    try {
      for (const value of returnedValues(fn)) {
        const fact = valueFact(value);
        if (fact?.kind === 'instance') return { kind: 'instanceGetter', origin: fact.origin };
      }
      return undefined;
    } finally {
      reading.delete(fn);
    }
  };
  const record = (name: string, value: Node | null | undefined): void => {
    if (exports.has(name)) return;
    const fact = valueFact(value);
    if (fact) exports.set(name, fact);
  };

  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') record(declarator.id.name, declarator.id);
      } else if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
        const fact = getterFact(declaration);
        if (fact && !exports.has(declaration.id.name)) exports.set(declaration.id.name, fact);
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (specifier.local.type === 'Identifier') record(exported, specifier.local);
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration.type === 'FunctionDeclaration') {
        const fact = getterFact(declaration);
        if (fact && !exports.has('default')) exports.set('default', fact);
      } else {
        record('default', declaration as Node);
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const target = memberPath(left);
      if (target === 'module.exports') {
        const object = unwrap(right);
        if (object.type === 'ObjectExpression') {
          for (const property of object.properties) {
            if (property.type !== 'Property') continue;
            const key = propertyName(property);
            if (key !== undefined) record(key, property.value as Node);
          }
        } else {
          record('default', right);
        }
      } else {
        const match = target?.match(/^(?:module\.)?exports\.([^.]+)$/);
        if (match) record(match[1], right);
      }
    }
  }
}

/** The function a binding names; a parameter's definition is its function too, but the parameter is not it. */
function functionOf(variable: VariableLike): FunctionNode | undefined {
  const definition = variable.defs[0];
  if (definition?.type === 'FunctionName' && definition.node.type === 'FunctionDeclaration') return definition.node;
  if (definition?.type === 'Variable' && definition.node.type === 'VariableDeclarator' && definition.node.init) {
    const init = outermostTransparentValue(definition.node.init);
    if (isFunction(init)) return init;
  }
  return undefined;
}

function outermostTransparentValue(node: Node): Node {
  return unwrap(node);
}

/** What a function returns: `return x`, `return await x`, an arrow's expression body. */
function returnedValues(fn: FunctionNode): Node[] {
  if (fn.body.type !== 'BlockStatement') return [stripAwait(fn.body)];
  const values: Node[] = [];
  walk(fn.body, (node) => {
    if (isFunction(node)) return false;
    if (node.type === 'ReturnStatement' && node.argument) values.push(stripAwait(node.argument));
    return true;
  });
  return values;
}

function stripAwait(node: Node): Node {
  let inner = unwrap(node);
  while (inner.type === 'AwaitExpression') inner = unwrap(inner.argument);
  return inner;
}

/**
 * Exported functions that call a callback parameter only where the result is memoised in persistent state:
 * `singleton(name, factory)` storing `factory()` on `globalThis`, a project's own `once(fn)`.
 */
export function addOnceWrappers(program: TSESTree.Program, scopeManager: ScopeManagerLike, exports: Map<string, ExportFact>): void {
  const consider = (name: string, fn: Node | null | undefined): void => {
    if (!fn || exports.has(name)) return;
    const inner = unwrap(fn);
    if (isFunction(inner) && callsCallbackOnce(inner, scopeManager)) exports.set(name, { kind: 'onceWrapper' });
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id) consider(declaration.id.name, declaration);
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) if (declarator.id.type === 'Identifier') consider(declarator.id.name, declarator.init);
      }
      for (const specifier of statement.specifiers) {
        if (specifier.local.type !== 'Identifier') continue;
        const variable = resolveIdentifier(scopeManager, specifier.local);
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (variable) consider(exported, functionOf(variable));
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      consider('default', statement.declaration as Node);
    }
  }
}

function callsCallbackOnce(fn: FunctionNode, scopeManager: ScopeManagerLike): boolean {
  let calledOnce = false;
  for (const param of fn.params) {
    const identifier = param.type === 'AssignmentPattern' ? param.left : param;
    if (identifier.type !== 'Identifier') continue;
    const variable = resolveIdentifier(scopeManager, identifier);
    const calls = (variable?.references ?? []).filter((reference) => reference.isRead()).map((reference) => outermostTransparent(reference.identifier));
    const invoked = calls.filter((use) => use.parent?.type === 'CallExpression' && use.parent.callee === use);
    if (invoked.length === 0 || invoked.length !== calls.length) continue;
    if (invoked.every((use) => memoisation(use.parent!, scopeManager) !== undefined)) calledOnce = true;
  }
  return calledOnce;
}

/** `export { a as b } from './x'` and `export * from './x'`: the facts of the module they lead to. */
function addReexports(file: string, program: TSESTree.Program, lookup: ModuleLookup, exports: Map<string, ExportFact>, withWrappers: boolean): void {
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.source && statement.exportKind !== 'type') {
      const module = lookup.moduleAt(file, statement.source.value, withWrappers);
      if (!module) continue;
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === 'Identifier' ? specifier.local.name : specifier.local.value;
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        const fact = module.exports.get(local);
        if (fact && !exports.has(exported)) exports.set(exported, fact);
      }
    } else if (statement.type === 'ExportAllDeclaration' && statement.exportKind !== 'type') {
      const module = lookup.moduleAt(file, statement.source.value, withWrappers);
      if (!module) continue;
      const exported = statement.exported as { type: string; name?: string; value?: string } | null;
      const prefix = exported ? `${exported.name ?? exported.value}.` : '';
      for (const [name, fact] of module.exports) {
        if (name !== 'default' && !exports.has(`${prefix}${name}`)) exports.set(`${prefix}${name}`, fact);
      }
    }
  }
}
