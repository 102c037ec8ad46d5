import { importedUseExecutions } from '../analyze.js';
import type { AnalysisOptions } from '../types.js';
import { parseFile, type ParsedFile } from './parse.js';
import { diskFiles, type ProjectModel } from './project-model.js';

/** Importers read for the rule, by path, as of their modification time. */
const parsedImporters = new WeakMap<ProjectModel, Map<string, { version: number; parsed: ParsedFile | undefined }>>();

function parsedImporter(model: ProjectModel, file: string): ParsedFile | undefined {
  let cache = parsedImporters.get(model);
  if (!cache) {
    cache = new Map();
    parsedImporters.set(model, cache);
  }
  // A stat says whether the importer changed; it is read and parsed again only then.
  const cached = cache.get(file);
  if (cached && cached.version === diskFiles.version(file)) return cached.parsed;
  const source = diskFiles.read(file);
  if (!source) return undefined;
  let parsed: ParsedFile | undefined;
  try {
    parsed = parseFile(file, source.text);
  } catch {
    // An importer that does not parse registers nothing we can see.
    parsed = undefined;
  }
  cache.set(file, { version: source.version, parsed });
  return parsed;
}

/**
 * The rule's answer for an exported function that builds a client and has no caller in its own file: the files of
 * the tree that import it, read for a use that runs it per request (`router.get('/', visits)` in a route file).
 * Calls of an export that opens a connection for its callers (a factory) are reported where they are made instead.
 */
export function referenceCallers(model: ProjectModel, file: string, cwd: string | undefined): NonNullable<AnalysisOptions['callers']> {
  return (deferred) => {
    const undecided = { runsOnce: true as const, decidedBy: [deferred] };
    if (deferred.kind !== 'function') return undecided;
    // Calls of an export that opens a connection for its callers are reported where they are made. Such an export
    // is read for in other files only if it could be a route callback registered there, which takes the request.
    const opensPerCall = model.summaryOf(file)?.exports.has(deferred.name) ?? false;
    if (opensPerCall && deferred.mayTakeRequest === false) return undecided;
    for (const importer of model.importersOf(file, cwd) ?? []) {
      const parsed = parsedImporter(model, importer);
      if (!parsed) continue;
      const resolve = (specifier: string): string | undefined => {
        const resolution = model.resolve(importer, specifier);
        return resolution.kind === 'source' ? resolution.path : undefined;
      };
      const options: AnalysisOptions = { ...model.settings, filename: importer };
      const executions = importedUseExecutions(parsed.program, parsed.scopeManager, options, resolve, { file, name: deferred.name }, model, () => opensPerCall);
      const perCall = executions.find((execution) => !execution.runsOnce);
      if (perCall) return perCall;
    }
    return undecided;
  };
}
