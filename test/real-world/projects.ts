/**
 * Multi-file projects under test/projects/real-world/, written in the shapes public projects use to spread a Redis
 * client across files. Each expectation was decided from DESIGN.md ("Seeing the whole project", "When the enclosing
 * code runs per call") before the rule was run on the project.
 */
import type { ProjectCase, ProjectReport } from './types.js';

const subscribes = (command: string): string => `it subscribes (\`${command}\`), which needs a connection of its own`;

/** A hoistable report at a per-request call that reaches a client built at `origin`. */
function hoistableAt(at: string, context: string, origin?: string): ProjectReport {
  return { at, messageId: 'perRequestClient', context, ...(origin === undefined ? {} : { origin }) };
}

/** A report that cannot simply share the client, with the reason the message gives. */
function unsafeAt(at: string, context: string, reason: string, origin?: string): ProjectReport {
  return { at, messageId: 'perRequestClientUnsafe', context, reason, ...(origin === undefined ? {} : { origin }) };
}

const EXPRESS_ROUTE = 'every request to this Express route callback';
const NEXT_API_ROUTE = 'every request to this Next.js API route';
const nextRoute = (method: string): string => `every request to this Next.js route handler \`${method}\``;

/** Per-request calls, `new`s and `.duplicate()`s whose client is built in another file or a member: reported at the call. */
const reportedAcrossFiles: ProjectCase[] = [
  {
    name: 'Next.js route handler awaits an imported openCache() factory',
    project: 'next-open-cache-route',
    note: 'DESIGN "Seeing the whole project": a per-request call of an imported factory is reported at the call with the file:line of the construction; the exported factory, whose callers the rule cannot see from its own file, stays silent.',
    expected: {
      'app/api/pages/[slug]/route.ts': [hoistableAt('openCache(', nextRoute('GET'), 'lib/cache/client.ts:6')],
    },
  },
  {
    name: 'Nuxt event handlers call a server/utils helper that connects on every call',
    project: 'nuxt-server-utils-connect',
    note: 'The helper returns a new connected client per call (a client factory); each Nuxt handler runs per request, so each call is reported with the helper\'s construction as origin. The helper itself stays silent.',
    expected: {
      'server/api/visits.get.ts': [hoistableAt('useRedisConnection(', 'every request to this Nuxt event handler', 'server/utils/redis.ts:4')],
      'server/api/health.get.ts': [hoistableAt('useRedisConnection(', 'every request to this Nuxt event handler', 'server/utils/redis.ts:4')],
    },
  },
  {
    name: 'Express router (CommonJS) calls the function module.exports of lib/redis.js',
    project: 'express-cjs-redis-helper',
    note: '`require(\'../lib/redis\')` is the factory itself; called in a route callback it opens a connection per request. The factory file has no caller of its own, so it stays silent.',
    expected: {
      'routes/products.js': [hoistableAt('connectRedis(', EXPRESS_ROUTE, 'lib/redis.js:4')],
    },
  },
  {
    name: 'pages/api server-sent events duplicate the imported node-redis client to subscribe',
    project: 'next-pages-sse-duplicate',
    note: 'DESIGN: `.duplicate()` of an imported client per request is reported at the call; the duplicate subscribes, so it needs its own connection and the report gives that reason. The publish route only uses the shared client.',
    expected: {
      'pages/api/campaigns/[id]/events.ts': [unsafeAt('redis.duplicate(', NEXT_API_ROUTE, subscribes('subscribe'), 'lib/redis.ts:3')],
    },
  },
  {
    name: 'app router GET assigns a module-level subscriber without a guard on every request',
    project: 'next-app-sse-module-subscriber',
    note: 'DESIGN: a memo that assigns an outer binding with no guard (`listener = redis.duplicate()` on every GET) is still per call; it pattern-subscribes, so it cannot be shared.',
    expected: {
      'app/api/progress/route.ts': [unsafeAt('redis.duplicate(', nextRoute('GET'), subscribes('pSubscribe'), 'lib/redis.ts:3')],
    },
  },
  {
    name: 'socket.io connection callback duplicates a client imported with a NodeNext .js path',
    project: 'socketio-nodenext-duplicate',
    note: '`./redis.js` resolves to src/redis.ts under NodeNext; each connection duplicates the imported publisher and subscribes on the copy.',
    expected: {
      'src/realtime.ts': [unsafeAt('publisher.duplicate(', 'every socket.io connection', subscribes('subscribe'), 'src/redis.ts:3')],
    },
  },
  {
    name: 'NestJS SSE endpoint duplicates a field set in the constructor from an imported client',
    project: 'nest-sse-controller-field',
    note: 'DESIGN: `.duplicate()` of a member client (a field set in the constructor to an imported client) per call is reported with the import\'s construction as origin; controller methods run per call; the copy subscribes.',
    expected: {
      'src/events/events.controller.ts': [unsafeAt('this.bus.duplicate(', 'every call to `EventsController.stream()`', subscribes('subscribe'), 'src/redis/client.ts:3')],
    },
  },
  {
    name: 'class-based Express controller duplicates this.redis in a method routed per request',
    project: 'express-class-this-duplicate',
    note: 'The constructor\'s client runs once (the controller is built at module scope in chat.routes.ts); `this.redis.duplicate()` in `stream()` runs per call and subscribes. The client is built in the same file, so no origin.',
    expected: {
      'src/chat/chat.controller.ts': [unsafeAt('this.redis.duplicate(', 'every call to `ChatController.stream()`', subscribes('subscribe'))],
    },
  },
  {
    name: 'Express route builds new StorageService() per request; its field builds the client',
    project: 'express-new-storage-service',
    note: 'DESIGN: a per-request `new` of an imported class that builds a client per instance is reported at the `new`, with the field\'s construction as origin; the class file never builds an instance itself, so it stays silent.',
    expected: {
      'src/routes/files.ts': [hoistableAt('new StorageService(', EXPRESS_ROUTE, 'src/services/storage.service.ts:4')],
    },
  },
  {
    name: 'pages/api route builds a tenant-scoped cache class from a request header',
    project: 'next-pages-tenant-cache-new',
    note: 'Per-request `new` of an imported client class; its argument reads `req`, a request value, so the client cannot move to module scope.',
    expected: {
      'pages/api/settings.ts': [unsafeAt('new TenantCache(', NEXT_API_ROUTE, 'its options use `req`', 'lib/tenant-cache.ts:7')],
    },
  },
  {
    name: 'route handlers import redis and ioredis dynamically inside the handler',
    project: 'next-dynamic-import-route',
    note: 'The issue: `const { createClient } = await import(\'redis\')` inside a handler is reported at `createClient(`. The callee comes from the client library, not from the request, and the options read only process.env, so the site is hoistable. Built in the same file: no origin.',
    expected: {
      'app/api/flags/route.ts': [hoistableAt('createClient(', nextRoute('GET'))],
      'app/api/flags/[name]/route.ts': [hoistableAt('new Redis(', nextRoute('PUT'))],
    },
  },
  {
    name: 'route handler calls a helper that returns another module\'s factory result',
    project: 'next-transitive-helper',
    note: 'Summaries are transitive: `userCache()` returns `createRedis(\'users:\')`, a new client per call, so the route\'s call is reported with the origin where the client is actually built; both library files stay silent. The client\'s options come from `createRedis`\'s `prefix` parameter, so where it is built it cannot move to a shared module: the report says so, and `fix` leaves it (the rule and the codemod agree).',
    expected: {
      'app/api/users/[id]/route.ts': [unsafeAt('userCache(', nextRoute('GET'), 'its options use `prefix`', 'lib/redis.ts:4')],
    },
  },
  {
    name: 'Remix action calls a service function that connects, uses and quits',
    project: 'remix-service-function-closes',
    note: 'The issue counts "service functions that use and close it" as opening a connection per call. The argument is command data, not a connection option: the construction\'s own options read only process.env, so the site stays hoistable.',
    expected: {
      'app/routes/posts.$id.tsx': [hoistableAt('addLike(', 'every request through this Remix `action`', 'app/lib/likes.server.ts:4')],
    },
  },
  {
    name: 'Hono middleware builds a client per request from the request\'s env binding',
    project: 'hono-middleware-env-factory',
    note: 'An imported arrow factory called in middleware; the URL comes from `c.env`, a request value, so it cannot be hoisted.',
    expected: {
      'src/index.ts': [unsafeAt('makeRedis(', 'every request to this Hono middleware', 'its options use `c`', 'src/redis.ts:3')],
    },
  },
  {
    name: 'tRPC mutation awaits an imported connectRedis() arrow factory',
    project: 'trpc-procedure-factory',
    note: 'A procedure runs per call; the imported arrow returns a new connected client each time.',
    expected: {
      'src/server/routers/counter.ts': [hoistableAt('connectRedis(', 'every call to this tRPC procedure', 'src/server/redis.ts:4')],
    },
  },
  {
    name: 'Lambda handler calls an imported client factory on every invocation',
    project: 'lambda-handler-factory',
    note: 'The handler runs per invocation; the factory returns a new client per call and stays silent in its own file.',
    expected: {
      'src/handlers/rate-limit.ts': [hoistableAt('redisClient(', 'every invocation of this AWS Lambda handler `handler`', 'src/lib/redis.ts:4')],
    },
  },
  {
    name: 'Fastify route (ESM JavaScript) awaits an imported connect helper',
    project: 'fastify-esm-js-factory',
    note: 'ESM JavaScript with an explicit `.js` import; the route handler runs per request.',
    expected: {
      'src/app.js': [hoistableAt('connectSessionStore(', 'every request to this Fastify route handler', 'src/redis.js:4')],
    },
  },
  {
    name: 'factory file also calls its factory in its own route, and a router elsewhere calls it too',
    project: 'express-factory-own-file-per-call',
    note: 'DESIGN: a factory stays silent at its construction "unless its own file shows a per-call use": here its own health route calls it per request, so the construction is reported as today; the cart route\'s call is reported at the call with the origin.',
    expected: {
      'src/redis.ts': [hoistableAt('new Redis(', 'every call to `createRedis()`')],
      'src/routes/cart.ts': [hoistableAt('createRedis(', EXPRESS_ROUTE, 'src/redis.ts:5')],
    },
  },
  {
    name: 'Vercel function imports a default-exported factory through the @/ alias',
    project: 'vercel-function-alias',
    note: 'tsconfig `paths` resolve `@/lib/redis`; the default export connects a new client per call.',
    expected: {
      'api/track.ts': [hoistableAt('getRedis(', 'every invocation of this Vercel function', 'lib/redis.ts:4')],
    },
  },
  {
    name: 'SvelteKit endpoint calls a $lib/server factory',
    project: 'sveltekit-lib-alias',
    note: '`$lib` resolves through tsconfig `paths`; the factory\'s options read an import (`env`), which is module scope, so hoistable.',
    expected: {
      'src/routes/api/leaderboard/+server.ts': [hoistableAt('leaderboardClient(', 'every request to this SvelteKit endpoint `GET`', 'src/lib/server/redis.ts:5')],
    },
  },
  {
    name: 'legacy SvelteKit endpoint reaches a $lib factory through jsconfig.json paths',
    project: 'sveltekit-jsconfig-lib',
    note: 'A JavaScript project keeps its `$lib` alias in jsconfig.json; an endpoint file under routes/ is called by the framework, so its exported `post` runs per request and its call of the factory is reported.',
    expected: {
      'src/routes/links.js': [hoistableAt('openStore(', 'every call to `post()`', 'src/lib/store.js:4')],
    },
  },
  {
    name: 'long-poll route duplicates the imported client to BLPOP',
    project: 'express-longpoll-blpop-duplicate',
    note: 'A blocking command holds the connection, so the per-request duplicate cannot be shared; the push route uses the shared client.',
    expected: {
      'src/routes/jobs.js': [unsafeAt('redis.duplicate(', EXPRESS_ROUTE, 'it runs the blocking command `BLPOP`, which holds its connection', 'src/redis.js:3')],
    },
  },
  {
    name: 'server action calls an imported arrow factory',
    project: 'next-server-action-factory',
    note: 'Each exported async function of a \'use server\' file is a per-call server action.',
    expected: {
      'app/posts/actions.ts': [hoistableAt('connectRedis(', 'every call to this server action `publishPost`', 'lib/redis.ts:3')],
    },
  },
  {
    name: 'GraphQL resolver builds an imported cache class per call',
    project: 'graphql-resolver-new-class',
    note: 'Resolvers run per call; the class builds a node-redis client in its constructor, which cannot await a shared connection, so the report is unsafe with that reason (what `fix` says where the client is built).',
    expected: {
      'src/graphql/resolvers.ts': [
        unsafeAt('new FeedCache(', 'every call to this GraphQL resolver `Query.feed`', 'it is in a function that is not async, so it cannot await the shared connection', 'src/cache/feed-cache.ts:7'),
      ],
    },
  },
  {
    name: 'pages/api route imports a factory re-exported by lib/redis/index.ts',
    project: 'next-barrel-reexport',
    note: 'The `@/lib/redis` alias resolves to an index file that re-exports the factory; the origin is the factory\'s own file, not the barrel.',
    expected: {
      'pages/api/likes.ts': [hoistableAt('newRedisConnection(', NEXT_API_ROUTE, 'lib/redis/factory.ts:4')],
    },
  },
  {
    name: 'Koa router awaits a default-exported connect()',
    project: 'koa-default-export-factory',
    note: 'A default import of a factory that returns a new connected client per call.',
    expected: {
      'src/routes/stats.ts': [hoistableAt('connect(', 'every request to this Koa route callback', 'src/db/redis.ts:4')],
    },
  },
  {
    name: 'workspace app calls a factory exported by a sibling workspace package',
    project: 'monorepo-workspace-factory',
    note: '`@acme/redis` is a workspace package (root `workspaces`, its `exports` point at src/index.ts); the route calls its factory per request. The factory names the connection after its `name` parameter, so the client cannot move where it is built: unsafe, with that reason.',
    expected: {
      'apps/api/src/routes/orders.ts': [unsafeAt('createRedis(', EXPRESS_ROUTE, 'its options use `name`', 'packages/redis/src/index.ts:4')],
    },
  },
  {
    name: 'NestJS controller method builds an imported cache class',
    project: 'nest-controller-new-cache-class',
    note: 'The controller is a singleton but its handler method runs per call; `new ProductCache()` there builds a client per request.',
    expected: {
      'src/products/products.controller.ts': [hoistableAt('new ProductCache(', 'every call to `ProductsController.findOne()`', 'src/products/product-cache.ts:4')],
    },
  },
  {
    name: 'SSE route duplicates the result of an imported memoised getter',
    project: 'next-sse-duplicate-of-getter',
    note: 'The getter is memoised (silent), but the route duplicates what it returns on every request and subscribes on the copy; the origin is where the shared client is built.',
    expected: {
      'app/api/notifications/route.ts': [unsafeAt('shared.duplicate(', nextRoute('GET'), subscribes('subscribe'), 'lib/redis.ts:7')],
    },
  },
  {
    name: 'Express route calls a factory through a namespace import',
    project: 'express-namespace-import-factory',
    note: '`import * as cache` then `cache.connect()`: the member of the namespace is the factory.',
    expected: {
      'src/routes/wishlist.js': [hoistableAt('cache.connect(', EXPRESS_ROUTE, 'src/lib/cache.js:6')],
    },
  },
  {
    name: 'CommonJS Lambda destructures a factory from require(\'./redis\')',
    project: 'lambda-cjs-destructured-require',
    note: '`exports.getRedisConnection = () => new Redis(...)` is a factory with no caller in its own file (silent); the handler calls it per invocation.',
    expected: {
      'src/index.js': [hoistableAt('getRedisConnection(', 'every invocation of this AWS Lambda handler `handler`', 'src/redis.js:6')],
    },
  },
  {
    name: 'NestJS gateway duplicates the imported client once in its constructor and again per connection',
    project: 'nest-gateway-duplicates',
    note: 'A gateway is a singleton provider: the constructor\'s duplicate runs once and stays silent. `handleConnection` runs per socket, and its duplicate subscribes, so it is reported with the import\'s construction as origin.',
    expected: {
      'src/presence/presence.gateway.ts': [
        { ...unsafeAt('redisConnection.duplicate(', 'every call to `PresenceGateway.handleConnection()`', subscribes('subscribe'), 'src/redis/connection.ts:3'), nth: 2 },
      ],
    },
  },
  {
    name: 'route builds a store per request whose method connects lazily on this.client',
    project: 'lazy-member-client-per-request-instance',
    note: 'State on `this` guards only within one instance; the instance is built per request, so each request opens a connection. Reported at the `new`, where the per-request decision is made, with the lazy construction as origin.',
    expected: {
      'src/app.ts': [hoistableAt('new CartStore(', EXPRESS_ROUTE, 'src/cart-store.ts:8')],
    },
  },
];

