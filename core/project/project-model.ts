import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { analyseConstructions, mentionsClientModule } from '../analyze.js';
import { globalOwnerName, type HotReloadGuard } from '../hot-reload-guard.js';
import type { AnalysisOptions, ClientSource } from '../types.js';
import { clientApi, type ClientApi } from './client-api.js';
import { EMPTY_EXPORTS, type ModuleSummary } from './facts.js';
import type { ModuleLookup } from './imported-sites.js';
import { summariseExports, summariseWrappers } from './module-summary.js';
import { hotReloadingFramework, owningPackageRoot, readOwningPackage, type OwningPackage } from './owning-package.js';
import { parseFile, type ParsedFile } from './parse.js';
import { importedName, isWithin, RelevanceIndex, REVALIDATE_MS, specifiersIn, type LintPass } from './relevance-index.js';
import { ModuleResolver, packageRootOf, type Resolution } from './resolution.js';

/** Imports followed from the file being analysed: its own, their modules', and one level more. */
export const MAX_IMPORT_DEPTH = 3;

/** The text of a file and a version that changes when it does (its modification time). */
export interface FileSource {
  read(file: string): { text: string; version: number } | undefined;
  version(file: string): number | undefined;
}

export const diskFiles: FileSource = {
  version(file) {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
  },
  read(file) {
    try {
      const version = statSync(file).mtimeMs;
      return { text: readFileSync(file, 'utf8'), version };
    } catch {
      return undefined;
    }
  },
};

export type ProjectSettings = Omit<AnalysisOptions, 'filename' | 'callers'>;

export interface ProjectModelStats {
  /** Files the analysis read in full (they name a client module or import a module that builds one). */
  analysedFiles: number;
  /** Module summaries asked for. */
  lookups: number;
  /** Of those, answered from the cache. */
  hits: number;
  /** Modules read and summarised (parsed when their text can matter). */
  summarised: number;
  /** Of those, parsed by the model (the others were read from the tree ESLint built for the file being linted). */
  parsed: number;
  /** Files read to index their trees (the rule's models). */
  indexedFiles: number;
}

const CLIENT_MODULES = new Set(['ioredis', 'redis', '@redis/client']);

/**
 * What the project's modules export that matters for Redis connections, summarised once per file and
 * modification time, for as long as the process lives. Only modules whose text names a client module, or that
 * import such a module, are parsed; the rest cost a text scan and the resolution of their imports.
 */
export class ProjectModel implements ModuleLookup {
  readonly stats: ProjectModelStats = { analysedFiles: 0, lookups: 0, hits: 0, summarised: 0, parsed: 0, indexedFiles: 0 };
  private readonly summaries = new Map<string, { version: number; summary: ModuleSummary; relevant: boolean; wrappers?: ModuleSummary }>();
  private readonly inProgress = new Set<string>();
  private depth = 0;
  /** The file the rule is analysing, with the tree ESLint parsed it into. */
  private current: { file: string; text: string; parsed: ParsedFile } | undefined;

  /** Trees read whole to turn away files whose imports cannot reach a client (the rule's models only). */
  private readonly indexes = new Map<string, RelevanceIndex | undefined>();
  /** The path a relative import names, or `package\0specifier` → whether it reaches a client, as the index answered at a generation. */
  private readonly answers = new Map<string, { relevant: boolean; at: number; generation: number }>();
  /** Files the gate has answered for: one asked about again is being linted again, in an editor. */
  private readonly linted = new Set<string>();
  /** Whether a file has been linted twice: an editor session (or `--fix` passes), where answers expire. */
  private readonly pass: LintPass = { session: false };
  /** The folder of the last file asked about, and the index that answered: ESLint lints a folder's files in a row. */
  private lastIndexed: { directory: string; cwd: string | undefined; index: RelevanceIndex | undefined } | undefined;
  /** The file linted again whose imports are being resolved now: an import it names that did not resolve is tried again. */
  private relinted: string | undefined;
  /** Folder → the indexed tree that holds it. */
  private readonly indexedRoots = new Map<string, string>();
  /** Folder → the root of the package that owns it. */
  private readonly packageRoots = new Map<string, string>();
  /** Package root → what its manifest says, as of the manifest's version. */
  private readonly owningPackages = new Map<string, { owner: OwningPackage; manifest: number | undefined }>();
  /** `root\0module` → the client API installed there, as of the manifest's version. */
  private readonly clientApis = new Map<string, { manifest: number | undefined; api: ClientApi }>();

