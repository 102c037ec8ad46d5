import { sep } from 'node:path';
import { specifiersIn } from '../core/project/relevance-index.js';
import type { Resolution } from '../core/project/resolution.js';

type ReadText = (path: string) => string | undefined;
type Resolve = (fromFile: string, specifier: string) => Resolution;

/**
 * The package files a module loads when it is imported: its imports, and theirs, within the package folder. A file
 * in this set that imported the module back would close an import cycle.
 */
export function filesLoadedBy(module: string, packageRoot: string, readText: ReadText, resolve: Resolve): Set<string> {
  const loaded = new Set<string>();
  const pending = [module];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const specifier of specifiersIn(readText(file) ?? '')) {
      const resolution = resolve(file, specifier);
      if (resolution.kind !== 'source' || !resolution.path.startsWith(`${packageRoot}${sep}`) || loaded.has(resolution.path)) continue;
      loaded.add(resolution.path);
      pending.push(resolution.path);
    }
  }
  return loaded;
}
