/**
 * The contract between the pure codemod engine (`runCodemod` in codemods/project.ts) and the
 * `redis-singleton` CLI, which owns every file-system effect: discovery, reading, writing,
 * git checks, printing.
 */

export interface SourceFile {
  /** Absolute path. */
  path: string;
  source: string;
}

export interface CodemodOptions {
  /** Absolute path of the project root (the folder that holds package.json / tsconfig.json). */
  root: string;
  /** Files to transform: only the ones whose text may contain a Redis client (see `mayContainRedisClient`). */
  files: SourceFile[];
  /** Shared module path relative to `root` (e.g. `src/lib/redis.ts`); detected when absent. */
  singleton?: string;
  /**
   * Reads a project file that is not in `files` (package.json, tsconfig.json, an existing shared
   * module, callers of helpers). Returns undefined when the file does not exist.
   */
  readFile: (absolutePath: string) => string | undefined;
  /**
   * Absolute paths of the other discovered source files (the ones the pre-filter left out). The engine reads
   * those that name a rewritten helper, to drop their per-call `quit()` on what the helper now returns.
   */
  otherFiles?: string[];
  /** Extra client sources, as the rule's `sources` option. */
  sources?: { module: string; exports?: string[]; like?: 'ioredis' | 'node-redis' }[];
  /** Lambda-style handler export names, as the rule's `handlerNames` option. */
  handlerNames?: string[];
  /** Functions that run their callback once, as the rule's `onceWrappers` option. */
  onceWrappers?: string[];
  /** Functions known to run once per process, as the rule's `allowInFunctions` option. */
  allowInFunctions?: string[];
  /** Absolute paths of files whose sites stay as they are, each with the reason the summary gives (`--verify`). */
  leftAsIs?: ReadonlyMap<string, string>;
}

export interface SkippedSite {
  /** Path relative to root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** The same reason the lint rule's message gives. */
  reason: string;
}

export interface FileError {
  file: string;
  message: string;
}

export interface ModuleAction {
  /** Path relative to root, with forward slashes. */
  path: string;
  action: 'created' | 'reused' | 'updated';
  /** Why a module was created beside the package's existing one rather than adding to it. */
  why?: string;
}

export interface CodemodResult {
  /** Absolute path → new full text, for every file to write (call sites and the shared module). */
  writes: Map<string, string>;
  /** Sites rewritten in the files of `writes`, moved to a shared module or within their own file. */
  sitesHoisted: number;
  /** Per written file (absolute path): how many sites it moved to a shared module and within itself. */
  sitesMoved: Map<string, SitesMoved>;
  sitesSkipped: SkippedSite[];
  modules: ModuleAction[];
  /** Files that could not be parsed, or whose output would not parse (never written). */
  errors: FileError[];
}

export interface SitesMoved {
  toSharedModule: number;
  withinFile: number;
}
