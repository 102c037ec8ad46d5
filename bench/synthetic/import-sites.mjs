/**
 * Groups of files where the connection is built in one module and opened per request in another:
 * helper factories, a shared client that routes `.duplicate()`, a class whose constructor builds a
 * client, and a helper that re-exports or wraps the factory. Routes import them through the
 * tsconfig alias `@/…` and through relative paths. The rule reports the per-request call, never the
 * helper's own construction; calls at module scope or behind a memo stay silent.
 */
import { camel, createWriter, importLines, indent, inFunction, pascal, statements } from './code.mjs';
import { filler, redisUrl } from './redis-sites.mjs';

/** A call or `new` in this file that opens a connection built in another module, on every request. */
const perRequestCall = (form) => ({ form, perRequest: true, imported: true });
/** A construction or call the rule must leave alone: an exported helper's own client, or a run-once use of one. */
const silent = (form) => ({ form, perRequest: false, imported: true });

const routeBody = (w, names, count) => indent(inFunction(w, true, () => statements(w, names, count)));

/** A factory in lib/cache, a wrapper that re-exports it and closes what it opens, two routes and a run-once user. */
function cacheFactory(random, entity) {
  const w = createWriter(random, { ts: true });
  const E = pascal(entity);
  const open = `open${E}Cache`;
  const withCache = `with${E}Cache`;
  return [
    {
      path: `src/lib/cache/${entity}-client.ts`,
      sites: [silent('exported factory: its callers in other files carry the report')],
      lines: [
        "import Redis from 'ioredis';", '',
        `/** Each call opens its own connection to the ${entity} cache. */`,
        `export function ${open}(): Redis {`, `  return new Redis(${redisUrl(random, true)}, { maxRetriesPerRequest: ${random.int(1, 3)} });`, '}',
      ],
    },
    {
      path: `src/lib/cache/${entity}-cache.ts`,
      sites: [silent('wrapper that re-exports the factory and closes what it opens')],
      lines: [
        `import { ${open} } from './${entity}-client';`, '', `export { ${open} };`, '',
        `export async function ${withCache}<T>(work: (cache: ReturnType<typeof ${open}>) => Promise<T>): Promise<T> {`,
        `  const cache = ${open}();`, '  try {', '    return await work(cache);', '  } finally {', '    cache.disconnect();', '  }', '}',
        ...filler(w, entity, random.int(0, 1)),
      ],
    },
    {
      path: `src/app/api/${entity}s/cache-stats/route.ts`,
      sites: [perRequestCall('route handler calls a re-exported factory imported through @/')],
      lines: [
        "import { NextResponse } from 'next/server';", `import { ${open} } from '@/lib/cache/${entity}-cache';`, ...importLines(w, random.int(0, 2)), '',
        'export async function GET(request: Request) {', '  const input = Object.fromEntries(new URL(request.url).searchParams);',
        `  const cache = ${open}();`, ...routeBody(w, ['input'], random.int(1, 3)),
        `  const hits = await cache.incr('${entity}:stats:hits');`, '  cache.disconnect();', `  return NextResponse.json({ hits, ${entity}: input });`, '}',
      ],
    },
    {
      path: `src/server/routes/${entity}s-cached.ts`,
      sites: [perRequestCall('Express callback calls a wrapper of the factory through a relative path')],
      lines: [
        "import { Router } from 'express';", "import type { NextFunction, Request, Response } from 'express';",
        `import { ${withCache} } from '../../lib/cache/${entity}-cache';`, '', 'export const router = Router();', '',
        "router.get('/count', async (req: Request, res: Response, next: NextFunction) => {", '  try {', '    const input = req.query;',
        ...indent(routeBody(w, ['input'], random.int(1, 3))),
        `    const count = await ${withCache}((cache) => cache.scard('${entity}:ids'));`, '    res.json({ count, input });',
        '  } catch (error) {', '    next(error);', '  }', '});',
      ],
    },
    {
      path: `src/lib/${entity}/shared-cache.ts`,
      sites: [silent('factory called at module scope'), silent('factory called in a memoised getter')],
      lines: [
        `import { ${open} } from '@/lib/cache/${entity}-client';`, '',
        `const warm = ${open}();`, `void warm.ping();`, '',
        `let shared: ReturnType<typeof ${open}> | undefined;`, '',
        `export function shared${E}Cache() {`, '  if (!shared) {', `    shared = ${open}();`, '  }', '  return shared;', '}',
        ...filler(w, entity, random.int(0, 1)),
      ],
    },
  ];
}

