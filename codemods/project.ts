import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { DEFAULT_OPTIONS, findPerCallSites, mentionsClientModule, type PerCallSite } from '../core/analyze.js';
import { argumentsRange, contains, declaredVariable, functionBinding, functionName, outermostTransparent, propertyName, usesAsCallee } from '../core/ast.js';
import { chainedConnect, connectLaterThanCall } from '../core/caller-connects.js';
import { clientUsage, type ClientUsage } from '../core/client-usage.js';
import { agreedStyle, codeStyleOf, type CodeStyle } from '../core/code-style.js';
import { withoutNewBlankRuns } from '../core/edits.js';
import { errorListenersOf, listenerOnReturnedClient, listenerBlocker, listenersReadModuleBindings, retriesFirstConnect, sameListeners, type ErrorListener } from '../core/error-listeners.js';
import type { InFileConnection } from '../core/in-file-connection.js';
import { globalOwnerName, type HotReloadGuard } from '../core/hot-reload-guard.js';
import { lostNarrowing, movedNodes } from '../core/narrowing.js';
import { clientAnnotation, type ClientAnnotation } from '../core/client-annotation.js';
import { memoryFiles, ProjectCallers } from '../core/project/callers.js';
import { declaredImports, type DeclaredImport } from '../core/project/imported-sites.js';
import { ProjectModel } from '../core/project/project-model.js';
import { isSpawn } from '../core/spawned-connections.js';
import type { Resolution } from '../core/project/resolution.js';
import type { AnalysisOptions, FunctionNode, Node } from '../core/types.js';
import { nameFileClients, rewriteCallSites, type FileNames, type Placement } from './call-site.js';
import { clientApi } from '../core/project/client-api.js';
import { callRunsOnce, instantiatedPerCall, isShutdownCode } from './obligations.js';
import { owningPackageRoot, readOwningPackage, type OwningPackage } from '../core/project/owning-package.js';
import { filesLoadedBy } from './module-reach.js';
import { describeParseError, parseFile, type ParsedFile } from './parse.js';
import { detectLayout, sharedModuleSpecifier, type ProjectLayout } from './project-layout.js';
import {
  accessFor,
  appendToModule,
  configOf,
  exportNameFor,
  firstConnectNames,
  movedListeners,
  getterNameFor,
  readExistingModule,
  renderSharedModule,
  type ExistingModule,
  type FirstConnect,
  type SharedExport,
} from './shared-module.js';
import type { CodemodOptions, CodemodResult, SourceFile } from './types.js';

const CLIENT_MODULES = ['ioredis', 'redis', '@redis/client'];

interface AnalysedFile {
  file: SourceFile;
  parsed: ParsedFile;
  plan: PackagePlan | undefined;
  placements: Placement[];
  /** Per-call closes and connects, in this file, on what a rewritten helper of another file returns. */
  callerCleanups: TSESTree.ExpressionStatement[];
  /** `await (await getClient()).connect()` in this file, on a helper that now hands out a connected client. */
  chainedConnects: TSESTree.AwaitExpression[];
  /** What the rewrite names in this file, chosen once its placements are known. */
  names?: FileNames;
}

/** One owning package: where its shared module goes and the clients it shares. */
interface PackagePlan {
  owner: OwningPackage;
  layout: ProjectLayout;
  existing: ExistingModule | undefined;
  /**
   * Where clients of new configurations go when the existing module builds its own at import (importing it for a
   * getter would open them): a new module beside it; undefined when that path is taken.
   */
  lazyModule: string | undefined;
  /** Why new clients go beside the existing module, as the summary says it: `builds its clients when it is imported`. */
  besideBecause: string | undefined;
  sharedExports: SharedExport[];
  exportNames: Set<string>;
}

type Relative = (path: string) => string;

