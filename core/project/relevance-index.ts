import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/types';
import { mentionsClientModule } from '../analyze.js';
import type { ClientSource } from '../types.js';
import { DECLARATION_FILE, notePackageRoot, packageRootOf, readJson, SOURCE_FILE } from './resolution.js';

/** A tree larger than this is not indexed: every import of it is resolved, as for a file outside any index. */
export const MAX_INDEXED_FILES = 20_000;
/** Files changed outside the editor (a checkout, generated code) are seen after at most this long. */
export const INDEX_REFRESH_MS = 300_000;
/** A linted file the listing does not hold was created since: the tree is listed again, at most this often. */
const NEW_FILE_RELIST_MS = 5_000;
/**
 * A file an import may reach has its modification time checked again after this long, so an import written in
 * every file costs a few stats a run, not one per file. An edit in the editor does not wait: linting the edited
 * file hands its buffer to the index (`note`). Only a change made outside the editor is seen this much later.
 */
export const REVALIDATE_MS = 5_000;
const COARSE_MTIME_MS = 2_000;
/**
 * Whether a file has been linted a second time (an editor, or `--fix` passes): from then on, what was read is checked
 * against the disk every few seconds. Before that, in a lint run that reads each file once, a file's text and a
 * folder's entries are read once, as ESLint reads them. One per project model, shared by its indexes.
 */
export interface LintPass {
  session: boolean;
}

/** The version of an entry read from an editor's buffer: the disk does not replace it. */
const BUFFER = -1;
/** The version of an entry taken from a file linted in a lint run's first pass: the disk replaces it when it is checked. */
const LINTED = -2;
const SEPARATOR = path.sep.charCodeAt(0);

const SPECIFIER = /\bfrom\s*(['"])([^'"\n]+)\1|\brequire\s*\(\s*(['"])([^'"\n]+)\3\s*\)|\bimport\s*\(\s*(['"])([^'"\n]+)\5\s*\)/g;

/** The module specifiers a file's text imports, requires or loads, found without parsing it. */
export function* specifiersIn(text: string): Generator<string> {
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2] ?? match[4] ?? match[6];
    if (specifier !== undefined && !specifier.startsWith('node:')) yield specifier;
  }
}

