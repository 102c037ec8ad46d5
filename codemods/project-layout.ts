import { posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** What the project's files say about where the shared module goes and how call sites import it. */
export interface ProjectLayout {
  root: string;
  /** Absolute path of the shared module. */
  sharedModule: string;
  typescript: boolean;
  /** ES modules (`import`) or CommonJS (`require`) for a JavaScript shared module. */
  esm: boolean;
  /** Import specifiers need an explicit `.js` suffix (NodeNext/Node16 resolution, or plain ESM JavaScript). */
  explicitExtension: boolean;
  /** A tsconfig `paths` alias that maps onto a folder: `@/` → `<root>/src/`. */
  alias?: { prefix: string; folder: string };
}

type ReadFile = (path: string) => string | undefined;

export function detectLayout(root: string, sources: readonly { path: string; source: string }[], readFile: ReadFile, singleton: string | undefined): ProjectLayout {
  const files = sources.map((file) => file.path);
  const manifest = readJson(readFile, resolve(root, 'package.json'));
  const tsconfigPath = resolve(root, 'tsconfig.json');
  const tsconfig = readTsconfig(readFile, tsconfigPath);
  const typescript = tsconfig !== undefined || files.some((file) => /\.[cm]?tsx?$/.test(file));
  const moduleType = manifest?.type === 'module';
  // A JavaScript project written with `import` (a bundler's, such as Next.js) gets an ES module too.
  const esm =
    typescript ||
    moduleType ||
    files.some((file) => file.endsWith('.mjs')) ||
    sources.some((file) => !file.path.endsWith('.cjs') && /^\s*(?:import\s[^(]|export\s)/m.test(file.source));
  const options = (tsconfig?.compilerOptions ?? {}) as Record<string, unknown>;
  const resolution = String(options.moduleResolution ?? options.module ?? '').toLowerCase();
  const explicitExtension = typescript ? resolution === 'nodenext' || resolution === 'node16' : moduleType;
  const usesSrc = files.some((file) => relative(root, file).split(sep)[0] === 'src');
  const extension = typescript ? '.ts' : '.js';
  const sharedModule = singleton ? resolve(root, singleton) : resolve(root, usesSrc ? 'src' : '', 'lib', `redis${extension}`);
  return { root, sharedModule, typescript, esm, explicitExtension, alias: pathAlias(options, tsconfigPath, sharedModule) };
}

/** The specifier a file uses to import the shared module. */
export function sharedModuleSpecifier(layout: ProjectLayout, fromFile: string): string {
  const withoutExtension = layout.sharedModule.replace(/\.[cm]?[jt]sx?$/, '');
  if (layout.alias && withoutExtension.startsWith(layout.alias.folder)) {
    const rest = withoutExtension.slice(layout.alias.folder.length).split(sep).join('/');
    return `${layout.alias.prefix}${rest}${layout.explicitExtension ? '.js' : ''}`;
  }
  let specifier = relative(resolve(fromFile, '..'), withoutExtension).split(sep).join(posix.sep);
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return layout.explicitExtension ? `${specifier}.js` : specifier;
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

function readJson(readFile: ReadFile, path: string): Record<string, unknown> | undefined {
  const text = readFile(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** tsconfig.json allows comments and trailing commas; TypeScript's own reader takes them. */
function readTsconfig(readFile: ReadFile, path: string): { compilerOptions?: Record<string, unknown> } | undefined {
  const text = readFile(path);
  if (text === undefined) return undefined;
  const { config } = ts.parseConfigFileTextToJson(path, text);
  return (config ?? {}) as { compilerOptions?: Record<string, unknown> };
}