/** A module-level client that the events routes `.duplicate()` for subscribing: once at module scope, once per request. */
function sharedClientDuplicate(random, entity) {
  const w = createWriter(random, { ts: true });
  const bus = camel(entity, 'Bus');
  return [
    {
      path: `src/lib/redis/${entity}-bus.ts`,
      sites: [silent('client built at module scope and exported')],
      lines: [
        "import Redis from 'ioredis';", '', `export const ${bus} = new Redis(${redisUrl(random, true)});`, '',
        `export async function publish${pascal(entity)}Event(event: { type: string; id: string }) {`,
        `  await ${bus}.publish('${entity}:events', JSON.stringify(event));`, '}', ...filler(w, entity, random.int(0, 1)),
      ],
    },
    {
      path: `src/app/api/${entity}s/live/route.ts`,
      sites: [perRequestCall('route handler duplicates an imported client to subscribe')],
      lines: [
        `import { ${bus} } from '@/lib/redis/${entity}-bus';`, '', "export const dynamic = 'force-dynamic';", '',
        'export async function GET() {', `  const sub = ${bus}.duplicate();`, `  await sub.subscribe('${entity}:events');`,
        '  const encoder = new TextEncoder();', '  const stream = new ReadableStream({', '    start(controller) {',
        "      sub.on('message', (_channel, message) => controller.enqueue(encoder.encode(`data: ${message}\\n\\n`)));", '    },',
        '    cancel() {', '      sub.disconnect();', '    },', '  });',
        "  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });", '}',
      ],
    },
    {
      path: `src/server/routes/${entity}s-events.ts`,
      sites: [silent('duplicate at module scope'), perRequestCall('Express callback duplicates an imported client')],
      lines: [
        "import { Router } from 'express';", `import { ${bus} } from '../../lib/redis/${entity}-bus';`, '',
        `const publisher = ${bus}.duplicate();`, 'export const router = Router();', '',
        "router.post('/', async (req, res) => {", `  await publisher.publish('${entity}:events', JSON.stringify(req.body));`, '  res.status(202).end();', '});', '',
        "router.get('/stream', async (req, res) => {", `  const sub = ${bus}.duplicate();`,
        "  res.writeHead(200, { 'content-type': 'text/event-stream' });",
        `  await sub.subscribe('${entity}:events');`, "  sub.on('message', (_channel, message) => res.write(`data: ${message}\\n\\n`));",
        "  req.on('close', () => sub.disconnect());", '});',
      ],
    },
  ];
}

/** A service class whose constructor builds a client: one instance at module scope, one per request in a route. */
function clientClass(random, entity) {
  const w = createWriter(random, { ts: true });
  const Store = pascal(entity, 'Store');
  const instance = camel(entity, 'Store');
  return [
    {
      path: `src/services/${entity}-store.ts`,
      sites: [silent('exported class builds its client in the constructor')],
      lines: [
        "import { createClient } from 'redis';", '', `export class ${Store} {`, '  private readonly client;', '',
        `  constructor(url = ${redisUrl(random, false)}) {`, '    this.client = createClient({ url });', '  }', '',
        '  async read(id: string): Promise<string | null> {', '    if (!this.client.isOpen) await this.client.connect();',
        `    return this.client.get(\`${entity}:\${id}\`);`, '  }', '}', ...filler(w, entity, random.int(0, 1)),
      ],
    },
    {
      path: `src/app/api/${entity}s/[id]/stored/route.ts`,
      sites: [perRequestCall('route handler constructs an imported class that builds a client')],
      lines: [
        `import { ${Store} } from '@/services/${entity}-store';`, '',
        'export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {', '  const { id } = await params;',
        `  const store = new ${Store}();`, ...routeBody(w, ['id'], random.int(1, 3)), '  return Response.json({ value: await store.read(id) });', '}',
      ],
    },
    {
      path: `src/services/${entity}-store-instance.ts`,
      sites: [silent('class instantiated once at module scope')],
      lines: [`import { ${Store} } from './${entity}-store';`, '', `export const ${instance} = new ${Store}();`],
    },
  ];
}

/** Relative weights of the groups among the ~1% of files that reach a client through an import. */
export const importGroups = {
  cacheFactory: [cacheFactory, 4],
  sharedClientDuplicate: [sharedClientDuplicate, 3],
  clientClass: [clientClass, 3],
};
