/**
 * The space of generated handler programs, as plain data: fast-check draws a `ProgramSpec` and shrinks it
 * field by field; `renderProgram` (program-render.ts) turns it into files and the findings they must produce.
 *
 * Not generated, so not covered here (the rule and fixture tests cover some): Cluster, Sentinel and pool
 * clients; `@redis/client` and configured `sources`; look-alike HTTP clients and mentions in comments or strings;
 * handler kinds other than pages/api, App Router routes, Lambda and Express (server actions, middleware,
 * SvelteKit, Remix, Nuxt, Fastify, Koa, Hono, tRPC, GraphQL, socket.io); classes and NestJS providers; handlers
 * that are not async, callback-style Lambdas; `.tsx`, `.mjs`, `.cjs` files, `src/` layouts, tsconfig path aliases
 * and an existing shared module; a `.duplicate()` of a client built per request; a client factory in another file
 * (only with `crossFileFactories`). `coherent()` names what it folds.
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
 * Cross-file, drawn only with `crossFileFactories`: a factory exported by `lib/redis-factory` and called per request.
 */
export type Placement = 'handler' | 'local-factory' | 'module-scope' | 'iife' | 'once-local' | 'once-imported' | 'test-hook' | 'imported-factory';
/** A test of persistent state around a construction in the handler: `if (!x) x = …`, `x ??= …`, `globalThis`, early return. */
export type Guard = 'none' | 'if-not' | 'nullish-assign' | 'global-this' | 'early-return';
/** Connection options: the main URL, a second configuration's URL, a literal, an options object, or a URL read from the request. */
export type Options = 'env' | 'env-other' | 'literal' | 'object' | 'request';
export type Usage = 'get' | 'set' | 'incr' | 'subscribe' | 'blpop' | 'select' | 'watch';
/** `quit()` in `finally`, `disconnect()` after the work, or (Express) `res.on('finish', () => client.quit())`. */
export type Close = 'none' | 'finally' | 'after' | 'on-finish';
/** node-redis only: `connect()` as its own statement, chained (`await createClient().connect()`), or after a chained `.on('error', …)`. */
export type Connect = 'statement' | 'chained' | 'error-listener';

/** One client a program builds and the handler that uses it. */
export interface EndpointSpec {
  form: ConstructionForm;
  placement: Placement;
  guard: Guard;
  options: Options;
  usage: Usage;
  close: Close;
  connect: Connect;
  /** node-redis local factory: `async function makeClient()` or a plain one, which cannot await a shared connection. */
  asyncFactory: boolean;
  /** The handler's work as written, inside `try { … } catch`, or inside `if (feature enabled) { … }`. */
  wrap: 'none' | 'try-catch' | 'if-enabled';
}

export interface ProgramSpec {
  language: Language;
  library: Library;
  handler: HandlerKind;
  method: 'GET' | 'POST';
  /** `export default async function handler() {}` or `export default async () => {}` (and the same for the other kinds). */
  style: 'declaration' | 'arrow';
  /** One or two clients; a second one sits in the first handler's file (another route) or in a file of its own. */
  endpoints: EndpointSpec[];
  second: 'same-file' | 'other-file';
  /** A helper module that builds its own client at module scope; the handlers import and use it. */
  moduleClientHelper: boolean;
  /**
   * The second endpoint repeats the first but for how it connects: two sites of the same options, one with an
   * 'error' listener before `connect()` and one without (for node-redis built in the handler).
   */
  pairedSecond: boolean;
}

export const UNSAFE_USAGES: ReadonlySet<Usage> = new Set(['subscribe', 'blpop', 'select', 'watch']);

/**
 * The oracle, by DESIGN.md's principle: a construction runs per call when it sits in the handler with no test of
 * persistent state around it, or in a local factory the handler calls; everything else here runs once (module
 * scope, a module-scope IIFE, `once()`, a test hook, a guarded memo). A factory imported from another file is
 * per request at the handler's call, which is where the site is; its own construction stays silent. A per-call site can be shared unless its
 * options come from the request, the handler uses the client in a way a shared connection cannot serve, or (node-redis)
 * the function that builds it is not async, so it could not await the shared connection.
 */