/** One pass over the text says whether it has a `require()` or `import()` at all. */
const DYNAMIC_LOAD = /\b(?:require|import)\s*\(/;
const CALLED_SPECIFIER = /\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)|\bimport\s*\(\s*(['"])([^'"\n]+)\3\s*\)/g;

/**
 * The module specifiers of a file ESLint has parsed: its import and re-export declarations from the syntax tree,
 * and `require()` / `import()` from the text only when it holds one, so most files cost no scan of their text.
 */
export function specifiersOfProgram(program: TSESTree.Program, text: string): string[] {
  const specifiers: string[] = [];
  const add = (specifier: unknown): void => {
    if (typeof specifier === 'string' && !specifier.startsWith('node:')) specifiers.push(specifier);
  };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration') add(statement.source.value);
    else if (statement.type === 'ExportNamedDeclaration') add(statement.source?.value);
    else if (statement.type === 'TSImportEqualsDeclaration' && statement.moduleReference.type === 'TSExternalModuleReference') add((statement.moduleReference.expression as { value?: unknown }).value);
  }
  if (DYNAMIC_LOAD.test(text)) {
    for (const match of text.matchAll(CALLED_SPECIFIER)) add(match[2] ?? match[4]);
  }
  return specifiers;
}

interface IndexedFile {
  version: number;
  /** When its modification time was last compared with the disk's. */
  checkedAt: number;
  mentions: boolean;
  /** What it imports (`./lib/redis.js`, `@/lib/cache`), each once. */
  imports: readonly string[];
}

/**
 * Which modules of a source tree can matter for Redis connections, known by the names an import reaches them by.
 * An import ends in its module's file name (`@/lib/redis` → `redis.ts`) or, for an `index` file, its folder's name
 * (or, across a workspace, its package's name). So an import whose name no file of the tree has, or whose files
 * name no client module and import nothing that does, cannot reach a client: the analysis turns it away without
 * resolving it. The tree's folders are listed once; a file is read the first time an import names it.
 */
export class RelevanceIndex {
  /** Source files of the tree by the names an import can reach them by. */
  private readonly named = new Map<string, string[]>();
  private readonly entries = new Map<string, IndexedFile>();
  /** `file\0depth` → whether the file reaches a client module within the remaining depth. */
  private readonly reaches = new Map<string, boolean>();
  private readonly listed = new Set<string>();
  /** Folders' modification times, as last read, for imports of names the listing lacks. */
  private readonly folders = new Map<string, { modified: number; at: number }>();
  /** Import names (`cache`, `db`) → whether a listed file known by that name reaches a client, at this generation. */
  private readonly nameReaches = new Map<string, boolean>();
  /** In a tree of one package: a package or alias import (`zod`, `next/server`) → whether it led to a client. */
  private readonly packageImports = new Map<string, boolean>();
  /** The packages whose folders the listing saw. */
  private readonly packages = new Set<string | undefined>();
  private fileCount = 0;
  private listedAt = 0;
  /** Counts the changes to what the index knows: an answer given at one generation holds until the next. */
  generation = 0;

  private constructor(
    readonly root: string,
    private readonly sources: readonly ClientSource[],
    private readonly maxDepth: number,
    private readonly pass: LintPass,
  ) {}

  /** The index of a tree, or undefined when the tree is too large to list. */
  static build(root: string, sources: readonly ClientSource[], maxDepth: number, pass: LintPass = { session: false }): RelevanceIndex | undefined {
    const index = new RelevanceIndex(root, sources, maxDepth, pass);
    return index.list() ? index : undefined;
  }

  /** How many source files the tree holds. */
  get size(): number {
    return this.fileCount;
  }

  /** Whether an import written in `fromFile` may lead to a module that builds or hands out a client. */
  mayReach(fromFile: string, specifier: string): boolean {
    // `./x` stays in the folder of a file of the tree; `../x` may leave the tree, where the index knows nothing.
    if (specifier.startsWith('..') && !isWithin(this.root, path.resolve(path.dirname(fromFile), specifier))) return true;
    // `#redis` (package `imports`) names its target in package.json, not in the path.
    if (specifier.startsWith('#')) return true;
    const name = reachedName(fromFile, specifier);
    if (name === undefined) return true;
    this.listIfDue();
    const files = this.filesReachedBy(fromFile, specifier, name);
    // A name the listing lacks may be a module created since: resolving the import decides, unless the import is
    // relative and the folder it points into has not changed since the listing (a new file changes its folder).
    if (files.length === 0) return !specifier.startsWith('.') || this.folderChangedSinceListing(path.dirname(path.resolve(path.dirname(fromFile), specifier)));
    // The files an import may reach are checked against the disk each time; what they import in turn, when they change.
    for (const file of files) this.validate(file);
    return files.some((file) => this.fileReaches(file, 1));
  }

  /**
   * Whether an import surely cannot reach a client, known from its name alone: every listed file that name can load
   * neither names a client module nor imports one that does (within the depth). Only a lint run's first pass asks;
   * undefined answers go the precise way (`mayReach`), as does every import in an editor session.
   */
  cannotReach(fromFile: string, specifier: string): boolean {
    const first = specifier.charCodeAt(0);
    if (first !== 46 /* . */ && first !== 47 /* / */ && this.packages.size === 1) {
      const led = this.packageImports.get(specifier);
      if (led !== undefined) return !led;
    }
    // `#redis` names its target in package.json; `../x` may leave the tree, where the index knows nothing.
    if (first === 35 /* # */ || (first === 46 /* . */ && specifier.startsWith('..') && !this.staysWithin(fromFile, specifier))) return false;
    const name = importedName(specifier);
    if (name === undefined) return false;
    let reaches = this.nameReaches.get(name);
    if (reaches === undefined) {
      const files = this.named.get(name);
      // A name no listed file has: a package, or a module the listing lacks; the precise way decides.
      if (files === undefined) return false;
      reaches = files.some((file) => this.fileReaches(file, 1));
      this.nameReaches.set(name, reaches);
    }
    return !reaches;
  }

  /**
   * What a package or alias import led to, found the precise way: in a tree of one package every file resolves it
   * alike, so the next file's import of it is turned away before its package root is looked up.
   */
  notePackageImport(specifier: string, led: boolean): void {
    if (this.packages.size === 1) this.packageImports.set(specifier, led);
  }

  /** Whether `../` steps from a file of the tree stay inside it, counted without resolving the path. */
  private staysWithin(fromFile: string, specifier: string): boolean {
    if (!fromFile.startsWith(this.root) || fromFile.includes(`${path.sep}..`)) return false;
    let ups = 0;
    let at = 0;
    while (specifier.startsWith('../', at)) {
      ups++;
      at += 3;
    }
    // `a/../..` or a bare `..`: resolve the precise way.
    if (specifier.includes('..', at)) return false;
    let depth = 0;
    for (let index = this.root.length + 1; index < fromFile.length; index++) if (fromFile.charCodeAt(index) === SEPARATOR) depth++;
    return ups <= depth;
  }

  /**
   * The listed files an import may load: for a relative import, the file it points at (any source extension, or
   * the folder's index file); for an alias or a package, every file its name can reach.
   */
  private filesReachedBy(fromFile: string, specifier: string, name: string): readonly string[] {
    const files = this.named.get(name) ?? [];
    if (!specifier.startsWith('.') || files.length === 0) return files;
    const target = path.resolve(path.dirname(fromFile), specifier);
    const stem = SOURCE_FILE.test(target) ? target.replace(SOURCE_FILE, '') : target;
    const index = `${stem}${path.sep}index`;
    return files.filter((file) => {
      const own = file.replace(SOURCE_FILE, '');
      return own === stem || own === index;
    });
  }

  /** Whether a folder has gained or lost an entry since the tree was listed; a folder that does not exist has not. */
  private folderChangedSinceListing(folder: string): boolean {
    const now = Date.now();
    let checked = this.folders.get(folder);
    if (!checked || (this.pass.session && now - checked.at >= REVALIDATE_MS)) {
      let modified: number;
      try {
        modified = statSync(folder).mtimeMs;
      } catch {
        modified = -1;
      }
      checked = { modified, at: now };
      this.folders.set(folder, checked);
    }
    // The listing read the folder after it last changed: whatever it holds now, the listing saw. File systems that
    // keep times to the second (or two) may date a change just after the listing before it: those count as changed.
    return checked.modified >= this.listedAt - COARSE_MTIME_MS;
  }

  /** Every answer built on the entries is rebuilt; answers kept outside the index compare `generation`. */
  private forgetAnswers(): void {
    this.reaches.clear();
    this.nameReaches.clear();
    this.packageImports.clear();
    this.generation++;
  }

  /** Forgets a file's entry, and every answer built on the entries, when the file changed on disk. */
  private validate(file: string): void {
    if (!this.pass.session) return;
    const entry = this.entries.get(file);
    if (!entry || entry.version === BUFFER) return;
    const now = Date.now();
    if (now - entry.checkedAt < REVALIDATE_MS) return;
    entry.checkedAt = now;
    let version: number | undefined;
    try {
      version = statSync(file).mtimeMs;
    } catch {
      version = undefined;
    }
    if (version === entry.version) return;
    this.entries.delete(file);
    this.forgetAnswers();
  }

  /**
   * The linted file's text is newer than the disk's (an editor buffer): an entry read before follows it, and a
   * file the listing lacks (just created) has the tree listed again. In a lint run's first pass the text becomes the
   * file's entry; `mentions` is whether it names a client module, when the caller has looked already.
   */
  note(file: string, text: string, specifiers?: readonly string[], mentions?: boolean): void {
    const listed = this.listed.has(file);
    if (!listed && SOURCE_FILE.test(file) && isWithin(this.root, file) && Date.now() - this.listedAt >= NEW_FILE_RELIST_MS) this.relist();
    const previous = this.entries.get(file);
    if (!previous) {
      // The first pass reads each file once: the linted text serves an import of it later in the run, and is checked
      // against the disk like a read file once an editor session begins.
      if (!this.pass.session && listed) this.entries.set(file, this.entryFor(LINTED, text, specifiers, mentions));
      return;
    }
    const entry = this.entryFor(BUFFER, text, specifiers);
    if (previous.mentions === entry.mentions && previous.imports.join('\0') === entry.imports.join('\0')) return;
    this.entries.set(file, entry);
    this.forgetAnswers();
  }

  /** Files of the tree whose imports end in one of `names`: the files that may import a module known by them. */
  filesImporting(names: readonly string[]): string[] {
    this.listIfDue();
    const found: string[] = [];
    const imports = (file: string): boolean => this.entry(file, false)?.imports.some((specifier) => names.includes(reachedName(file, specifier) ?? '')) ?? false;
    // Every file is read once; only those that seem to import it are checked against the disk again.
    for (const file of this.listed) if (imports(file) && (this.validate(file), imports(file))) found.push(file);
    return found;
  }

  /** Whether an import a read file holds reaches a client within the remaining depth. */
  private importReaches(fromFile: string, specifier: string, depth: number): boolean {
    // A relative import that leaves the tree reaches what the index cannot see: it may matter.
    if (specifier.startsWith('..') && !isWithin(this.root, path.resolve(path.dirname(fromFile), specifier))) return true;
    const name = reachedName(fromFile, specifier);
    return name === undefined || this.filesReachedBy(fromFile, specifier, name).some((file) => this.fileReaches(file, depth));
  }

  private fileReaches(file: string, depth: number): boolean {
    const key = `${file}\0${depth}`;
    const known = this.reaches.get(key);
    if (known !== undefined) return known;
    // Settled false while it is asked about, so an import cycle ends.
    this.reaches.set(key, false);
    const entry = this.entry(file);
    const reaches = entry !== undefined && (entry.mentions || (depth < this.maxDepth && entry.imports.some((specifier) => this.importReaches(file, specifier, depth + 1))));
    this.reaches.set(key, reaches);
    return reaches;
  }

  private entry(file: string, validate = true): IndexedFile | undefined {
    if (validate) this.validate(file);
    let entry = this.entries.get(file);
    if (!entry) {
      try {
        entry = this.entryFor(statSync(file).mtimeMs, readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
      this.entries.set(file, entry);
    }
    return entry;
  }

  private entryFor(version: number, text: string, specifiers: Iterable<string> = specifiersIn(text), mentions = mentionsClientModule(text, this.sources)): IndexedFile {
    const imports = new Set<string>();
    for (const specifier of specifiers) imports.add(specifier);
    return { version, checkedAt: Date.now(), mentions, imports: [...imports] };
  }

  private listIfDue(): void {
    if (Date.now() - this.listedAt >= INDEX_REFRESH_MS) this.relist();
  }

  private relist(): void {
    this.list();
    // Files read before are read again when they changed since.
    for (const [file, entry] of this.entries) {
      let version: number | undefined;
      try {
        version = statSync(file).mtimeMs;
      } catch {
        version = undefined;
      }
      if (version !== entry.version) this.entries.delete(file);
    }
    this.forgetAnswers();
  }

  /** Files are known by the names an import can reach them by: their own, their folder's for an `index` file, their package's. */
  private name(name: string, file: string): void {
    const files = this.named.get(name);
    if (files) files.push(file);
    else this.named.set(name, [file]);
  }

  /** Lists the tree's source files by name; false when it holds more than the index takes. */
  private list(): boolean {
    this.named.clear();
    this.listed.clear();
    this.packages.clear();
    this.fileCount = 0;
    // Each folder's package is known from its parent's and its own entries: no folder is asked for a package.json.
    const visit = (directory: string, parentPackage: string | undefined): boolean => {
      let entries;
      try {
        entries = readdirSync(directory, { withFileTypes: true });
      } catch {
        return true;
      }
      const ownPackage = entries.some((entry) => entry.name === 'package.json' && !entry.isDirectory()) ? directory : parentPackage;
      notePackageRoot(directory, ownPackage);
      this.packages.add(ownPackage);
      const prefix = directory.endsWith(path.sep) ? directory : `${directory}${path.sep}`;
      // Names every file of the folder shares: its package's (in a workspace), and the folder's for an index file.
      let shared: { packageName?: string; folder: string } | undefined;
      for (const entry of entries) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const file = `${prefix}${entry.name}`;
        if (entry.isDirectory()) {
          if (!visit(file, ownPackage)) return false;
        } else if (SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
          if (++this.fileCount > MAX_INDEXED_FILES) return false;
          this.listed.add(file);
          shared ??= { packageName: ownPackage === undefined || ownPackage === this.root ? undefined : workspaceName(ownPackage), folder: path.basename(directory) };
          const own = entry.name.replace(SOURCE_FILE, '');
          this.name(own, file);
          if (own === 'index') this.name(shared.folder, file);
          if (shared.packageName !== undefined) this.name(shared.packageName, file);
        }
      }
      return true;
    };
    this.listedAt = Date.now();
    this.generation++;
    return visit(this.root, packageRootOf(this.root));
  }
}

/** The name an import ends in, without a source extension; undefined for `.`, `..` and a trailing slash. */
export function importedName(specifier: string | undefined): string | undefined {
  if (specifier === undefined) return undefined;
  let last = specifier.slice(specifier.lastIndexOf('/') + 1);
  if (last.includes('.')) last = last.replace(SOURCE_FILE, '');
  return last === '' || last === '.' || last === '..' ? undefined : last;
}

/** The name a file an import loads is listed by: `../lib` loads `lib/index.ts`, listed by its folder's name. */
function reachedName(fromFile: string, specifier: string): string | undefined {
  return importedName(specifier) ?? (specifier.startsWith('.') ? path.basename(path.resolve(path.dirname(fromFile), specifier)) : undefined);
}

/** The name an import of a workspace package ends in (`@acme/db` → `db`). */
function workspaceName(packageRoot: string): string | undefined {
  const name = packageName(packageRoot);
  return name === undefined ? undefined : (importedName(name) ?? name);
}

const packageNames = new Map<string, string | undefined>();

function packageName(packageRoot: string): string | undefined {
  if (!packageNames.has(packageRoot)) {
    const name = readJson(path.join(packageRoot, 'package.json'))?.name;
    packageNames.set(packageRoot, typeof name === 'string' ? name : undefined);
  }
  return packageNames.get(packageRoot);
}

export function isWithin(root: string, file: string): boolean {
  // The common answer without path.relative: a normalised path below the root starts with it and a separator.
  if (file.length > root.length + 1 && file.startsWith(root) && (file[root.length] === path.sep || root.endsWith(path.sep)) && !file.includes(`${path.sep}..`)) return true;
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