/** Pure: computes every write of a codemod run in memory; the CLI performs them. */
export function runCodemod(options: CodemodOptions): CodemodResult {
  const result: CodemodResult = { writes: new Map(), sitesHoisted: 0, sitesMoved: new Map(), sitesSkipped: [], modules: [], errors: [] };
  const rel: Relative = (path) => relative(options.root, path).split(sep).join('/');
  // A byte order mark is set aside while the file is rewritten and put back on what is written.
  const files = [...options.files].sort((a, b) => a.path.localeCompare(b.path)).map((file) => ({ ...file, source: file.source.replace(/^\uFEFF/, '') }));
  const withBom = new Set(options.files.filter((file) => file.source.startsWith('\uFEFF')).map((file) => file.path));
  const knownPaths = [...files.map((file) => file.path), ...(options.otherFiles ?? [])];
  const sources = options.sources ?? [];
  const singleton = options.singleton === undefined ? undefined : resolve(options.root, options.singleton);

  const plans = new Map<string, PackagePlan | undefined>();
  const planFor = (path: string): PackagePlan | undefined => {
    const packageRoot = singleton ? options.root : owningPackageRoot(path, options.root, options.readFile);
    if (!plans.has(packageRoot)) {
      const members = files.filter((file) => singleton || owningPackageRoot(file.path, options.root, options.readFile) === packageRoot);
      plans.set(packageRoot, packagePlan(packageRoot, members, knownPaths, singleton, options, result, rel));
    }
    return plans.get(packageRoot);
  };

  // The project model, both ways: what imports give each file, and how often each export runs given every caller.
  const fileSource = memoryFiles(new Map(files.map((file) => [file.path, file.source])), options.readFile);
  const settings = {
    sources,
    handlerNames: options.handlerNames ?? DEFAULT_OPTIONS.handlerNames,
    onceWrappers: options.onceWrappers ?? DEFAULT_OPTIONS.onceWrappers,
    allowInFunctions: options.allowInFunctions ?? DEFAULT_OPTIONS.allowInFunctions,
  };
  const model = new ProjectModel(settings, fileSource, undefined, false, options.root);
  const projectCallers = new ProjectCallers(model, [...files.map((file) => file.path), ...(options.otherFiles ?? [])], fileSource);
  // A file that names no client module still opens connections through an import of a project module that does.
  for (const path of options.otherFiles ?? []) {
    const source = fileSource.read(path)?.text;
    if (source !== undefined && model.importsRelevantModule(path, source)) files.push({ path, source });
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const scanned = new Set(files.map((file) => file.path));

  const analysed: AnalysedFile[] = [];
  for (const file of files) {
    let parsed: ParsedFile;
    try {
      parsed = parseFile(file.path, file.source);
    } catch (error) {
      result.errors.push({ file: rel(file.path), message: describeParseError(error) });
      continue;
    }
    const analysisOptions: AnalysisOptions = { ...settings, filename: file.path, callers: projectCallers.callersFor(file.path) };
    const sites = findPerCallSites(parsed.program, parsed.scopeManager, file.source, analysisOptions, model);
    const plan = sites.length > 0 ? planFor(file.path) : undefined;
    const entry: AnalysedFile = { file, parsed, plan, placements: [], callerCleanups: [], chainedConnects: [] };
    const skip = (site: PerCallSite, reason: string): void => {
      const { line, column } = site.node.loc.start;
      result.sitesSkipped.push({ file: rel(file.path), line, column: column + 1, reason });
    };
    for (const site of sites) {
      if (site.origin && !site.role?.sharedReceiver) {
        // Opened through an import: the fix belongs where the client is built, which its callers now make per call.
        if (scanned.has(site.origin.file)) continue;
        skip(site, `the client is built in ${rel(site.origin.file)}, outside the paths being fixed`);
        continue;
      }
      if (!site.hoist.hoistable) {
        skip(site, site.hoist.reason);
        continue;
      }
      const left = options.leftAsIs?.get(file.path);
      if (left !== undefined) {
        skip(site, left);
        continue;
      }
      if (!plan) {
        skip(site, 'its package could not be read');
        continue;
      }
      const listeners = errorListenersOf(site);
      // TypeScript narrows a binding the function checks before the site; a client built elsewhere loses that.
      const narrowing = /\.[cm]?tsx?$/.test(file.path) ? lostNarrowing(site, movedNodes(site, listeners.map((listener) => listener.handler)), parsed.scopeManager) : undefined;
      if (narrowing !== undefined) {
        skip(site, narrowing);
        continue;
      }
      const annotation = /\.[cm]?tsx?$/.test(file.path) ? clientAnnotation(site, file.source, parsed.scopeManager) : undefined;
      if (annotation && 'reason' in annotation) {
        skip(site, annotation.reason);
        continue;
      }
      const callerProblem = site.usage.callers.map(listenerOnReturnedClient).find((problem) => problem !== undefined);
      const unmovable = listenerBlocker(listeners, parsed.scopeManager) ?? (callerProblem && `its caller in ${rel(file.path)} cannot share a connection: ${callerProblem}`);
      if (unmovable !== undefined) {
        skip(site, unmovable);
        continue;
      }
      // A factory inside the shared module itself keeps its client in that module.
      const decision = file.path === plan.layout.sharedModule ? { shared: undefined } : sharedExportFor(site, file.source, parsed, plan, options, listeners, annotation);
      const connection = 'reason' in decision || decision.shared ? {} : inFileConnectionFor(site, file.path, plan, options, annotation?.text);
      const reason = 'reason' in decision ? decision.reason : 'reason' in connection ? connection.reason : undefined;
      if (reason !== undefined) {
        skip(site, reason);
        continue;
      }
      const shared = 'shared' in decision ? decision.shared : undefined;
      const moduleOf = (candidate: SharedExport | undefined): string | undefined => (candidate === undefined ? undefined : (candidate.module ?? plan.layout.sharedModule));
      const otherModule = entry.placements.map((placement) => moduleOf(placement.shared)).find((module) => module !== undefined && module !== moduleOf(shared));
      if (shared !== undefined && otherModule !== undefined) {
        skip(site, twoModules(rel(moduleOf(shared)!), rel(otherModule)));
        continue;
      }
      const lifecycle = perRequestLifecycle(site, site.usage, () => classBuiltPerCall(site, files, options));
      const hotReload = shared === undefined ? inFileHotReloadGuard(plan.layout, file.path) : undefined;
      entry.placements.push({ site, shared, lifecycle, ...connection, ...(hotReload ? { hotReload } : {}) });
    }
    // A client no free name fits stays where it is: named now, so the summary counts it as skipped.
    const { names, unnamed } = nameFileClients({ source: file.source, scopeManager: parsed.scopeManager, placements: entry.placements, typescript: /\.[cm]?tsx?$/.test(file.path) });
    for (const { placement, reason } of unnamed) skipPlacement(entry, placement, reason, result, rel);
    entry.names = names;
    analysed.push(entry);
  }

  const resolveImport: ResolveImport = (fromFile, specifier) => model.resolve(fromFile, specifier);
  keepOutOfImportCycles(analysed, knownPaths, options, result, rel, resolveImport);
  addHelperCallerCleanups(analysed, options, result, rel, resolveImport);

  // Call sites first: a package's shared module holds only the exports its rewritten files use.
  const outputs = new Map<AnalysedFile, string>();
  for (const entry of analysed) {
    if (!entry.plan || (entry.placements.length === 0 && entry.callerCleanups.length === 0 && entry.chainedConnects.length === 0)) continue;
    const output = rewriteCallSites({
      source: entry.file.source,
      program: entry.parsed.program,
      scopeManager: entry.parsed.scopeManager,
      placements: entry.placements,
      callerCleanups: entry.callerCleanups,
      chainedConnects: entry.chainedConnects,
      specifier: sharedModuleSpecifier(layoutFor(entry), entry.file.path, entry.file.source),
      typescript: /\.[cm]?tsx?$/.test(entry.file.path),
      ...(entry.names ? { names: entry.names } : {}),
      clientModules: [...CLIENT_MODULES, ...sources.map((source) => source.module)],
    });
    outputs.set(entry, (withBom.has(entry.file.path) ? '\uFEFF' : '') + keepLineEndings(entry.file.source, withoutNewBlankRuns(entry.file.source, output)));
  }

  for (const plan of new Set(analysed.map((entry) => entry.plan))) {
    if (!plan) continue;
    const members = analysed.filter((entry) => entry.plan === plan);
    const inModule = members.find((entry) => entry.file.path === plan.layout.sharedModule);
    const moduleWritten = writeSharedModule(plan, members, inModule ? outputs.get(inModule) : undefined, result, rel);
    for (const entry of members) {
      const output = outputs.get(entry);
      if (output === undefined || entry === inModule) continue;
      const usesModule = entry.placements.some((placement) => placement.shared !== undefined);
      if (usesModule && !moduleWritten) {
        if (entry.placements.length > 0) result.errors.push({ file: rel(entry.file.path), message: `was not rewritten because its shared module ${rel(plan.layout.sharedModule)} could not be written` });
        continue;
      }
      const before = withBom.has(entry.file.path) ? `\uFEFF${entry.file.source}` : entry.file.source;
      if (writeIfParses(entry.file.path, output, before, result, rel)) countMoved(entry, result);
    }
    if (inModule && moduleWritten) countMoved(inModule, result);
  }
  return result;
}

/** The package's layout and existing shared module; undefined (with an error) when that module does not parse. */
function packagePlan(
  packageRoot: string,
  members: readonly SourceFile[],
  knownPaths: readonly string[],
  singleton: string | undefined,
  options: CodemodOptions,
  result: CodemodResult,
  rel: Relative,
): PackagePlan | undefined {
  const owner = readOwningPackage(packageRoot, options.readFile);
  const layout = detectLayout(owner, members, knownPaths, options.readFile, singleton);
  let existing: ExistingModule | undefined;
  const existingText = members.find((file) => file.path === layout.sharedModule)?.source ?? options.readFile(layout.sharedModule);
  if (existingText !== undefined) {
    try {
      existing = readExistingModule(layout.sharedModule, existingText, (module) => clientApi(owner, module, options.root, options.readFile));
    } catch (error) {
      result.errors.push({ file: rel(layout.sharedModule), message: describeParseError(error) });
      return undefined;
    }
  }
  const sharedExports = [...(existing?.exports ?? [])];
  const exportNames = new Set<string>([...(existing?.names ?? []), ...sharedExports.flatMap((shared) => [shared.name, shared.imported])]);
  const lazyModule = existing?.buildsAtImport ? besideModule(layout.sharedModule, knownPaths, options.readFile) : undefined;
  const besideBecause = existing?.buildsAtImport ? 'builds its clients when it is imported' : undefined;
  return { owner, layout, existing, lazyModule, besideBecause, sharedExports, exportNames };
}

/** `lib/redis-clients.ts` beside `lib/redis.ts` (`lib/redis/clients.ts` beside an index file), unless that path is taken. */
function besideModule(sharedModule: string, knownPaths: readonly string[], readFile: (path: string) => string | undefined): string | undefined {
  const extension = extname(sharedModule);
  const base = basename(sharedModule, extension);
  const path = base === 'index' ? join(dirname(sharedModule), `clients${extension}`) : join(dirname(sharedModule), `${base}-clients${extension}`);
  const stem = path.slice(0, -extension.length);
  const taken = (candidate: string): boolean => knownPaths.includes(candidate) || readFile(candidate) !== undefined;
  return [path, `${stem}.ts`, `${stem}.js`, join(stem, `index${extension}`)].some(taken) ? undefined : path;
}

/**
 * An existing module that loads a file rewritten to import from it would close an import cycle: the new clients go
 * in a module beside it instead, and a file it loads cannot take a client it already shares.
 */
function keepOutOfImportCycles(analysed: readonly AnalysedFile[], knownPaths: readonly string[], options: CodemodOptions, result: CodemodResult, rel: Relative, resolveImport: ResolveImport): void {
  for (const plan of new Set(analysed.map((entry) => entry.plan))) {
    if (!plan?.existing || plan.existing.buildsAtImport) continue;
    const { sharedModule } = plan.layout;
    const inModule = (placement: Placement): boolean => placement.shared !== undefined && placement.shared.module === undefined;
    const importers = analysed.filter((entry) => entry.plan === plan && entry.file.path !== sharedModule && entry.placements.some(inModule));
    if (importers.length === 0) continue;
    const readText = (path: string): string | undefined => analysed.find((entry) => entry.file.path === path)?.file.source ?? options.readFile(path);
    const loaded = filesLoadedBy(sharedModule, plan.owner.root, readText, resolveImport);
    const cyclic = importers.find((entry) => loaded.has(entry.file.path));
    if (!cyclic) continue;
    const cycle = `adding the client there would make an import cycle`;
    plan.lazyModule = besideModule(sharedModule, knownPaths, options.readFile);
    plan.besideBecause = `imports ${rel(cyclic.file.path)}: ${cycle}`;
    const shared = new Set(plan.existing.exports);
    for (const added of plan.sharedExports) if (!shared.has(added) && added.module === undefined) added.module = plan.lazyModule;
    for (const entry of importers) {
      for (const placement of [...entry.placements]) {
        if (!inModule(placement)) continue;
        const loadsThisFile = loaded.has(entry.file.path);
        if (shared.has(placement.shared!) && loadsThisFile) skipPlacement(entry, placement, `${rel(sharedModule)} imports this file, so importing its client here would make an import cycle`, result, rel);
        else if (!shared.has(placement.shared!)) skipPlacement(entry, placement, `${rel(sharedModule)} imports ${rel(cyclic.file.path)}, so ${cycle}, and the path beside it for new clients is taken`, result, rel);
      }
      const modules = entry.placements.flatMap((placement) => (placement.shared ? [placement.shared.module ?? sharedModule] : []));
      for (const placement of [...entry.placements]) {
        const module = placement.shared && (placement.shared.module ?? sharedModule);
        if (module !== undefined && module !== modules[0]) skipPlacement(entry, placement, twoModules(rel(module), rel(modules[0])), result, rel);
      }
    }
  }
}

function twoModules(needed: string, imported: string): string {
  return `it needs a client from ${needed}, and its file already imports one from ${imported}`;
}

/** Leaves a site as it is, and lists it with the reason. */
function skipPlacement(entry: AnalysedFile, placement: Placement, reason: string, result: CodemodResult, rel: Relative): void {
  entry.placements.splice(entry.placements.indexOf(placement), 1);
  const { line, column } = placement.site.node.loc.start;
  result.sitesSkipped.push({ file: rel(entry.file.path), line, column: column + 1, reason });
}

/** Writes (or reuses) the package's shared module; false when call sites that need it must not be written. */
function writeSharedModule(plan: PackagePlan, members: readonly AnalysedFile[], ownOutput: string | undefined, result: CodemodResult, rel: Relative): boolean {
  const { existing, layout } = plan;
  const used = new Set(members.flatMap((entry) => entry.placements.map((placement) => placement.shared)));
  const besideAdded = plan.sharedExports.filter((shared) => shared.module !== undefined && used.has(shared));
  if (besideAdded.length > 0 && plan.lazyModule !== undefined) {
    const style = callSiteStyle(members, (shared) => shared.module !== undefined);
    if (!writeIfParses(plan.lazyModule, renderSharedModule(besideAdded, { ...layout, sharedModule: plan.lazyModule }, style), undefined, result, rel)) return false;
    result.modules.push({ path: rel(plan.lazyModule), action: 'created', why: `beside ${rel(layout.sharedModule)}, which ${plan.besideBecause!}` });
  }
  const added = plan.sharedExports.filter((shared) => shared.module === undefined && !existing?.exports.includes(shared) && used.has(shared));
  const currentText = ownOutput ?? existing?.source;
  if (added.length === 0 && (!existing || currentText === existing.source)) {
    if (existing && existing.exports.some((shared) => used.has(shared))) result.modules.push({ path: rel(layout.sharedModule), action: 'reused' });
    return true;
  }
  const text = !existing ? renderSharedModule(added, layout, callSiteStyle(members, (shared) => shared.module === undefined)) : added.length > 0 ? appendToModule({ ...existing, source: currentText! }, added, layout) : currentText!;
  if (!writeIfParses(layout.sharedModule, text, existing?.source, result, rel)) return false;
  result.modules.push({ path: rel(layout.sharedModule), action: existing ? 'updated' : 'created' });
  return true;
}

/** How most of the files whose clients move to a new module write their code, so that the module reads as theirs. */
function callSiteStyle(members: readonly AnalysedFile[], movesThere: (shared: SharedExport) => boolean): CodeStyle {
  const movers = members.filter((entry) => entry.placements.some((placement) => placement.shared !== undefined && movesThere(placement.shared)));
  return agreedStyle(movers.map((entry) => codeStyleOf(entry.file.source, entry.parsed.program)));
}

/** The layout a file's imports follow: its package's, with the module its shared clients live in. */
function layoutFor(entry: AnalysedFile): ProjectLayout {
  const module = entry.placements.find((placement) => placement.shared?.module !== undefined)?.shared?.module;
  return module === undefined ? entry.plan!.layout : { ...entry.plan!.layout, sharedModule: module };
}

function countMoved(entry: AnalysedFile, result: CodemodResult): void {
  const toSharedModule = entry.placements.filter((placement) => placement.shared !== undefined).length;
  const withinFile = entry.placements.length - toSharedModule;
  if (toSharedModule + withinFile === 0) return;
  result.sitesMoved.set(entry.file.path, { toSharedModule, withinFile });
  result.sitesHoisted += toSharedModule + withinFile;
}

type ExportDecision = { shared: SharedExport | undefined } | { reason: string };

/** The shared export for a site, created on first use; `shared: undefined` keeps the client in its own file. */
function sharedExportFor(
  site: PerCallSite,
  source: string,
  parsed: ParsedFile,
  plan: PackagePlan,
  options: CodemodOptions,
  listeners: readonly ErrorListener[],
  annotation: ClientAnnotation | undefined,
): ExportDecision {
  const config = configOf(site.node, site.info, source);
  // Arguments or listeners that read the file's own bindings, and a duplicate that copies its receiver's options, which
  // only its own file can see, stay in their file.
  if (!config || readsModuleBindings(site, parsed) || listenersReadModuleBindings(listeners, parsed.scopeManager) || isSpawn(site.node)) return { shared: undefined };
  const errorListeners = movedListeners(source, listeners);
  const api = clientApi(plan.owner, config.module, options.root, options.readFile);
  if ('unsupported' in api) return { reason: api.unsupported };
  const access = accessFor(api);
  if (access === 'await' && !site.fn?.async) {
    return { reason: 'the shared node-redis client is connected asynchronously, and the function that builds this one is not `async`' };
  }
  const retries = access === 'await' && retriesFirstConnect(errorListeners);
  // A client this run writes has the listeners it was planned with; an existing module's getter is read for one before
  // its connect, and taken as it is where that reading says nothing.
  const retriesOf = (candidate: SharedExport): boolean | undefined =>
    plan.existing?.exports.includes(candidate) ? candidate.retriesFirstConnect : retriesFirstConnect(candidate.errorListeners ?? []);
  const failsAlike = (candidate: SharedExport): boolean => candidate.access !== 'await' || (retriesOf(candidate) ?? retries) === retries;
  const sameOptions = plan.sharedExports.filter((candidate) => candidate.config.key === config.key);
  let shared = sameOptions.find(failsAlike);
  const failingOtherwise = shared ? undefined : sameOptions[0];
  // A site with no listener of its own shares the client another site's listener (one that leaves its first connect failing
  // as this site's does) serves; two listeners cannot both be the one.
  if (shared && errorListeners.length > 0 && !sameListeners(shared.errorListeners ?? [], errorListeners)) {
    if ((shared.errorListeners ?? []).length > 0 || plan.existing?.exports.includes(shared)) {
      return { reason: `its 'error' listener differs from the one the shared client \`${shared.imported}()\` for the same options already has, and one client cannot keep both` };
    }
    shared.errorListeners = errorListeners;
  }
  // node-redis infers its client's generics from the annotation; the shared client is built under the same type.
  const returnType = api.library === 'node-redis' && api.connects ? annotation : undefined;
  if (shared && returnType && shared.returnType?.text !== returnType.text) {
    if (shared.returnType || plan.existing?.exports.includes(shared)) {
      return { reason: `its client is typed \`${returnType.text}\`, and the shared client \`${shared.imported}()\` for the same options is built under another type` };
    }
    shared.returnType = returnType;
  }
  const beside = plan.existing?.buildsAtImport === true;
  if (!shared && beside && plan.lazyModule === undefined) {
    return {
      reason: `it needs a client of its own, and the shared module ${relative(options.root, plan.layout.sharedModule).split(sep).join('/')} builds its clients when it is imported, while the path beside it for new clients is taken`,
    };
  }
  if (!shared) {
    const firstConnect: FirstConnect | undefined = failingOtherwise && (retries ? 'retrying' : 'failFast');
    const name = exportNameFor(config, plan.exportNames, plan.sharedExports.length > 0, firstConnect);
    if (!name && failingOtherwise) return { reason: firstConnectApart(failingOtherwise, retries, firstConnectNames(config, firstConnect!)) };
    if (!name) return { reason: 'it needs a shared client of its own, and nothing in its options (env var, `connectionName`, `keyPrefix`, `db`) names it' };
    const imported = getterNameFor(name);
    plan.exportNames.add(name).add(imported);
    shared = { config, api, name, access, imported, errorListeners, ...(returnType ? { returnType } : {}), ...(beside ? { module: plan.lazyModule } : {}) };
    plan.sharedExports.push(shared);
  }
  return { shared };
}

/** Why a site that needs a client of its own, for how its first connect fails, is left: every name for one is taken. */
function firstConnectApart(other: SharedExport, retries: boolean, names: readonly string[]): string {
  const how = retries
    ? `its 'error' listener, registered before \`connect()\`, makes its first connect retry while Redis is down, where the shared client \`${other.imported}()\` for the same options rejects at once`
    : `its first connect rejects at once while Redis is down, where the shared client \`${other.imported}()\` for the same options retries (its 'error' listener is registered before \`connect()\`)`;
  const taken = names.flatMap((name) => [name, getterNameFor(name)]).map((name) => `\`${name}\``).join(', ');
  return `${how}, so it needs a client of its own, and every name for one (${taken}) is already taken in the shared module; free one and run the fix again`;
}

/** The globalThis guard for a client kept in its file, where the package's dev server re-evaluates modules. */
function inFileHotReloadGuard(layout: ProjectLayout, path: string): HotReloadGuard | undefined {
  return layout.hotReload === undefined ? undefined : { framework: layout.hotReload, owner: globalOwnerName(relative(layout.root, path).split(sep).join('/')) };
}

/** A node-redis 4+ client kept in its file connects behind an awaited getter, written for the package's version. */
function inFileConnectionFor(site: PerCallSite, path: string, plan: PackagePlan, options: CodemodOptions, clientType: string | undefined): { connection?: InFileConnection } | { reason: string } {
  if (site.info.library !== 'node-redis') return {};
  const api = clientApi(plan.owner, site.info.module, options.root, options.readFile);
  if ('unsupported' in api) return { reason: api.unsupported };
  // Hoistability already keeps a node-redis client built outside an `async` function where it is.
  if (api.library !== 'node-redis' || !api.connects) return {};
  return { connection: { closeAtOnce: api.closeAtOnce, typescript: /\.[cm]?tsx?$/.test(path), ...(clientType ? { clientType } : {}) } };
}

function readsModuleBindings(site: PerCallSite, parsed: ParsedFile): boolean {
  const range = argumentsRange(site.node);
  if (!range) return false;
  const span = { range } as Node;
  return parsed.scopeManager.scopes.some((scope) =>
    scope.references.some((reference) => reference.resolved !== null && contains(span, reference.identifier) && !contains(span, reference.resolved.identifiers[0] ?? span)),
  );
}

/** The closes and connects that run per call (at the site and in its callers in the file); shutdown code keeps its own. */
function perRequestLifecycle(site: PerCallSite, usage: ClientUsage, classPerCall: () => boolean): TSESTree.ExpressionStatement[] {
  const statements = [...usage.cleanups, ...usage.connects, ...usage.callers.flatMap((caller) => [...caller.cleanups, ...caller.connects])];
  const perCall = usage.member && statements.length > 0 ? classPerCall() : false;
  return statements.filter((statement) => !isShutdownCode(statement, site, perCall));
}

/** Whether the class that holds a member client is built per call anywhere in the project's client files. */
function classBuiltPerCall(site: PerCallSite, files: readonly SourceFile[], options: CodemodOptions): boolean {
  const name = site.usage.member?.classNode.id?.name;
  if (!name) return false;
  const texts = [...files.map((file) => file.path), ...(options.otherFiles ?? [])].map((path) => ({ path, text: files.find((file) => file.path === path)?.source ?? options.readFile(path) }));
  const programs = texts.flatMap(({ path, text }) => {
    if (text === undefined || !text.includes(`new ${name}`)) return [];
    try {
      return [parseFile(path, text).program];
    } catch {
      return [];
    }
  });
  return instantiatedPerCall(name, programs);
}

/** The function a site's client leaves by `return`, directly or through the local that holds it. */
function returningHelper(site: PerCallSite): FunctionNode | undefined {
  if (!site.fn || functionName(site.fn) === undefined) return undefined;
  if (site.usage.position === 'return') return site.fn;
  const returned = site.usage.variable?.references.some((reference) => {
    const parent = reference.identifier.parent;
    return (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === reference.identifier)) && reference.from.variableScope.block === site.fn;
  });
  return returned ? site.fn : undefined;
}