  constructor(
    readonly settings: ProjectSettings,
    private readonly files: FileSource = diskFiles,
    readonly resolver: ModuleResolver = new ModuleResolver(),
    private readonly indexTrees = false,
    /** No package above this folder owns a file, nor is its client read there (the codemod's root); unset for the rule. */
    private readonly scanRoot?: string,
  ) {}

  /** The client API installed for the package that owns `file`, read once per package and manifest version. */
  clientApiOf(file: string, module: string): ClientApi {
    const { root, owner, manifest } = this.owningPackageOf(file);
    const key = `${root}\0${module}`;
    const cached = this.clientApis.get(key);
    if (cached && cached.manifest === manifest) return cached.api;
    // Without a scan root (the rule), only the package's own node_modules count: a folder above it may be anything.
    const api = clientApi(owner, module, this.scanRoot ?? root, (target) => this.files.read(target)?.text);
    this.clientApis.set(key, { manifest, api });
    return api;
  }

  /** The globalThis guard a client kept in `file` needs, when its package's dev server re-evaluates modules in place. */
  hotReloadGuardOf(file: string): HotReloadGuard | undefined {
    const { root, owner } = this.owningPackageOf(file);
    const framework = hotReloadingFramework(owner);
    return framework === undefined ? undefined : { framework, owner: globalOwnerName(path.relative(root, file).split(path.sep).join('/')) };
  }

  /** The package that owns `file`, its manifest read once per version (a stat per question, as the rule asks often). */
  private owningPackageOf(file: string): { root: string; owner: OwningPackage; manifest: number | undefined } {
    const root = this.owningRootOf(file);
    const manifest = this.files.version(path.join(root, 'package.json'));
    const cached = this.owningPackages.get(root);
    if (cached && cached.manifest === manifest) return { root, ...cached };
    const owner = readOwningPackage(root, (target) => this.files.read(target)?.text);
    this.owningPackages.set(root, { owner, manifest });
    return { root, owner, manifest };
  }

  private owningRootOf(file: string): string {
    const folder = path.dirname(file);
    let root = this.packageRoots.get(folder);
    if (root === undefined) {
      // The rule reads the disk with no bound above: the resolver's record of package roots (filled in as the tree
      // is listed) answers without reading a manifest per folder on the way up.
      const onDisk = this.scanRoot === undefined && this.files === diskFiles ? packageRootOf(file) : undefined;
      root = onDisk ?? owningPackageRoot(file, this.scanRoot ?? path.parse(file).root, (target) => this.files.read(target)?.text);
      this.packageRoots.set(folder, root);
    }
    return root;
  }

  moduleAt(fromFile: string, specifier: string, withWrappers = false): ModuleSummary | undefined {
    if (CLIENT_MODULES.has(specifier) || this.isCustomSource(specifier) || this.depth >= MAX_IMPORT_DEPTH) return undefined;
    const resolution = this.resolve(fromFile, specifier);
    if (resolution.kind !== 'source') return undefined;
    return withWrappers ? this.wrappersOrSummaryOf(resolution.path) : this.summaryOf(resolution.path);
  }

  /** A module's summary; for one that names no client, the run-once wrappers it exports (parsed on first request). */
  private wrappersOrSummaryOf(file: string): ModuleSummary | undefined {
    const summary = this.summaryOf(file);
    const entry = this.summaries.get(file);
    if (!summary || !entry || entry.relevant) return summary;
    if (!entry.wrappers) {
      entry.wrappers = { file, exports: EMPTY_EXPORTS };
      this.depth++;
      try {
        const source = this.files.read(file);
        if (!source) return entry.wrappers;
        const { program, scopeManager } = parseFile(file, source.text);
        this.stats.parsed++;
        entry.wrappers = summariseWrappers(file, program, scopeManager, this);
      } catch {
        // Not parseable: no wrappers to report.
      } finally {
        this.depth--;
      }
    }
    return entry.wrappers;
  }

