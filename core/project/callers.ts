import type { TSESTree } from '@typescript-eslint/types';
import { analyseConstructions, importedUseExecutions, type AnalysedConstruction } from '../analyze.js';
import type { AnalysisOptions, Node } from '../types.js';
import type { DeferredExport, Execution } from '../run-once.js';
import { parseFile, type ParsedFile } from './parse.js';
import { specifiersIn, type FileSource, type ProjectModel } from './project-model.js';

/** `export { a as b } from './x'` (names: a → b) or `export * from './x'`. */
interface Reexport {
  from: string;
  names: ReadonlyMap<string, string> | '*';
}

/** What an importer does with a module's exports: the connections it opens through them, what it re-exports. */
interface ImporterAnalysis {
  constructions: AnalysedConstruction[];
  reexports: Reexport[];
  parsed?: ParsedFile;
}

/** How deep the chain of exports may go (a route calls a helper that calls a factory…) before it stops proving anything. */
const MAX_CALLER_DEPTH = 4;

/**
 * The other direction of the project model, for `redis-singleton fix` and `check`, which see every file: who
 * imports a module, and how often each of its exports runs given every call of it in those importers. An export
 * runs per call when any importer calls it per call; once when every call runs once, or when nothing calls it.
 */
export class ProjectCallers {
  private importersIndex: Map<string, string[]> | undefined;
  private readonly analyses = new Map<string, ImporterAnalysis>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly model: ProjectModel,
    /** Every source file of the project, analysed or not: any of them may call an export. */
    private readonly projectFiles: readonly string[],
    private readonly files: FileSource,
  ) {}

  /** The `callers` answer for the analysis of `file`. */
  callersFor(file: string): NonNullable<AnalysisOptions['callers']> {
    return (deferred) => this.exportExecution(file, deferred);
  }

  importersOf(file: string): readonly string[] {
    return this.index().get(file) ?? [];
  }

  private exportExecution(file: string, deferred: DeferredExport): Execution {
    const key = `${file}#${deferred.name}`;
    // An import cycle, or a chain longer than we follow: not proven to run per call.
    if (this.inProgress.has(key) || this.inProgress.size >= MAX_CALLER_DEPTH) return { runsOnce: true };
    this.inProgress.add(key);
    try {
      for (const importer of this.importersOf(file)) {
        const { constructions, reexports } = this.analysis(importer);
        for (const construction of constructions) {
          if (construction.via?.file !== file || construction.via.name !== deferred.name) continue;
          if (!construction.execution.runsOnce) return construction.execution;
        }
        // `router.get('/', visits)`: a handler registered, called or exported again by reference.
        const perCall = this.useExecutions(importer, { file, name: deferred.name }).find((execution) => !execution.runsOnce);
        if (perCall) return perCall;
        // A barrel (`export { x } from './x'`): its importers are this export's callers too.
        for (const reexport of reexports) {
          if (reexport.from !== file) continue;
          const name = reexport.names === '*' ? deferred.name : reexport.names.get(deferred.name);
          if (name === undefined) continue;
          const execution = this.exportExecution(importer, { ...deferred, name });
          if (!execution.runsOnce) return execution;
        }
      }
      return { runsOnce: true };
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** How often an export runs through an importer's uses of it that open no connection there themselves. */
  private useExecutions(importer: string, target: { file: string; name: string }): Execution[] {
    const { constructions, parsed } = this.analysis(importer);
    if (!parsed) return [];
    const sites = new Set<Node>(constructions.map((construction) => construction.node));
    const options: AnalysisOptions = { ...this.model.settings, filename: importer, callers: this.callersFor(importer) };
    const resolve = (specifier: string): string | undefined => {
      const resolution = this.model.resolve(importer, specifier);
      return resolution.kind === 'source' ? resolution.path : undefined;
    };
    return importedUseExecutions(parsed.program, parsed.scopeManager, options, resolve, target, this.model, (call) => sites.has(call));
  }

  /** The constructions of an importer (its own exports decided by their callers in turn) and what it re-exports. */
  private analysis(file: string): ImporterAnalysis {
    const cached = this.analyses.get(file);
    if (cached) return cached;
    const analysis: ImporterAnalysis = { constructions: [], reexports: [] };
    const source = this.files.read(file);
    if (source) {
      try {
        const parsed = parseFile(file, source.text);
        const { program, scopeManager } = parsed;
        const options: AnalysisOptions = { ...this.model.settings, filename: file, callers: this.callersFor(file) };
        analysis.parsed = parsed;
        analysis.constructions = analyseConstructions(program, scopeManager, source.text, options, this.model).constructions;
        analysis.reexports = this.reexportsOf(file, program);
      } catch {
        // An importer that does not parse calls nothing we can see.
      }
    }
    // Answers computed while a cycle was open may be incomplete; keep only the settled ones.
    if (this.inProgress.size <= 1) this.analyses.set(file, analysis);
    return analysis;
  }

  private reexportsOf(file: string, program: TSESTree.Program): Reexport[] {
    const reexports: Reexport[] = [];
    for (const statement of program.body) {
      if ((statement.type !== 'ExportNamedDeclaration' && statement.type !== 'ExportAllDeclaration') || !statement.source) continue;
      const resolution = this.model.resolve(file, statement.source.value);
      if (resolution.kind !== 'source') continue;
      if (statement.type === 'ExportAllDeclaration') {
        if (!statement.exported) reexports.push({ from: resolution.path, names: '*' });
        continue;
      }
      const names = new Map<string, string>();
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === 'Identifier' ? specifier.local.name : specifier.local.value;
        names.set(local, specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value);
      }
      reexports.push({ from: resolution.path, names });
    }
    return reexports;
  }

  /** Importers by imported file, from every project file's import specifiers. */
  private index(): Map<string, string[]> {
    if (this.importersIndex) return this.importersIndex;
    const index = new Map<string, string[]>();
    for (const file of this.projectFiles) {
      const source = this.files.read(file);
      if (!source) continue;
      for (const specifier of new Set(specifiersIn(source.text))) {
        const resolution = this.model.resolve(file, specifier);
        if (resolution.kind !== 'source' || resolution.path === file) continue;
        const importers = index.get(resolution.path) ?? [];
        if (!importers.includes(file)) importers.push(file);
        index.set(resolution.path, importers);
      }
    }
    this.importersIndex = index;
    return index;
  }
}

/** Files held in memory (the codemod's inputs), with the rest read through `readFile`; one version for the whole run. */
export function memoryFiles(texts: ReadonlyMap<string, string>, readFile: (file: string) => string | undefined): FileSource {
  const read = new Map<string, string | undefined>();
  const text = (file: string): string | undefined => {
    if (texts.has(file)) return texts.get(file);
    if (!read.has(file)) read.set(file, readFile(file));
    return read.get(file);
  };
  return {
    version: (file) => (text(file) === undefined ? undefined : 0),
    read: (file) => {
      const value = text(file);
      return value === undefined ? undefined : { text: value, version: 0 };
    },
  };
}
