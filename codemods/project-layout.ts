import { posix, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';
import { specifiersIn } from '../core/project/relevance-index.js';
import { hotReloadingFramework, type OwningPackage } from '../core/project/owning-package.js';

/** What a package's files say about where its shared module goes and how its call sites import it. */
export interface ProjectLayout {
  /** The owning package's folder. */
  root: string;
  /** Absolute path of the shared module. */
  sharedModule: string;
  typescript: boolean;
  /** ES modules (`import`) or CommonJS (`require`) for a JavaScript shared module. */
  esm: boolean;
  /** Import specifiers need an explicit `.js` suffix (NodeNext/Node16 resolution, or plain ESM JavaScript). */
  explicitExtension: boolean;
  /** Relative imports name the TypeScript file itself (`../lib/redis.ts`): Deno, or tsconfig `allowImportingTsExtensions`. */
  tsExtension: boolean;
  /** A tsconfig `paths` alias that maps onto a folder: `@/` → `<root>/src/`. */
  alias?: { prefix: string; folder: string };
  /** The framework whose dev server re-evaluates modules, which calls for the globalThis guard. */
  hotReload?: string;
}

type ReadFile = (path: string) => string | undefined;

/**
 * Where the package's shared module goes: inside the tsconfig `rootDir` (or the folder `include` names, or `src/`
 * when the package keeps its code there), at `lib/redis.<ext>`, or an existing Redis module at that place
 * (`lib/redis.ts`, `lib/redis/index.ts`); beside an existing `lib/redis/` folder it goes inside it, never shadowing it.
 */
export function detectLayout(
  owner: OwningPackage,
  sources: readonly { path: string; source: string }[],
  knownPaths: readonly string[],
  readFile: ReadFile,
  singleton: string | undefined,
): ProjectLayout {
  const root = owner.root;
  const files = sources.map((file) => file.path);
  const tsconfigPath = resolve(root, 'tsconfig.json');
  const tsconfig = readTsconfig(readFile, tsconfigPath);
  const typescript = tsconfig !== undefined || files.some((file) => /\.[cm]?tsx?$/.test(file));
  const moduleType = owner.manifest?.type === 'module';
  // A JavaScript package written with `import` (a bundler's, such as Next.js) gets an ES module too.
  const esm =
    typescript ||
    moduleType ||
    files.some((file) => file.endsWith('.mjs')) ||
    sources.some((file) => !file.path.endsWith('.cjs') && /^\s*(?:import\s[^(]|export\s)/m.test(file.source));
  const options = (tsconfig?.compilerOptions ?? {}) as Record<string, unknown>;
  const resolution = String(options.moduleResolution ?? options.module ?? '').toLowerCase();
  const explicitExtension = typescript ? resolution === 'nodenext' || resolution === 'node16' : moduleType;
  const runByDeno = ['deno.json', 'deno.jsonc'].some((name) => readFile(resolve(root, name)) !== undefined);
  const tsExtension = typescript && (options.allowImportingTsExtensions === true || runByDeno);
  const sharedModule = singleton ?? defaultSharedModule(sourceFolder(root, files, tsconfig), typescript, knownPaths, readFile);
  return { root, sharedModule, typescript, esm, explicitExtension, tsExtension, alias: pathAlias(options, tsconfigPath, sharedModule), hotReload: hotReloadingFramework(owner) };
}

/** The folder the compiler takes code from: `rootDir`, else the one folder `include` names, else `src/` when used. */
function sourceFolder(root: string, files: readonly string[], tsconfig: TsconfigJson | undefined): string {
  const rootDir = tsconfig?.compilerOptions?.rootDir;
  if (typeof rootDir === 'string') return resolve(root, rootDir);
  const folders = new Set((tsconfig?.include ?? []).map((pattern) => pattern.split('/')[0]).filter((first) => first !== '' && !first.includes('*') && !first.includes('.')));
  if (folders.size === 1 && (tsconfig?.include ?? []).every((pattern) => !pattern.startsWith('*'))) return resolve(root, [...folders][0]);
  const usesSrc = files.some((file) => relative(root, file).split(sep)[0] === 'src');
  return usesSrc ? resolve(root, 'src') : root;
}

function defaultSharedModule(folder: string, typescript: boolean, knownPaths: readonly string[], readFile: ReadFile): string {
  const extensions = typescript ? ['.ts', '.js'] : ['.js', '.mjs', '.cjs', '.ts'];
  const lib = resolve(folder, 'lib');
  for (const candidate of extensions.flatMap((extension) => [resolve(lib, `redis${extension}`), resolve(lib, 'redis', `index${extension}`)])) {
    if (readFile(candidate) !== undefined) return candidate;
  }
  const extension = typescript ? '.ts' : '.js';
  // `lib/redis.ts` beside a `lib/redis/` folder would be shadowed by it (or shadow it) in some resolutions.
  const redisFolder = resolve(lib, 'redis') + sep;
  if (knownPaths.some((path) => path.startsWith(redisFolder))) return resolve(lib, 'redis', `client${extension}`);
  return resolve(lib, `redis${extension}`);
}

/**
 * The specifier a file uses to import the shared module, spelled as the package and the file spell theirs: a file
 * whose own relative imports name `.ts` files imports it that way too.
 */
export function sharedModuleSpecifier(layout: ProjectLayout, fromFile: string, fromSource = ''): string {
  const moduleExtension = /\.[cm]?[jt]sx?$/.exec(layout.sharedModule)?.[0] ?? '';
  const tsExtension = /\.[cm]?tsx?$/.test(moduleExtension) && (layout.tsExtension || importsTsFiles(fromSource));
  const suffix = tsExtension ? moduleExtension : layout.explicitExtension ? '.js' : '';
  let withoutExtension = layout.sharedModule.slice(0, layout.sharedModule.length - moduleExtension.length);
  // `lib/redis/index` is imported as its folder, except where ESM resolution needs the full file name.
  if (suffix === '' && withoutExtension.endsWith(`${sep}index`)) withoutExtension = withoutExtension.slice(0, -'/index'.length);
  if (layout.alias && withoutExtension.startsWith(layout.alias.folder)) {
    const rest = withoutExtension.slice(layout.alias.folder.length).split(sep).join('/');
    return `${layout.alias.prefix}${rest}${suffix}`;
  }
  let specifier = relative(resolve(fromFile, '..'), withoutExtension).split(sep).join(posix.sep);
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return `${specifier}${suffix}`;
}

/** `import { x } from './format.ts'`: the file's relative imports carry TypeScript extensions. */
function importsTsFiles(source: string): boolean {
  return [...specifiersIn(source)].some((specifier) => specifier.startsWith('.') && /\.tsx?$/.test(specifier));
}

function pathAlias(options: Record<string, unknown>, tsconfigPath: string, sharedModule: string): ProjectLayout['alias'] {
  const paths = options.paths as Record<string, string[]> | undefined;
  if (!paths) return undefined;
  const base = resolve(tsconfigPath, '..', String(options.baseUrl ?? '.'));
  for (const [pattern, targets] of Object.entries(paths)) {
    if (!pattern.endsWith('/*') || !targets[0]?.endsWith('/*')) continue;
    const folder = resolve(base, targets[0].slice(0, -1)) + sep;
    if (sharedModule.startsWith(folder)) return { prefix: pattern.slice(0, -1), folder };
  }
  return undefined;
}

interface TsconfigJson {
  compilerOptions?: Record<string, unknown>;
  include?: string[];
}

// Loaded with require, when a tsconfig is first read: an ESM import of the compiler scans all of its CommonJS text
// for export names first, which cost every run of the CLI a third of a second.
let compiler: typeof TypeScript | undefined;
function typescript(): typeof TypeScript {
  compiler ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return compiler;
}

/** tsconfig.json allows comments and trailing commas; TypeScript's own reader takes them. */
function readTsconfig(readFile: ReadFile, path: string): TsconfigJson | undefined {
  const text = readFile(path);
  if (text === undefined) return undefined;
  const { config } = typescript().parseConfigFileTextToJson(path, text);
  return (config ?? {}) as TsconfigJson;
}
