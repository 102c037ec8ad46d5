import { dirname, resolve } from 'node:path';

type ReadFile = (path: string) => string | undefined;

/** The package a source file belongs to: the folder of its nearest package.json, and what that manifest says. */
export interface OwningPackage {
  root: string;
  manifest: Record<string, unknown> | undefined;
  /** dependencies, devDependencies and peerDependencies together: name → range. */
  dependencies: Record<string, string>;
}

/** Nearest package.json at or above the file's folder, never above `scanRoot` (the scan root itself when none). */
export function owningPackageRoot(file: string, scanRoot: string, readFile: ReadFile): string {
  for (let folder = dirname(file); folder.startsWith(scanRoot); folder = dirname(folder)) {
    if (readFile(resolve(folder, 'package.json')) !== undefined) return folder;
    if (folder === scanRoot || dirname(folder) === folder) break;
  }
  return scanRoot;
}

export function readOwningPackage(root: string, readFile: ReadFile): OwningPackage {
  const manifest = readJson(readFile, resolve(root, 'package.json'));
  const dependencies: Record<string, string> = {};
  for (const field of ['peerDependencies', 'devDependencies', 'dependencies']) {
    Object.assign(dependencies, (manifest?.[field] ?? {}) as Record<string, string>);
  }
  return { root, manifest, dependencies };
}

// Dev servers that re-evaluate modules in one process on every edit, where a module-level client would leak.
const HOT_RELOADING_FRAMEWORKS = ['next', 'nuxt', '@sveltejs/kit', '@remix-run/dev', '@react-router/dev'];

/** The framework whose dev server re-evaluates modules in place, if the package depends on one. */
export function hotReloadingFramework(owner: OwningPackage): string | undefined {
  return HOT_RELOADING_FRAMEWORKS.find((name) => owner.dependencies[name] !== undefined);
}

export function readJson(readFile: ReadFile, path: string): Record<string, unknown> | undefined {
  const text = readFile(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