  resolve(fromFile: string, specifier: string): Resolution {
    return fromFile === this.relinted ? this.resolver.resolve(fromFile, specifier, true) : this.resolver.resolve(fromFile, specifier);
  }

  /** The summary of one module; undefined while it is being summarised (an import cycle) or when it cannot be read. */
  summaryOf(file: string): ModuleSummary | undefined {
    this.stats.lookups++;
    const version = this.files.version(file);
    if (version === undefined) return undefined;
    const cached = this.summaries.get(file);
    if (cached && cached.version === version) {
      this.stats.hits++;
      return cached.summary;
    }
    if (this.inProgress.has(file)) return undefined;
    const source = this.files.read(file);
    if (!source) return undefined;
    this.inProgress.add(file);
    this.depth++;
    try {
      const relevant = mentionsClientModule(source.text, this.settings.sources) || this.importsRelevantModule(file, source.text);
      const summary = relevant ? this.summarise(file, source.text) : { file, exports: EMPTY_EXPORTS };
      this.stats.summarised++;
      this.summaries.set(file, { version: source.version, summary, relevant });
      return summary;
    } finally {
      this.depth--;
      this.inProgress.delete(file);
    }
  }

  /**
   * Whether a file that names no client module still imports one that matters (so the analysis must read it).
   * `cwd` is the folder ESLint runs in: the tree whose index answers first, before any import is resolved.
   * `specifiers` are the file's imports when a syntax tree already lists them; else its text is scanned.
   */
  importsRelevantModule(file: string, text: string, cwd?: string, specifiers: readonly string[] = [...specifiersIn(text)]): boolean {
    const index = this.indexFor(file, cwd);
    const again = cwd !== undefined && this.noteLinted(file);
    // Only a file that names no client module is asked about: its text need not be searched for one again.
    index?.note(file, text, specifiers, false);
    // A lint run's first pass turns most imports away by their name alone, before any path is worked out.
    const pending = index && !this.pass.session ? specifiers.filter((specifier) => !index.cannotReach(file, specifier)) : specifiers;
    if (pending.length === 0) return false;
    const directory = path.dirname(file);
    const now = Date.now();
    let packageRoot: string | undefined;
    const outer = this.relinted;
    if (again) this.relinted = file;
    try {
      return pending.some((specifier) => {
        // The same import gets the same answer while the index has not changed (in an editor session, for a while): a
        // relative import of the same path, a package or alias import from the same package (which resolves it one way
        // throughout).
        const relative = specifier.startsWith('.') || specifier.startsWith('/');
        const key = relative ? path.resolve(directory, specifier) : `${(packageRoot ??= packageRootOf(file) ?? directory)}\0${specifier}`;
        const known = index && !again ? this.answers.get(key) : undefined;
        if (known && known.generation === index!.generation && (!this.pass.session || now - known.at < REVALIDATE_MS)) return known.relevant;
        const relevant = (!index || index.mayReach(file, specifier)) && (this.moduleAt(file, specifier)?.exports.size ?? 0) > 0;
        if (index) this.answers.set(key, { relevant, at: now, generation: index.generation });
        if (index && !relative && !this.pass.session) index.notePackageImport(specifier, relevant);
        return relevant;
      });
    } finally {
      this.relinted = outer;
    }
  }

  /**
   * A file the rule lints that names a client module: the index keeps its imports, so a file of the same run that
   * imports it does not read it from disk again.
   */
  noteLintedModule(file: string, text: string, cwd: string, specifiers: readonly string[]): void {
    this.noteLinted(file);
    this.indexFor(file, cwd)?.note(file, text, specifiers, true);
  }

  /** Records that `file` is being linted; true when it was linted before, which starts an editor session. */
  private noteLinted(file: string): boolean {
    if (!this.linted.has(file)) {
      this.linted.add(file);
      return false;
    }
    this.pass.session = true;
    return true;
  }

  /** Files of the linted tree that may import `file` (their imports end in its name); undefined without a tree index. */
  importersOf(file: string, cwd?: string): string[] | undefined {
    const index = this.indexFor(file, cwd);
    if (!index) return undefined;
    const base = importedName(path.basename(file)) ?? '';
    const names = base === 'index' ? [base, path.basename(path.dirname(file))] : [base];
    return index.filesImporting(names).filter((candidate) => candidate !== file);
  }

