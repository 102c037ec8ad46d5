import { dirname, relative, resolve, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { DEFAULT_OPTIONS, findPerCallSites, mentionsClientModule, type PerCallSite } from '../core/analyze.js';
import { contains, functionName } from '../core/ast.js';
import { clientUsage } from '../core/client-usage.js';
import type { AnalysisOptions, ClientSource, Node } from '../core/types.js';
import { rewriteCallSites, type Placement } from './call-site.js';
import { describeParseError, parseFile, type ParsedFile } from './parse.js';
import { detectLayout, sharedModuleSpecifier, type ProjectLayout } from './project-layout.js';
import {
  appendToModule,
  configOf,
  exportNameFor,
  getterNameFor,
  readExistingModule,
  renderSharedModule,
  type ExistingModule,
  type SharedExport,
} from './shared-module.js';
import type { CodemodOptions, CodemodResult, SourceFile } from './types.js';

const CLIENT_MODULES = ['ioredis', 'redis', '@redis/client'];

interface AnalysedFile {
  file: SourceFile;
  parsed: ParsedFile;
  sites: PerCallSite[];
  placements: Placement[];
  callerCleanups: TSESTree.ExpressionStatement[];
}

/** Pure: computes every write of a codemod run in memory; the CLI performs them. */
export function runCodemod(options: CodemodOptions): CodemodResult {
  const result: CodemodResult = { writes: new Map(), sitesHoisted: 0, sitesSkipped: [], modules: [], errors: [] };
  const rel = (path: string): string => relative(options.root, path).split(sep).join('/');
  const files = [...options.files].sort((a, b) => a.path.localeCompare(b.path));
  const layout = detectLayout(options.root, files.map((file) => file.path), options.readFile, options.singleton);
  const sources = options.sources ?? [];

  let existing: ExistingModule | undefined;
  const existingText = files.find((file) => file.path === layout.sharedModule)?.source ?? options.readFile(layout.sharedModule);
  if (existingText !== undefined) {
    try {
      existing = readExistingModule(layout.sharedModule, existingText);
    } catch (error) {
      result.errors.push({ file: rel(layout.sharedModule), message: describeParseError(error) });
      return result;
    }
  }
  const sharedExports: SharedExport[] = [...(existing?.exports ?? [])];
  const usedExports = new Set<SharedExport>();
  const exportNames = new Set<string>([...(existing?.names ?? []), ...sharedExports.flatMap((shared) => [shared.name, shared.getter ?? ''])]);

  const analysed: AnalysedFile[] = [];
  for (const file of files) {
    if (file.path === layout.sharedModule) continue;
    let parsed: ParsedFile;
    try {
      parsed = parseFile(file.path, file.source);
    } catch (error) {
      result.errors.push({ file: rel(file.path), message: describeParseError(error) });
      continue;
    }
    const analysisOptions: AnalysisOptions = {
      ...DEFAULT_OPTIONS,
      filename: file.path,
      sources,
      handlerNames: options.handlerNames ?? DEFAULT_OPTIONS.handlerNames,
    };
    const sites = findPerCallSites(parsed.program, parsed.scopeManager, file.source, analysisOptions);
    const entry: AnalysedFile = { file, parsed, sites, placements: [], callerCleanups: [] };
    for (const site of sites) {
      if (!site.hoist.hoistable) {
        const { line, column } = site.node.loc.start;
        result.sitesSkipped.push({ file: rel(file.path), line, column: column + 1, reason: site.hoist.reason });
        continue;
      }
      entry.placements.push({ site, shared: sharedExportFor(site, file.source, parsed, sharedExports, exportNames, usedExports) });
      result.sitesHoisted++;
    }
    analysed.push(entry);
  }

  addCrossFileCallerCleanups(analysed, options, sources, result.errors, rel);

  for (const entry of analysed) {
    if (entry.placements.length === 0 && entry.callerCleanups.length === 0) continue;
    const output = rewriteCallSites({
      source: entry.file.source,
      program: entry.parsed.program,
      scopeManager: entry.parsed.scopeManager,
      placements: entry.placements,
      callerCleanups: entry.callerCleanups,
      specifier: sharedModuleSpecifier(layout, entry.file.path),
      clientModules: [...CLIENT_MODULES, ...sources.map((source) => source.module)],
    });
    writeIfParses(entry.file.path, output, entry.file.source, result, rel);
  }

  const added = sharedExports.filter((shared) => !existing?.exports.includes(shared));
  if (added.length > 0) {
    const text = existing ? appendToModule(existing, added, layout) : renderSharedModule(added, layout);
    if (writeIfParses(layout.sharedModule, text, existing?.source, result, rel)) {
      result.modules.push({ path: rel(layout.sharedModule), action: existing ? 'updated' : 'created' });
    }
  } else if (existing && [...usedExports].length > 0) {
    result.modules.push({ path: rel(layout.sharedModule), action: 'reused' });
  }
  return result;
}

/** The shared export for a site, created on first use; undefined keeps the client in its own file. */
function sharedExportFor(
  site: PerCallSite,
  source: string,
  parsed: ParsedFile,
  sharedExports: SharedExport[],
  exportNames: Set<string>,
  usedExports: Set<SharedExport>,
): SharedExport | undefined {
  const config = configOf(site.node, site.info, source);
  // Arguments that read the file's own bindings cannot move to another module.
  if (!config || readsModuleBindings(site, parsed)) return undefined;
  let shared = sharedExports.find((candidate) => candidate.config.key === config.key);
  if (!shared) {
    const name = exportNameFor(config, exportNames, sharedExports.length > 0);
    exportNames.add(name);
    let getter: string | undefined;
    if (config.library === 'node-redis') {
      getter = getterNameFor(name);
      exportNames.add(getter);
    }
    shared = { config, name, getter };
    sharedExports.push(shared);
  }
  usedExports.add(shared);
  return shared;
}

function readsModuleBindings(site: PerCallSite, parsed: ParsedFile): boolean {
  const args = site.node.arguments;
  if (args.length === 0) return false;
  const span = { range: [args[0].range[0], args.at(-1)!.range[1]] } as Node;
  return parsed.scopeManager.scopes.some((scope) =>
    scope.references.some((reference) => reference.resolved !== null && contains(span, reference.identifier) && !contains(span, reference.resolved.identifiers[0] ?? span)),
  );
}

/**
 * A helper that returned a new client now returns the shared one: its callers in other files must stop
 * closing what it returns.
 */
function addCrossFileCallerCleanups(
  analysed: AnalysedFile[],
  options: CodemodOptions,
  sources: readonly ClientSource[],
  errors: CodemodResult['errors'],
  rel: (path: string) => string,
): void {
  const helpers = analysed.flatMap((entry) =>
    entry.placements
      .filter(({ site }) => site.usage.position === 'return' && site.fn)
      .map(({ site }) => ({ file: entry.file.path, name: functionName(site.fn!) }))
      .filter((helper): helper is { file: string; name: string } => helper.name !== undefined),
  );
  if (helpers.length === 0) return;
  const byPath = new Map(analysed.map((entry) => [entry.file.path, entry]));
  const candidates = new Set<string>([...options.files.map((file) => file.path), ...(options.otherFiles ?? [])]);
  for (const path of candidates) {
    const text = byPath.get(path)?.file.source ?? options.files.find((file) => file.path === path)?.source ?? options.readFile(path);
    if (text === undefined || !helpers.some((helper) => helper.file !== path && text.includes(helper.name))) continue;
    let entry = byPath.get(path);
    if (!entry) {
      // A listed file missing here failed to parse and is already reported.
      if (options.files.some((file) => file.path === path)) continue;
      try {
        const parsed = parseFile(path, text);
        entry = { file: { path, source: text }, parsed, sites: [], placements: [], callerCleanups: [] };
      } catch (error) {
        errors.push({ file: rel(path), message: describeParseError(error) });
        continue;
      }
      analysed.push(entry);
      byPath.set(path, entry);
    }
    for (const statement of entry.parsed.program.body) {
      if (statement.type !== 'ImportDeclaration' || !statement.source.value.startsWith('.')) continue;
      const target = resolve(dirname(path), statement.source.value).replace(/\.[cm]?[jt]sx?$/, '');
      for (const helper of helpers) {
        if (helper.file.replace(/\.[cm]?[jt]sx?$/, '') !== target) continue;
        for (const specifier of statement.specifiers) {
          const imported = specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' ? specifier.imported.name : undefined;
          if (imported !== helper.name) continue;
          const variable = entry.parsed.scopeManager.scopes.flatMap((scope) => scope.variables).find((candidate) => candidate.identifiers.includes(specifier.local));
          for (const reference of variable?.references ?? []) {
            const call = reference.identifier.parent;
            if (call?.type !== 'CallExpression' || call.callee !== reference.identifier) continue;
            const usage = clientUsage(call, entry.parsed.scopeManager);
            entry.callerCleanups.push(...usage.cleanups, ...usage.connects);
          }
        }
      }
    }
  }
}

function writeIfParses(path: string, output: string, before: string | undefined, result: CodemodResult, rel: (path: string) => string): boolean {
  if (output === before) return false;
  try {
    parseFile(path, output);
  } catch (error) {
    result.errors.push({ file: rel(path), message: `the rewrite would not parse (${describeParseError(error)}), so the file was left untouched` });
    return false;
  }
  result.writes.set(path, output);
  return true;
}

/** Cheap text pre-filter: false means the file cannot build a Redis client and is never parsed. */
export function mayContainRedisClient(source: string, extraModules: readonly string[] = []): boolean {
  return mentionsClientModule(source, extraModules.map((module) => ({ module })));
}

export type { ProjectLayout };
