import { capitalised, uniqueName } from './binding-names.js';
import type { InFileGetters } from './in-file-connection.js';

/**
 * A package whose dev server re-evaluates modules in one process (Next.js, Nuxt, SvelteKit, Remix): a client kept in
 * a module binding would be built again on every reload, so it is kept on globalThis, which survives the reload.
 */
export interface HotReloadGuard {
  /** The framework's package name: `next`, `nuxt`, `@sveltejs/kit`. */
  framework: string;
  /**
   * The file's path as an identifier (`appApiHitsRoute` for `app/api/hits/route.ts`): globalThis is one object for
   * the whole process, so each file's clients are named apart from every other file's and the shared module's.
   */
  owner: string;
}

const FRAMEWORK_LABELS: Record<string, string> = { next: 'Next.js', nuxt: 'Nuxt', '@sveltejs/kit': 'SvelteKit', '@remix-run/dev': 'Remix', '@react-router/dev': 'React Router' };

/** Why the holder is globalThis, and the holder itself; `holderType` is the TypeScript cast, absent in JavaScript. */
export function globalHolderLines(framework: string, holder: string, holderType: string | undefined): string[] {
  return [
    `// ${FRAMEWORK_LABELS[framework] ?? framework} development hot reload re-evaluates modules, so the clients are kept on globalThis to avoid opening more.`,
    holderType === undefined ? `const ${holder} = globalThis;` : `const ${holder} = globalThis as unknown as ${holderType};`,
  ];
}

/** `appApiHitsRoute` for `app/api/hits/route.ts`: the path's words without the extension, as one identifier. */
export function globalOwnerName(relativePath: string): string {
  const words = relativePath.replace(/\.[^./]*$/, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((word, index) => (index === 0 ? word[0].toLowerCase() + word.slice(1) : capitalised(word))).join('');
  return /^[A-Za-z]/.test(name) ? name : `module${capitalised(name)}`;
}

/**
 * Where a client kept in its own file lives: a module `let` (`redisClient`), or, under the guard, a property of
 * globalThis named after the file (`globalForRedis.appApiHitsRouteRedisClient`), through a holder named as the shared
 * module names its own unless the file binds that name. `type` is the TypeScript type of what the slot holds.
 */
export function inFileSlot(
  name: string,
  type: string | undefined,
  guard: HotReloadGuard | undefined,
  taken: ReadonlySet<string>,
  written: InFileGetters,
): { lines: string[]; slot: string } {
  if (!guard) return { lines: [`let ${name}${type === undefined ? '' : `: ${type} | undefined`};`], slot: name };
  const holder = uniqueName('globalForRedis', new Set([...taken, ...written.reserved]));
  written.reserved.add(holder);
  const key = `${guard.owner}${capitalised(name)}`;
  return { lines: globalHolderLines(guard.framework, holder, type === undefined ? undefined : `{ ${key}?: ${type} }`), slot: `${holder}.${key}` };
}