export function plantedAs(endpoint: EndpointSpec): { perRequest: boolean; hoistable: boolean } {
  const perRequest = (endpoint.placement === 'handler' && endpoint.guard === 'none') || endpoint.placement === 'local-factory' || endpoint.placement === 'imported-factory';
  return { perRequest, hoistable: perRequest && endpoint.options !== 'request' && !UNSAFE_USAGES.has(endpoint.usage) && endpoint.asyncFactory };
}


/** One of the keys, drawn in proportion to its weight; shrinks towards the first key. */
function weighted<T extends string>(weights: Record<T, number>): fc.Arbitrary<T> {
  return fc.oneof(...(Object.entries(weights) as [T, number][]).map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
}

function endpointSpec(crossFileFactories: boolean) {
  const placements: Partial<Record<Placement, number>> = { handler: 5, 'local-factory': 2, 'module-scope': 1, iife: 1, 'once-local': 1, 'once-imported': 1, 'test-hook': 1 };
  if (crossFileFactories) placements['imported-factory'] = 6;
  return fc.record({
    form: fc.constantFrom<ConstructionForm>('class', 'default-alias', 'named-alias', 'static-create', 'factory', 'factory-alias', 'namespace', 'duplicate'),
    placement: weighted(placements as Record<Placement, number>),
    guard: weighted<Guard>({ none: 6, 'if-not': 1, 'nullish-assign': 1, 'global-this': 1, 'early-return': 1 }),
    options: weighted<Options>({ env: 3, 'env-other': 1, literal: 1, object: 1, request: 1 }),
    usage: weighted<Usage>({ get: 2, set: 2, incr: 2, subscribe: 1, blpop: 1, select: 1, watch: 1 }),
    close: fc.constantFrom<Close>('none', 'finally', 'after', 'on-finish'),
    connect: fc.constantFrom<Connect>('statement', 'chained', 'error-listener'),
    asyncFactory: weighted({ yes: 3, no: 1 }).map((answer) => answer === 'yes'),
    wrap: weighted({ none: 3, 'try-catch': 1, 'if-enabled': 1 }),
  });
}

/**
 * The programs the rule and `fix` are meant to handle today. `crossFileFactories` adds the dimension that needs
 * the project model (DESIGN.md "Seeing the whole project"): a client factory in one file called per request in another.
 */
export function programSpecs({ crossFileFactories = false } = {}): fc.Arbitrary<ProgramSpec> {
  return fc
    .record({
      language: fc.constantFrom<Language>('ts-esm', 'ts-import-equals', 'js-esm', 'js-cjs'),
      library: fc.constantFrom<Library>('ioredis', 'node-redis'),
      handler: fc.constantFrom<HandlerKind>('pages-api', 'app-route', 'lambda-export', 'lambda-exports', 'express'),
      method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
      style: fc.constantFrom<'declaration' | 'arrow'>('declaration', 'arrow'),
      endpoints: fc.array(endpointSpec(crossFileFactories), { minLength: 1, maxLength: 2 }),
      second: fc.constantFrom<'same-file' | 'other-file'>('same-file', 'other-file'),
      moduleClientHelper: fc.boolean(),
      pairedSecond: weighted({ no: 3, yes: 1 }).map((answer) => answer === 'yes'),
    })
    .map(coherent);
}

export const programSpec = programSpecs();

/**
 * Folds combinations that cannot be written into the nearest one that can, so every drawn spec is a program:
 * each rule here is about syntax or APIs, never about what the analysis finds.
 */
export function coherent(spec: ProgramSpec): ProgramSpec {
  const [first, second] = spec.endpoints;
  const endpoints = spec.pairedSecond && second ? [first, { ...first, connect: first.connect === 'error-listener' ? 'statement' : 'error-listener' } as const] : spec.endpoints;
  const next = { ...spec, endpoints: endpoints.map((endpoint) => coherentEndpoint(spec, endpoint)) };
  // Express route callbacks are arrows already; `exports.handler` is an assignment.
  if (next.handler === 'express' || next.handler === 'lambda-exports') next.style = 'arrow';
  // `exports.handler` is CommonJS; the other handler kinds are `export`s, which CommonJS files write as Express or Lambda.
  if (next.language === 'js-cjs' && next.handler !== 'lambda-exports' && next.handler !== 'express') next.handler = 'lambda-exports';
  if (next.language !== 'js-cjs' && next.handler === 'lambda-exports') next.handler = 'lambda-export';
  if (next.endpoints.length < 2) {
    next.second = 'same-file';
    if (next.endpoints[0].placement === 'imported-factory') next.moduleClientHelper = false;
    return next;
  }
  // One file holds two handlers only where the framework has two: App Router methods, Express routes. A test file holds one.
  const sharesFile = (next.handler === 'app-route' || next.handler === 'express') && next.endpoints.every((endpoint) => endpoint.placement !== 'test-hook');
  if (!sharesFile) next.second = 'other-file';
  // The factory module is a file of its own: it takes the place of the helper modules.
  if (next.endpoints.some((endpoint) => endpoint.placement === 'imported-factory')) {
    next.moduleClientHelper = false;
    next.endpoints = next.endpoints.map((endpoint) => (endpoint.placement === 'once-imported' ? { ...endpoint, placement: 'once-local' } : endpoint));
  }
  // At most three files: a second handler file and the cache helper leave no room for a `once` module.
  if (next.second === 'other-file' && next.moduleClientHelper) {
    next.endpoints = next.endpoints.map((endpoint) => (endpoint.placement === 'once-imported' ? { ...endpoint, placement: 'once-local' } : endpoint));
  }
  return next;
}

function coherentEndpoint(spec: ProgramSpec, endpoint: EndpointSpec): EndpointSpec {
  const next = { ...endpoint };
  // Forms belong to one library: ioredis has classes, node-redis has factories.
  if (spec.library === 'ioredis' && (next.form === 'factory' || next.form === 'factory-alias')) next.form = next.form === 'factory' ? 'class' : 'named-alias';
  if (spec.library === 'node-redis' && (next.form === 'class' || next.form === 'default-alias' || next.form === 'named-alias' || next.form === 'static-create')) {
    next.form = next.form === 'named-alias' ? 'factory-alias' : 'factory';
  }
  // Guards and the request's options only exist inside the handler.
  const perCallPlacement = next.placement === 'handler' || next.placement === 'local-factory' || next.placement === 'imported-factory';
  if (!perCallPlacement) {
    next.guard = 'none';
    if (next.options === 'request') next.options = 'env';
  }
  // A local factory returns its client: the memo forms are written in the handler itself.
  if (next.placement === 'local-factory' || next.placement === 'imported-factory') next.guard = 'none';
  // ioredis types `Redis.createClient()` with its constructor's last overload, which takes no arguments.
  if (next.form === 'static-create' && next.options !== 'literal') next.options = 'literal';
  // `.duplicate()` takes no connection options: its receiver, built at module scope, carries them.
  if (next.form === 'duplicate' && next.options === 'request') next.options = 'env';
  // The receiver of `.duplicate()` is built in the handler's file, which an imported factory cannot see.
  if (next.form === 'duplicate' && next.placement === 'imported-factory') next.form = spec.library === 'ioredis' ? 'class' : 'factory';
  // Only Express hands the callback a response to listen on.
  if (next.close === 'on-finish' && spec.handler !== 'express') next.close = 'finally';
  // Only a node-redis factory, local or imported, can be written without `async` (an ioredis one needs no await).
  if (spec.library === 'ioredis' || (next.placement !== 'local-factory' && next.placement !== 'imported-factory')) next.asyncFactory = true;
  // ioredis connects by itself; the chained forms are written where the client is built in the handler.
  if (spec.library === 'ioredis' || next.placement !== 'handler' || next.guard !== 'none') next.connect = 'statement';
  // A memoised client is shared by design; closing it per call is a bug of another kind, not a shape to test.
  if (next.guard !== 'none' || !perCallPlacement) next.close = 'none';
  return next;
}