/** Why a caller's use of a helper's client cannot be followed: it hands the client on. */
function handsClientOn(usage: ClientUsage): string | undefined {
  if (usage.position === 'return') return 'returns it to its own callers';
  for (const reference of usage.variable?.references ?? []) {
    const parent = reference.identifier.parent;
    if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(reference.identifier as TSESTree.CallExpressionArgument)) {
      return 'passes it on to another function';
    }
    if (parent?.type === 'ReturnStatement') return 'returns it to its own callers';
  }
  return undefined;
}

/**
 * A helper that returned a new client now returns the shared one: its callers, in its file and in others, must stop
 * closing or connecting what it returns. A caller that needs a connection of its own (it subscribes, blocks…) or that
 * hands the client on where it cannot be followed keeps the helper as it is.
 */
function addHelperCallerCleanups(analysed: AnalysedFile[], options: CodemodOptions, result: CodemodResult, rel: Relative, resolveImport: ResolveImport): void {
  const helpers = analysed.flatMap((entry) =>
    entry.placements.flatMap((placement) => {
      const helper = returningHelper(placement.site);
      return helper ? [{ entry, placement, helper, name: functionName(helper)!, callers: [] as { entry: AnalysedFile; usage: ClientUsage }[], unresolvedCaller: undefined as string | undefined }] : [];
    }),
  );
  if (helpers.length === 0) return;
  const byPath = new Map(analysed.map((entry) => [entry.file.path, entry]));
  const listed = new Set(options.files.map((file) => file.path));
  for (const helper of helpers) {
    // Callers in the helper's own file; a `return` site already lists them in its usage.
    if (helper.placement.site.usage.position === 'return') continue;
    const binding = functionBinding(helper.helper, helper.entry.parsed.scopeManager);
    for (const { call } of binding ? usesAsCallee(binding.variable) : []) {
      if (call) helper.callers.push({ entry: helper.entry, usage: clientUsage(call, helper.entry.parsed.scopeManager) });
    }
  }
  for (const path of new Set([...listed, ...(options.otherFiles ?? [])])) {
    const text = byPath.get(path)?.file.source ?? (listed.has(path) ? undefined : options.readFile(path));
    if (text === undefined || !helpers.some((helper) => helper.entry.file.path !== path && text.includes(helper.name))) continue;
    let entry = byPath.get(path);
    if (!entry) {
      try {
        const plan = helpers.find((helper) => owningPackageRoot(path, options.root, options.readFile) === helper.entry.plan?.owner.root)?.entry.plan;
        entry = { file: { path, source: text }, parsed: parseFile(path, text), plan, placements: [], callerCleanups: [], chainedConnects: [] };
      } catch (error) {
        result.errors.push({ file: rel(path), message: describeParseError(error) });
        continue;
      }
      analysed.push(entry);
      byPath.set(path, entry);
    }
    for (const helper of helpers) {
      if (helper.entry === entry) continue;
      const unresolved = unresolvedImportOf(entry, helper.name, resolveImport);
      if (unresolved) helper.unresolvedCaller ??= `${rel(path)} imports \`${helper.name}\` from '${unresolved}', which the codemod cannot resolve, so it cannot follow what that caller does with the client`;
      for (const call of importedHelperCalls(entry, helper.entry.file.path, helper.name, resolveImport)) {
        entry.plan ??= helper.entry.plan;
        helper.callers.push({ entry, usage: clientUsage(call, entry.parsed.scopeManager) });
      }
    }
  }
  for (const helper of helpers) {
    const blocked = helper.callers
      .map((caller) => ({ caller, problem: caller.usage.problem ?? handsClientOn(caller.usage) ?? listenerOnReturnedClient(caller.usage) }))
      .find(({ problem }) => problem !== undefined);
    const connectsLater = blocked || helper.unresolvedCaller ? undefined : callerConnectingLater(helper);
    if (blocked || helper.unresolvedCaller || connectsLater) {
      const reason = blocked
        ? `its caller in ${rel(blocked.caller.entry.file.path)} cannot share a connection: it ${blocked.problem!.replace(/^it /, '')}`
        : connectsLater
          ? `callers connect the client later than they get it (${rel(connectsLater.file)}:${connectsLater.line}): the shared client would connect earlier, outside that code's error handling`
          : `it returns the client to callers, and ${helper.unresolvedCaller!}`;
      skipPlacement(helper.entry, helper.placement, reason, result, rel);
      continue;
    }
    if (placementConnects(helper.placement)) {
      const ownFile = helper.placement.site.usage.position === 'return' ? helper.placement.site.usage.callers.map((usage) => ({ entry: helper.entry, usage })) : [];
      for (const caller of [...ownFile, ...helper.callers]) {
        const chained = chainedConnect(caller.usage);
        if (chained) caller.entry.chainedConnects.push(chained);
      }
    }
    for (const caller of helper.callers) {
      // The end of a one-shot script closes the client so the process can exit: that close stays.
      if (callRunsOnce(caller.usage.value, (fn) => callsOf(fn, caller.entry))) continue;
      const statements = [...caller.usage.cleanups, ...caller.usage.connects].filter((statement) => !isShutdownCode(statement, helper.placement.site));
      if (caller.entry === helper.entry) helper.placement.lifecycle.push(...statements);
      else caller.entry.callerCleanups.push(...statements);
    }
  }
}

