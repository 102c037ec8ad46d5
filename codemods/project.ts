import { dirname, relative, resolve, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { DEFAULT_OPTIONS, findPerCallSites, mentionsClientModule, type PerCallSite } from '../core/analyze.js';
import { contains, declaredVariable, functionName, usesAsCallee } from '../core/ast.js';
import { clientUsage, type ClientUsage } from '../core/client-usage.js';
import { memoryFiles, ProjectCallers } from '../core/project/callers.js';
import { ProjectModel } from '../core/project/project-model.js';
import type { AnalysisOptions, Node } from '../core/types.js';
import { rewriteCallSites, type Placement } from './call-site.js';
import { describeParseError, parseFile, type ParsedFile } from './parse.js';
import { detectLayout, sharedModuleSpecifier } from './project-layout.js';
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
  const layout = detectLayout(options.root, files, options.readFile, options.singleton);
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
  const exportNames = new Set<string>([...(existing?.names ?? []), ...sharedExports.flatMap((shared) => [shared.name, shared.getter ?? ''])]);

  // The project model, both ways: what imports give each file, and how often each export runs given every caller.
  const fileSource = memoryFiles(new Map(files.map((file) => [file.path, file.source])), options.readFile);
  const settings = {
    sources,
    handlerNames: options.handlerNames ?? DEFAULT_OPTIONS.handlerNames,
    onceWrappers: options.onceWrappers ?? DEFAULT_OPTIONS.onceWrappers,
    allowInFunctions: options.allowInFunctions ?? DEFAULT_OPTIONS.allowInFunctions,
  };
  const model = new ProjectModel(settings, fileSource);
  const projectCallers = new ProjectCallers(model, [...files.map((file) => file.path), ...(options.otherFiles ?? [])], fileSource);
  // A file that names no client module still opens connections through an import of a project module that does.
  for (const path of options.otherFiles ?? []) {
    const source = options.readFile(path);
    if (source !== undefined && model.importsRelevantModule(path, source)) files.push({ path, source });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const scanned = new Set(files.map((file) => file.path));

  const analysed: AnalysedFile[] = [];
  for (const file of files) {
    const isSharedModule = file.path === layout.sharedModule;
    let parsed: ParsedFile;
    try {
      parsed = parseFile(file.path, file.source);
    } catch (error) {
      result.errors.push({ file: rel(file.path), message: describeParseError(error) });
      continue;
    }
    const analysisOptions: AnalysisOptions = { ...settings, filename: file.path, callers: projectCallers.callersFor(file.path) };
    const sites = findPerCallSites(parsed.program, parsed.scopeManager, file.source, analysisOptions, model);
    const entry: AnalysedFile = { file, parsed, sites, placements: [], callerCleanups: [] };
    for (const site of sites) {
      if (site.origin && !site.role?.sharedReceiver) {
        // Opened through an import: the fix belongs where the client is built, which its callers now make per call.
        if (scanned.has(site.origin.file)) continue;
        const { line, column } = site.node.loc.start;
        result.sitesSkipped.push({ file: rel(file.path), line, column: column + 1, reason: `the client is built in ${rel(site.origin.file)}, outside the paths being fixed` });
        continue;
      }
      if (!site.hoist.hoistable) {
        const { line, column } = site.node.loc.start;
        result.sitesSkipped.push({ file: rel(file.path), line, column: column + 1, reason: site.hoist.reason });
        continue;
      }
      // A factory inside the shared module itself keeps its client in that module.
      const shared = isSharedModule ? undefined : sharedExportFor(site, file.source, parsed, sharedExports, exportNames);
      entry.placements.push({ site, shared });
      result.sitesHoisted++;
    }
    analysed.push(entry);
  }

  addCrossFileCallerCleanups(analysed, options, result, rel);

  let sharedModuleText = existing?.source;
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
    if (entry.file.path === layout.sharedModule) sharedModuleText = output;
    else writeIfParses(entry.file.path, output, entry.file.source, result, rel);
  }

  // A helper skipped for its callers may have been the only user of an export.
  const used = new Set(analysed.flatMap((entry) => entry.placements.map((placement) => placement.shared)));
  const added = sharedExports.filter((shared) => !existing?.exports.includes(shared) && used.has(shared));
  if (added.length > 0 || (existing && sharedModuleText !== existing.source)) {
    const text = !existing ? renderSharedModule(added, layout) : added.length > 0 ? appendToModule({ ...existing, source: sharedModuleText! }, added, layout) : sharedModuleText!;
    if (writeIfParses(layout.sharedModule, text, existing?.source, result, rel)) {
      result.modules.push({ path: rel(layout.sharedModule), action: existing ? 'updated' : 'created' });
    }
  } else if (existing && existing.exports.some((shared) => used.has(shared))) {
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
 * A helper that returned a new client now returns the shared one: its callers in other files must stop closing
 * what it returns. A caller that needs a connection of its own (it subscribes, blocks…) keeps the helper as it is.
 */
function addCrossFileCallerCleanups(
  analysed: AnalysedFile[],
  options: CodemodOptions,
  result: CodemodResult,
  rel: (path: string) => string,
): void {
  const helpers = analysed.flatMap((entry) =>
    entry.placements
      .filter(({ site }) => site.usage.position === 'return' && site.fn && functionName(site.fn) !== undefined)
      .map((placement) => ({ entry, placement, name: functionName(placement.site.fn!)!, callers: [] as { entry: AnalysedFile; usage: ClientUsage }[] })),
  );
  if (helpers.length === 0) return;
  const byPath = new Map(analysed.map((entry) => [entry.file.path, entry]));
  const listed = new Set(options.files.map((file) => file.path));
  for (const path of new Set([...listed, ...(options.otherFiles ?? [])])) {
    const text = byPath.get(path)?.file.source ?? (listed.has(path) ? undefined : options.readFile(path));
    if (text === undefined || !helpers.some((helper) => helper.entry.file.path !== path && text.includes(helper.name))) continue;
    let entry = byPath.get(path);
    if (!entry) {
      try {
        entry = { file: { path, source: text }, parsed: parseFile(path, text), sites: [], placements: [], callerCleanups: [] };
      } catch (error) {
        result.errors.push({ file: rel(path), message: describeParseError(error) });
        continue;
      }
      analysed.push(entry);
      byPath.set(path, entry);
    }
    for (const helper of helpers) {
      if (helper.entry === entry) continue;
      for (const call of importedHelperCalls(entry, helper.entry.file.path, helper.name)) {
        helper.callers.push({ entry, usage: clientUsage(call, entry.parsed.scopeManager) });
      }
    }
  }
  for (const helper of helpers) {
    const blocked = helper.callers.find((caller) => caller.usage.problem !== undefined);
    if (blocked) {
      helper.entry.placements.splice(helper.entry.placements.indexOf(helper.placement), 1);
      result.sitesHoisted--;
      const { line, column } = helper.placement.site.node.loc.start;
      const reason = `its caller in ${rel(blocked.entry.file.path)} cannot share a connection: ${blocked.usage.problem}`;
      result.sitesSkipped.push({ file: rel(helper.entry.file.path), line, column: column + 1, reason });
      continue;
    }
    for (const caller of helper.callers) caller.entry.callerCleanups.push(...caller.usage.cleanups, ...caller.usage.connects);
  }
}

/** Calls, in `entry`, of `name` imported from the module at `helperPath`. */
function importedHelperCalls(entry: AnalysedFile, helperPath: string, name: string): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  const helperModule = helperPath.replace(/\.[cm]?[jt]sx?$/, '');
  for (const statement of entry.parsed.program.body) {
    if (statement.type !== 'ImportDeclaration' || !statement.source.value.startsWith('.')) continue;
    const target = resolve(dirname(entry.file.path), statement.source.value).replace(/\.[cm]?[jt]sx?$/, '');
    if (target !== helperModule) continue;
    for (const specifier of statement.specifiers) {
      const imported = specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' ? specifier.imported.name : undefined;
      if (imported !== name) continue;
      const variable = declaredVariable(entry.parsed.scopeManager, specifier.local);
      for (const { call } of variable ? usesAsCallee(variable) : []) if (call) calls.push(call);
    }
  }
  return calls;
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

