import { capitalised } from './binding-names.js';

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

/** Where a client kept in its own file lives: the lines that declare it, and how the getter reads and writes it. */
export interface InFileSlot {
  lines: string[];
  ref: string;
}

/**
 * A module `let` (`redisClient`), or, under the guard, a property of globalThis named after the file
 * (`globalForRedis.appApiHitsRouteRedisClient`) through a holder of its own: `globalForRedis`, else one named after the
 * slot (`globalForCacheRedisClient`). Names in `taken` are avoided and the holder's is added to it; where both are
 * taken the client stays in a module `let`. `type` is the TypeScript type of what the slot holds.
 */
export function inFileSlot(name: string, type: string | undefined, guard: HotReloadGuard | undefined, taken: Set<string>): InFileSlot {
  const plain = { lines: [`let ${name}${type === undefined ? '' : `: ${type} | undefined`};`], ref: name };
  if (!guard) return plain;
  const holder = ['globalForRedis', `globalFor${capitalised(name)}`].find((candidate) => !taken.has(candidate));
  if (holder === undefined) return plain;
  taken.add(holder);
  const key = `${guard.owner}${capitalised(name)}`;
  return { lines: globalHolderLines(guard.framework, holder, type === undefined ? undefined : `{ ${key}?: ${type} }`), ref: `${holder}.${key}` };
}