/** The rewritten site hands out a client that is already connected (a node-redis getter awaits its connection). */
function placementConnects(placement: Placement): boolean {
  return placement.shared?.access === 'await' || placement.connection !== undefined;
}

/** Where a caller of a helper that now connects for it connects later than it gets the client, if anywhere. */
function callerConnectingLater(helper: { entry: AnalysedFile; placement: Placement; callers: readonly { entry: AnalysedFile; usage: ClientUsage }[] }): { file: string; line: number } | undefined {
  if (!placementConnects(helper.placement)) return undefined;
  // A `return` site lists the callers in its own file in its usage; the others are the helper's callers.
  const ownFile = helper.placement.site.usage.position === 'return' ? helper.placement.site.usage.callers.map((usage) => ({ entry: helper.entry, usage })) : [];
  for (const caller of [...ownFile, ...helper.callers]) {
    const connect = connectLaterThanCall(caller.usage);
    if (connect) return { file: caller.entry.file.path, line: connect.loc.start.line };
  }
  return undefined;
}

/** The uses of a function's name in its file, or undefined when it has none to follow. */
function callsOf(fn: FunctionNode, entry: AnalysedFile): Node[] | undefined {
  const binding = functionBinding(fn, entry.parsed.scopeManager);
  if (!binding || binding.exportName) return undefined;
  return usesAsCallee(binding.variable).map(({ use }) => use);
}

