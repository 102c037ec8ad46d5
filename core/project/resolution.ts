import { ResolverFactory } from 'oxc-resolver';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where an import leads: a source file of the project, or nothing the analysis can read. */
export type Resolution = { kind: 'source'; path: string } | { kind: 'external' } | { kind: 'unresolved' };

const EXTERNAL: Resolution = { kind: 'external' };
const NO_PACKAGES: ReadonlyMap<string, string> = new Map();
const UNRESOLVED_RETRY_MS = 5_000;
const packageRoots = new Map<string, string | undefined>();

/** What a listing of the folder showed: its own package.json, or the package it lies in. */
export function notePackageRoot(directory: string, root: string | undefined): void {
  packageRoots.set(directory, root);
}

/** The folder of the nearest package.json above a file. */
export function packageRootOf(file: string): string | undefined {
  const directory = path.dirname(file);
  if (packageRoots.has(directory)) return packageRoots.get(directory);
  const parent = path.dirname(directory);
  const root = existsSync(path.join(directory, 'package.json')) ? directory : parent === directory ? undefined : packageRootOf(directory);
  packageRoots.set(directory, root);
  return root;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const RESOLVE_OPTIONS = {
  conditionNames: ['node', 'import', 'require', 'default'],
  extensions: [...SOURCE_EXTENSIONS, '.json'],
  extensionAlias: { '.js': ['.ts', '.tsx', '.js', '.jsx'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'], '.jsx': ['.tsx', '.jsx'] },
  mainFields: ['module', 'main'],
  builtinModules: true,
};
export const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
export const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * Resolves import specifiers as Node.js and TypeScript do — relative paths, `index` files, `.js` written for a
 * `.ts` file, tsconfig `paths`, package `exports` — through oxc-resolver, plus workspace packages of an npm, yarn
 * or pnpm monorepo whose links are not installed yet.
 */
export class ModuleResolver {
  private readonly resolver = new ResolverFactory({ tsconfig: 'auto', ...RESOLVE_OPTIONS });
  /** JavaScript projects keep `paths` in jsconfig.json, which tsconfig discovery does not read. */
  private readonly jsconfigResolvers = new Map<string, ResolverFactory>();
  private readonly jsconfigs = new Map<string, string | undefined>();
  private readonly workspaces = new Map<string, ReadonlyMap<string, string>>();

  private readonly resolutions = new Map<string, { resolution: Resolution; at: number; askedBy?: Set<string> }>();
  private readonly dependencies = new Map<string, ReadonlySet<string>>();

  /**
   * Memoised: a relative import depends only on its target, a package or alias import only on the package it is
   * written in. An import that does not resolve is asked again when the same file asks for it again a few seconds
   * later: an editor re-lints the file after the user creates the module, while a lint run, which reads each file
   * once, never pays for the same missing module twice.
   */
  resolve(fromFile: string, specifier: string, askedBefore = false): Resolution {
    const relative = specifier.startsWith('.') || specifier.startsWith('/');
    const packageRoot = relative ? undefined : packageRootOf(fromFile);
    if (packageRoot !== undefined && this.isInstalledDependency(packageRoot, specifier, path.dirname(fromFile))) return EXTERNAL;
    const key = relative ? path.resolve(path.dirname(fromFile), specifier) : `${packageRoot ?? ''}\0${specifier}`;
    const cached = this.resolutions.get(key);
    if (cached && !this.retries(cached, fromFile, askedBefore)) return cached.resolution;
    if (cached) {
      // oxc-resolver remembers what the file system held: forget it, or the new module stays invisible.
      this.resolver.clearCache();
      for (const resolver of this.jsconfigResolvers.values()) resolver.clearCache();
    }
    const resolution = this.resolveUncached(fromFile, specifier);
    this.resolutions.set(key, { resolution, at: Date.now(), askedBy: resolution.kind === 'unresolved' ? new Set([fromFile]) : undefined });
    return resolution;
  }

  private retries(cached: { resolution: Resolution; at: number; askedBy?: Set<string> }, fromFile: string, askedBefore: boolean): boolean {
    if (cached.resolution.kind !== 'unresolved') return false;
    cached.askedBy ??= new Set();
    if (!cached.askedBy.has(fromFile) && !askedBefore) {
      cached.askedBy.add(fromFile);
      return false;
    }
    return Date.now() - cached.at >= UNRESOLVED_RETRY_MS;
  }

  /** A package the nearest package.json depends on that is not a workspace package: always outside the project. */
  private isInstalledDependency(packageRoot: string, specifier: string, directory: string): boolean {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    let names = this.dependencies.get(packageRoot);
    if (!names) {
      const manifest = readJson(path.join(packageRoot, 'package.json'));
      names = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => Object.keys((manifest?.[field] as object | undefined) ?? {})));
      this.dependencies.set(packageRoot, names);
    }
    return names.has(name) && !this.workspacePackages(directory).has(name);
  }

  private resolveUncached(fromFile: string, specifier: string): Resolution {
    let resolved: string | undefined;
    try {
      const result = this.resolver.resolveFileSync(fromFile, specifier);
      resolved = result.path ?? (result.error === undefined ? undefined : (this.resolveWithJsconfig(fromFile, specifier) ?? this.resolveInWorkspace(fromFile, specifier)));
      if (result.builtin) return { kind: 'external' };
    } catch {
      return { kind: 'unresolved' };
    }
    if (resolved === undefined) return { kind: 'unresolved' };
    if (resolved.split(path.sep).includes('node_modules') || DECLARATION_FILE.test(resolved) || !SOURCE_FILE.test(resolved)) return { kind: 'external' };
    return { kind: 'source', path: resolved };
  }

  private resolveWithJsconfig(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
    const jsconfig = this.nearestJsconfig(path.dirname(fromFile));
    if (jsconfig === undefined) return undefined;
    let resolver = this.jsconfigResolvers.get(jsconfig);
    if (!resolver) {
      resolver = new ResolverFactory({ tsconfig: { configFile: jsconfig }, ...RESOLVE_OPTIONS });
      this.jsconfigResolvers.set(jsconfig, resolver);
    }
    return resolver.resolveFileSync(fromFile, specifier).path;
  }

  /** The nearest jsconfig.json above a folder, unless a tsconfig.json is nearer (then tsconfig discovery already read it). */
  private nearestJsconfig(directory: string): string | undefined {
    if (this.jsconfigs.has(directory)) return this.jsconfigs.get(directory);
    const parent = path.dirname(directory);
    const found = existsSync(path.join(directory, 'tsconfig.json'))
      ? undefined
      : existsSync(path.join(directory, 'jsconfig.json'))
        ? path.join(directory, 'jsconfig.json')
        : parent === directory
          ? undefined
          : this.nearestJsconfig(parent);
    this.jsconfigs.set(directory, found);
    return found;
  }

  /** `@acme/db` from a workspace package whose sibling's link is not in node_modules (nothing installed at the root). */
  private resolveInWorkspace(fromFile: string, specifier: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const packageDir = this.workspacePackages(path.dirname(fromFile)).get(name);
    if (packageDir === undefined) return undefined;
    const subpath = `.${specifier.slice(name.length)}`;
    const entry = packageEntry(packageDir, subpath);
    return entry === undefined ? undefined : this.resolver.sync(packageDir, entry).path;
  }

  /** Package name → folder for the nearest enclosing workspace root (`workspaces` in package.json). */
  private workspacePackages(directory: string): ReadonlyMap<string, string> {
    const cached = this.workspaces.get(directory);
    if (cached) return cached;
    // Only a folder with a package.json can declare workspaces: climb from package to package, not folder by folder.
    const packageRoot = packageRootOf(path.join(directory, 'package.json'));
    let packages: ReadonlyMap<string, string>;
    if (packageRoot === undefined) packages = NO_PACKAGES;
    else if (packageRoot !== directory) packages = this.workspacePackages(packageRoot);
    else {
      const patterns = workspacePatterns(directory);
      const parent = path.dirname(directory);
      packages = patterns ? packagesOf(directory, patterns) : parent === directory ? NO_PACKAGES : this.workspacePackages(parent);
    }
    this.workspaces.set(directory, packages);
    return packages;
  }
}

export function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const ENTRY_CONDITIONS = ['source', 'import', 'node', 'require', 'default'];

/**
 * The file a not-yet-linked workspace package serves for `subpath` (`.` or `./client`): its `exports` entry for
 * that subpath (a string, or the first of the conditions Node.js would try), else `main`, else the subpath itself.
 */
function packageEntry(packageDir: string, subpath: string): string | undefined {
  const manifest = readJson(path.join(packageDir, 'package.json'));
  const exports = manifest?.exports;
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      for (const condition of ENTRY_CONDITIONS) {
        const chosen = pick((target as Record<string, unknown>)[condition]);
        if (chosen !== undefined) return chosen;
      }
    }
    return undefined;
  };
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (exports && typeof exports === 'object') {
    const keyed = Object.keys(exports).some((key) => key.startsWith('.'));
    return pick(keyed ? (exports as Record<string, unknown>)[subpath] : subpath === '.' ? exports : undefined);
  }
  if (subpath === '.') return typeof manifest?.main === 'string' ? `./${manifest.main.replace(/^\.\//, '')}` : '.';
  return subpath;
}

function workspacePatterns(directory: string): string[] | undefined {
  const manifest = readJson(path.join(directory, 'package.json'));
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) return workspaces.filter((item): item is string => typeof item === 'string');
  const nested = (workspaces as { packages?: unknown } | undefined)?.packages;
  if (Array.isArray(nested)) return nested.filter((item): item is string => typeof item === 'string');
  return undefined;
}

/** Workspace globs as npm writes them: `packages/*`, `apps/**`, or a folder. */
function packagesOf(root: string, patterns: readonly string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const add = (folder: string): void => {
    const name = readJson(path.join(folder, 'package.json'))?.name;
    if (typeof name === 'string') packages.set(name, folder);
  };
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    const wildcard = pattern.match(/^(.*?)\/\*\*?$/);
    if (!wildcard) {
      add(path.join(root, pattern));
      continue;
    }
    const parent = path.join(root, wildcard[1]);
    let entries: string[] = [];
    try {
      entries = readdirSync(parent, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    } catch {
      continue;
    }
    for (const entry of entries) add(path.join(parent, entry));
  }
  return packages;
}