  /**
   * The index of the tree a file lies in: the folder ESLint runs in when the file is inside it, else an indexed
   * tree that holds it, else its package. Modules reached through imports use an index that already exists.
   */
  private indexFor(file: string, cwd: string | undefined): RelevanceIndex | undefined {
    if (!this.indexTrees) return undefined;
    const directory = path.dirname(file);
    const last = this.lastIndexed;
    if (last && last.directory === directory && last.cwd === cwd) return last.index;
    let indexed = this.indexedRoots.get(directory);
    if (indexed === undefined) {
      indexed = [...this.indexes.keys()].find((root) => isWithin(root, file)) ?? '';
      if (indexed !== '') this.indexedRoots.set(directory, indexed);
    }
    const root = cwd !== undefined && cwd === indexed
      ? cwd
      : cwd !== undefined && path.dirname(cwd) !== cwd && isWithin(cwd, file)
        ? cwd
        : indexed !== '' ? indexed : cwd === undefined ? undefined : packageRootOf(file);
    if (root === undefined) return undefined;
    if (!this.indexes.has(root)) {
      const index = RelevanceIndex.build(root, this.settings.sources, MAX_IMPORT_DEPTH, this.pass);
      this.stats.indexedFiles += index?.size ?? 0;
      this.indexes.set(root, index);
    }
    const index = this.indexes.get(root);
    this.lastIndexed = { directory, cwd, index };
    return index;
  }

  /**
   * Runs `analyse` while the rule analyses `file`, whose syntax tree ESLint has built: a summary of the same file
   * asked for meanwhile (for an export whose callers are in other files) is read from that tree, not parsed again.
   */
  analysing<T>(file: string, text: string, parsed: ParsedFile, analyse: () => T): T {
    const outer = this.current;
    this.current = { file, text, parsed };
    try {
      return analyse();
    } finally {
      this.current = outer;
    }
  }

  private summarise(file: string, text: string): ModuleSummary {
    try {
      // The text on disk is the text ESLint parsed (not an unsaved buffer): its tree serves.
      const linted = this.current?.file === file && this.current.text === text ? this.current.parsed : undefined;
      const { program, scopeManager } = linted ?? parseFile(file, text);
      if (!linted) this.stats.parsed++;
      const options: AnalysisOptions = { ...this.settings, filename: file };
      const { constructions, bindings } = analyseConstructions(program, scopeManager, text, options, this);
      return summariseExports(file, program, scopeManager, constructions, bindings, this);
    } catch {
      // A module that does not parse says nothing; its importers fall back to what they see themselves.
      return { file, exports: EMPTY_EXPORTS };
    }
  }

  private isCustomSource(specifier: string): boolean {
    return this.settings.sources.some((source: ClientSource) => source.module === specifier);
  }
}

export { specifiersIn } from './relevance-index.js';

/** One model per settings object: the rule's options are settled once per configuration, and so is the model. */
const models = new WeakMap<object, ProjectModel>();
const ruleModels: ProjectModel[] = [];

export function projectModelFor(settings: ProjectSettings): ProjectModel {
  let model = models.get(settings);
  if (!model) {
    model = new ProjectModel(settings, diskFiles, new ModuleResolver(), true);
    models.set(settings, model);
    ruleModels.push(model);
  }
  return model;
}

/** What the rule's project models have done in this process, added up: for the benchmark's report. */
export function ruleModelTotals(): ProjectModelStats {
  const totals: ProjectModelStats = { analysedFiles: 0, lookups: 0, hits: 0, summarised: 0, parsed: 0, indexedFiles: 0 };
  for (const model of ruleModels) {
    for (const key of Object.keys(totals) as (keyof ProjectModelStats)[]) totals[key] += model.stats[key];
  }
  return totals;
}

/**
 * A path as the user reads it in a message, with forward slashes: relative to the folder ESLint runs in, or when
 * that is the file system's root (an editor, a test runner), to the package of the file being linted.
 */
export function displayPath(file: string, cwd: string, linted: string): string {
  const within = (base: string | undefined): string | undefined => {
    if (base === undefined || path.dirname(base) === base) return undefined;
    const relative = path.relative(base, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
  };
  return (within(cwd) ?? within(packageRootOf(linted)) ?? file).split(path.sep).join('/');
}