type ResolveImport = (fromFile: string, specifier: string) => Resolution;

/**
 * The expressions in `entry` that stand for the export `name` of the module its import `declared` names: the binding
 * itself (`import { getClient }`), or `cache.getClient` on a module object (`import * as cache`, `require('./cache')`).
 */
function usesOfExport(entry: AnalysedFile, declared: DeclaredImport, name: string): Node[] {
  const moduleObject = declared.imported === '*' || declared.imported === 'default';
  if (declared.imported !== name && !moduleObject) return [];
  const variable = declaredVariable(entry.parsed.scopeManager, declared.local);
  return (variable ? usesAsCallee(variable) : []).flatMap(({ use }) => {
    if (declared.imported === name) return [use];
    const member = use.parent;
    return member?.type === 'MemberExpression' && member.object === use && propertyName(member) === name ? [outermostTransparent(member)] : [];
  });
}

/** The specifier of an import that brings in `name` and that the project model cannot resolve. */
function unresolvedImportOf(entry: AnalysedFile, name: string, resolveImport: ResolveImport): string | undefined {
  for (const declared of declaredImports(entry.parsed.program)) {
    if (usesOfExport(entry, declared, name).length > 0 && resolveImport(entry.file.path, declared.specifier).kind === 'unresolved') return declared.specifier;
  }
  return undefined;
}

/** Calls, in `entry`, of `name` imported from the module at `helperPath`, however the import names that module. */
function importedHelperCalls(entry: AnalysedFile, helperPath: string, name: string, resolveImport: ResolveImport): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const declared of declaredImports(entry.parsed.program)) {
    const resolution = resolveImport(entry.file.path, declared.specifier);
    if (resolution.kind !== 'source' || resolution.path !== helperPath) continue;
    for (const use of usesOfExport(entry, declared, name)) {
      if (use.parent?.type === 'CallExpression' && use.parent.callee === use) calls.push(use.parent);
    }
  }
  return calls;
}

function writeIfParses(path: string, output: string, before: string | undefined, result: CodemodResult, rel: Relative): boolean {
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

/** A CRLF file stays CRLF: the lines the rewrite inserts take the file's own line ending. */
function keepLineEndings(before: string, output: string): string {
  const crlf = before.includes('\r\n') && !/(^|[^\r])\n/.test(before);
  return crlf ? output.replace(/\r?\n/g, '\r\n') : output;
}