/** Code that already runs once per process, or builds no connection: no report in any file. */
const staySilent: ProjectCase[] = [
  {
    name: 'factory called once at module scope of lib/cache.ts',
    project: 'next-factory-at-module-scope',
    note: 'The factory\'s only caller is at module top level, a run-once position; the route imports the resulting instance.',
    expected: {},
  },
  {
    name: 'top-level await of an imported connectRedis()',
    project: 'node-redis-top-level-await',
    note: 'A top-level `await` is module scope: the call runs once.',
    expected: {},
  },
  {
    name: 'async IIFE at module scope stores the client on app.locals',
    project: 'express-async-iife-esm',
    note: 'DESIGN: an IIFE evaluated at module scope runs once, and so does the factory call inside it.',
    expected: {},
  },
  {
    name: 'one-shot script calls the factory from main()',
    project: 'script-main-backfill',
    note: 'DESIGN: a non-exported function whose every use is a call at module top level (`main()`) runs once.',
    expected: {},
  },
  {
    name: 'startServer() awaits an imported connection factory once',
    project: 'express-start-server-function',
    note: 'startServer is called only at module top level, so the factory call inside it runs once; the routes close over that one client.',
    expected: {},
  },
  {
    name: 'commander actions open the client once per CLI run',
    project: 'commander-cli-actions',
    note: 'A commander action runs once per invocation of the CLI; the imported factory\'s only callers are actions.',
    expected: {},
  },
  {
    name: 'middleware factory called once by app.use(rateLimit(config))',
    project: 'express-middleware-factory-once',
    note: 'The issue: a middleware factory called once by `app.use(factory(config))` builds its client once; the client is built in the factory, not in the returned middleware.',
    expected: {},
  },
  {
    name: 'Remix singleton(name, () => new Redis()) from ~/utils/singleton.server',
    project: 'remix-singleton-wrapper',
    note: 'The imported wrapper keeps the value on globalThis behind `??=`: a run-once wrapper by the principle, so its callback runs once.',
    expected: {},
  },
  {
    name: 'a project\'s own lazy() wrapper guarded by a boolean flag',
    project: 'hono-own-lazy-wrapper',
    note: 'Run once by principle, not by name: `lazy` tests a flag it sets on the same path, so the callback runs once and `getRedis()` per request only returns it.',
    expected: {},
  },
  {
    name: 'boolean initialized flag guards the connect',
    project: 'next-boolean-flag-guard',
    note: 'The issue: `if (initialized) return client; … initialized = true` is a test of persistent state that the same path sets.',
    expected: {},
  },
  {
    name: 'ternary guarded by && !cached',
    project: 'next-ternary-not-client-guard',
    note: 'The issue: `&& !client` inside a ternary is a guard of the binding the branch assigns.',
    expected: {},
  },
  {
    name: 'Map pool keyed by URL with has()/get()/set()',
    project: 'express-pool-map-has-get',
    note: 'An entry of a module-level collection tested and set on the same path: one client per URL, not per request, even though the URL comes from the request.',
    expected: {},
  },
  {
    name: 'static getInstance() guards a private constructor that builds the client',
    project: 'static-get-instance-route',
    note: 'A guarded `new` stored in a static field: the constructor runs once, and the route only calls getInstance().',
    expected: {},
  },
  {
    name: 'export default new CacheService() with a client field',
    project: 'export-default-service-instance',
    note: 'DESIGN: a class instantiated only at module scope runs its instance fields once.',
    expected: {},
  },
  {
    name: 'module.exports = new CacheStore() in CommonJS',
    project: 'cjs-module-exports-new-store',
    note: 'The constructor builds the client and the only instance is the module\'s export, built at module scope.',
    expected: {},
  },
  {
    name: 'globalThis holder ??= new JobStore() of an imported class',
    project: 'next-globalthis-class-holder',
    note: 'A `globalThis.x ??= new X()` holder: the imported class is built once, so its constructor\'s client is too.',
    expected: {},
  },
  {
    name: 'service modules each build the imported cache class at module scope',
    project: 'class-instances-at-module-scope',
    note: 'Two module-scope `new RedisCache()` run once each (two connections per process, not per request).',
    expected: {},
  },
  {
    name: 'NestJS provider connects in onModuleInit',
    project: 'nest-on-module-init-provider',
    note: 'DESIGN: `onModuleInit` of a singleton provider is a lifecycle hook that runs once.',
    expected: {},
  },
  {
    name: 'NestJS useFactory names an imported client factory',
    project: 'nest-use-factory-imported',
    note: 'The factory\'s only use is as a `useFactory` provider, which Nest calls once; the factory file stays silent.',
    expected: {},
  },
  {
    name: 'Nitro plugin awaits an imported connect helper',
    project: 'nitro-plugin-imported-factory',
    note: 'A `defineNitroPlugin` callback runs once at start; the handler reads the client from the event context.',
    expected: {},
  },
  {
    name: 'NodeNext module builds the client from an imported factory at module scope',
    project: 'nodenext-module-client-from-factory',
    note: '`./redis.js` resolves to src/redis.ts; the factory\'s only caller is module scope.',
    expected: {},
  },
  {
    name: 'promise memo wraps an async IIFE in the guarded branch',
    project: 'promise-memo-async-iife',
    note: 'DESIGN: a Promise memo; the IIFE runs in the guarded part of the memoised assignment, so once.',
    expected: {},
  },
  {
    name: 'Lambda memo calls an imported factory inside its guard',
    project: 'lambda-memo-over-imported-factory',
    note: 'The issue: a factory only called from the guarded part of a memoised function runs once; the handler calls the memo.',
    expected: {},
  },
  {
    name: 'Fastify plugin wrapped in fp() calls an imported factory',
    project: 'fastify-plugin-imported-factory',
    note: 'DESIGN: a Fastify plugin runs once at registration; the route uses the decorated client.',
    expected: {},
  },
  {
    name: 'vitest beforeAll awaits an imported test helper',
    project: 'vitest-before-all-helper',
    note: 'Test lifecycle hooks run once per suite; the helper\'s only caller is `beforeAll`, so it stays silent.',
    expected: {},
  },
  {
    name: 'instrumentation register() connects through an imported helper',
    project: 'next-instrumentation-register',
    note: 'DESIGN: `instrumentation.ts` `register()` runs once at server start.',
    expected: {},
  },
  {
    name: 'route calls a factory of @upstash/redis HTTP clients',
    project: 'upstash-factory-per-request',
    note: 'DESIGN "What counts as building a connection": `@upstash/redis` is an HTTP client; a factory of it builds no connection.',
    expected: {},
  },
  {
    name: 'local module exporting a fake createClient with duplicate()',
    project: 'local-fake-create-client',
    note: 'Never by name: a local module that happens to export `createClient` is not a client source, and `.duplicate()` on its result is not a client\'s.',
    expected: {},
  },
  {
    name: 'workspace package factory called at module scope through a tsconfig paths alias',
    project: 'monorepo-paths-module-scope',
    note: 'The alias resolves to the package source; its factory\'s only caller is module scope of apps/web/src/cache.ts.',
    expected: {},
  },
  {
    name: 'SSE route duplicates the imported client once behind a guard',
    project: 'next-sse-guarded-subscriber',
    note: 'The subscriber is assigned to a module binding under `if (!subscriber)`: one dedicated connection per process, shared by every stream.',
    expected: {},
  },
  {
    name: 'socket.io redis adapter duplicates the imported client at module scope',
    project: 'socketio-adapter-module-duplicate',
    note: 'A module-scope `.duplicate()` runs once; the connection callback only emits.',
    expected: {},
  },
  {
    name: 'lazy this.client on an instance built once in another module',
    project: 'lazy-member-client-run-once-instance',
    note: 'The issue: state on `this` in a class whose instances are themselves run-once; the only instance is built at module scope of sessions.ts.',
    expected: {},
  },
  {
    name: 'exported factory whose only caller in its file is a memo',
    project: 'exported-factory-behind-own-memo',
    note: 'The issue: a factory only called from a memoised function in the same file runs once; the route calls the memo. No other file calls the factory.',
    expected: {},
  },
  {
    name: 'WeakMap pool keyed by module-level tenant configs',
    project: 'weakmap-pool-per-tenant-config',
    note: 'An entry of a module-level WeakMap tested and set on the same path: one client per tenant object for the life of the process.',
    expected: {},
  },
  {
    name: 'route-level middleware factory called while the routes are registered',
    project: 'express-route-level-middleware-factory',
    note: '`trips.get(\'/\', cacheFor(60), handler)` calls the factory at module scope, once per route, not per request; only the returned middleware runs per request, and it builds nothing.',
    expected: {},
  },
];

export const projectCases: readonly ProjectCase[] = [...reportedAcrossFiles, ...staySilent];
