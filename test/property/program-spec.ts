/**
 * The space of generated handler programs, as plain data: fast-check draws a `ProgramSpec` and shrinks it
 * field by field; `renderProgram` (program-render.ts) turns it into files and the findings they must produce.
 */
import fc from 'fast-check';

/** How the files are written: TypeScript with ES imports or `import x = require()`, JavaScript as ESM or CommonJS. */
export type Language = 'ts-esm' | 'ts-import-equals' | 'js-esm' | 'js-cjs';
export type Library = 'ioredis' | 'node-redis';
/**
 * How the client is built. ioredis: `new Redis()`, a default import named `IORedis`, a renamed named import,
 * `Redis.createClient()`, a namespace import. node-redis: `createClient()`, a renamed import, a namespace import.
 * Both: `.duplicate()` of a client built at module scope.
 */
export type ConstructionForm = 'class' | 'default-alias' | 'named-alias' | 'static-create' | 'factory' | 'factory-alias' | 'namespace' | 'duplicate';
/** The request handler the file exports. */
export type HandlerKind = 'pages-api' | 'app-route' | 'lambda-export' | 'lambda-exports' | 'express';
/**
 * Where the construction sits. Per call: directly in the handler, or in a local factory the handler calls.
 * Once: module scope, a module-scope IIFE, `once(() => …)` (local or from a helper module), a test lifecycle hook.
 */
export type Placement = 'handler' | 'local-factory' | 'module-scope' | 'iife' | 'once-local' | 'once-imported' | 'test-hook';
/** A test of persistent state around a construction in the handler: `if (!x) x = …`, `x ??= …`, `globalThis`, early return. */
export type Guard = 'none' | 'if-not' | 'nullish-assign' | 'global-this' | 'early-return';
export type Options = 'env' | 'literal' | 'request';
export type Usage = 'get' | 'set' | 'incr' | 'subscribe' | 'blpop' | 'select' | 'watch';
export type Close = 'none' | 'finally' | 'after';

export interface ProgramSpec {
  language: Language;
  library: Library;
  form: ConstructionForm;
  handler: HandlerKind;
  method: 'GET' | 'POST';
  placement: Placement;
  guard: Guard;
  options: Options;
  usage: Usage;
  close: Close;
  /** A helper module that builds its own client at module scope; the handler imports and uses it. */
  moduleClientHelper: boolean;
}

export const UNSAFE_USAGES: ReadonlySet<Usage> = new Set(['subscribe', 'blpop', 'select', 'watch']);

/** One of the keys, drawn in proportion to its weight; shrinks towards the first key. */
function weighted<T extends string>(weights: Record<T, number>): fc.Arbitrary<T> {
  return fc.oneof(...(Object.entries(weights) as [T, number][]).map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
}

export const programSpec: fc.Arbitrary<ProgramSpec> = fc
  .record({
    language: fc.constantFrom<Language>('ts-esm', 'ts-import-equals', 'js-esm', 'js-cjs'),
    library: fc.constantFrom<Library>('ioredis', 'node-redis'),
    form: fc.constantFrom<ConstructionForm>('class', 'default-alias', 'named-alias', 'static-create', 'factory', 'factory-alias', 'namespace', 'duplicate'),
    handler: fc.constantFrom<HandlerKind>('pages-api', 'app-route', 'lambda-export', 'lambda-exports', 'express'),
    method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
    placement: weighted<Placement>({ handler: 5, 'local-factory': 2, 'module-scope': 1, iife: 1, 'once-local': 1, 'once-imported': 1, 'test-hook': 1 }),
    guard: weighted<Guard>({ none: 6, 'if-not': 1, 'nullish-assign': 1, 'global-this': 1, 'early-return': 1 }),
    options: weighted<Options>({ env: 2, literal: 1, request: 1 }),
    usage: weighted<Usage>({ get: 2, set: 2, incr: 2, subscribe: 1, blpop: 1, select: 1, watch: 1 }),
    close: fc.constantFrom<Close>('none', 'finally', 'after'),
    moduleClientHelper: fc.boolean(),
  })
  .map(coherent);

/**
 * Folds combinations that cannot be written into the nearest one that can, so every drawn spec is a program:
 * each rule here is about syntax or APIs, never about what the analysis finds.
 */
export function coherent(spec: ProgramSpec): ProgramSpec {
  const next = { ...spec };
  // Forms belong to one library: ioredis has classes, node-redis has factories.
  if (next.library === 'ioredis' && (next.form === 'factory' || next.form === 'factory-alias')) next.form = next.form === 'factory' ? 'class' : 'named-alias';
  if (next.library === 'node-redis' && (next.form === 'class' || next.form === 'default-alias' || next.form === 'named-alias' || next.form === 'static-create')) {
    next.form = next.form === 'named-alias' ? 'factory-alias' : 'factory';
  }
  // `exports.handler` is CommonJS; the other handler kinds are `export`s, which CommonJS files write as Express or Lambda.
  if (next.language === 'js-cjs' && next.handler !== 'lambda-exports' && next.handler !== 'express') next.handler = 'lambda-exports';
  if (next.language !== 'js-cjs' && next.handler === 'lambda-exports') next.handler = 'lambda-export';
  // Guards and the request's options only exist inside the handler.
  const perCallPlacement = next.placement === 'handler' || next.placement === 'local-factory';
  if (!perCallPlacement) {
    next.guard = 'none';
    if (next.options === 'request') next.options = 'env';
  }
  // A local factory returns its client: the memo forms are written in the handler itself.
  if (next.placement === 'local-factory') next.guard = 'none';
  // ioredis types `Redis.createClient()` with its constructor's last overload, which takes no arguments.
  if (next.form === 'static-create' && next.options === 'request') next.options = 'literal';
  // `.duplicate()` takes no connection options: its receiver, built at module scope, carries them.
  if (next.form === 'duplicate' && next.options === 'request') next.options = 'env';
  // A memoised client is shared by design; closing it per call is a bug of another kind, not a shape to test.
  if (next.guard !== 'none' || !perCallPlacement) next.close = 'none';
  return next;
}
