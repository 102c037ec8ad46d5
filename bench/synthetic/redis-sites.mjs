/**
 * Files that build Redis clients, in the forms DESIGN.md names: per-request constructions the rule
 * must report (hoistable or not) and run-once constructions it must leave alone, plus look-alikes
 * (HTTP clients, mentions in comments and strings) that only the text pre-filter lets through.
 */
import { createWriter, functionDeclaration, importLines, indent, inFunction, pascal, statements, verbs, camel } from './code.mjs';

export const perRequest = (form, hoistable) => ({ form, perRequest: true, hoistable });
export const runsOnce = (form) => ({ form, perRequest: false, hoistable: false });

export function redisUrl(random, ts) {
  const url = random.pick(['process.env.REDIS_URL', "process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'", 'process.env.KV_URL']);
  return ts && url !== "process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'" ? `${url}${random.pick(['!', ' as string'])}` : url;
}

/** Ordinary code around the Redis site, so these files are as long as their neighbours. */
export function filler(w, entity, count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push('', ...functionDeclaration(w, { name: camel(w.random.pick(verbs), entity, `part${i}`) }));
  return lines;
}

export function pagesApiIoredis(random, entity) {
  const w = createWriter(random, { ts: true });
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(1, 4)));
  return {
    path: `src/pages/api/${entity}s/${random.pick(['hits', 'views', 'counter', 'rate'])}.ts`,
    sites: [perRequest('pages/api handler, ioredis default import', true)],
    lines: [
      "import type { NextApiRequest, NextApiResponse } from 'next';", "import Redis from 'ioredis';", ...importLines(w, random.int(0, 2)),
      ...filler(w, entity, random.int(0, 2)), '',
      'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
      `  const redis = new Redis(${redisUrl(random, true)});`, '  const input: any = req.query;', ...indent(body),
      `  const hits = await redis.incr(\`${entity}:\${String(req.query.id ?? 'all')}:hits\`);`,
      ...(random.chance(0.6) ? ['  await redis.quit();'] : []), '  res.status(200).json({ hits });', '}',
    ],
  };
}

export function appRouteIoredis(random, entity) {
  const w = createWriter(random, { ts: true });
  const body = inFunction(w, true, () => statements(w, ['input', 'id'], random.int(1, 4)));
  const className = random.chance(0.3) ? 'IORedis' : 'Redis';
  return {
    path: `src/app/api/${entity}s/[id]/${random.pick(['cache', 'lock', 'presence'])}/route.ts`,
    sites: [perRequest('App Router route handler, named ioredis import', true)],
    lines: [
      "import { NextResponse } from 'next/server';", `import { ${className === 'Redis' ? 'Redis' : 'Redis as IORedis'} } from 'ioredis';`,
      ...importLines(w, random.int(0, 2)), ...filler(w, entity, random.int(0, 1)), '',
      'export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {',
      '  const { id } = await params;', '  const input = Object.fromEntries(new URL(request.url).searchParams);',
      `  const redis = new ${className}(${redisUrl(random, true)});`, ...indent(body),
      `  const cached = await redis.get(\`${entity}:\${id}\`);`, '  if (cached) return NextResponse.json(JSON.parse(cached));',
      `  await redis.set(\`${entity}:\${id}\`, JSON.stringify(input), 'EX', ${random.int(30, 3600)});`, '  return NextResponse.json(input);', '}',
    ],
  };
}

export function expressNodeRedis(random, entity) {
  const ts = random.chance(0.5);
  const w = createWriter(random, { ts });
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(1, 4)));
  return {
    path: `src/server/routes/${entity}s-cache${ts ? '.ts' : '.js'}`,
    sites: [perRequest('Express route callback, node-redis createClient', true)],
    lines: [
      "import express from 'express';", "import { createClient } from 'redis';", ...importLines(w, random.int(0, 2)),
      ...filler(w, entity, random.int(0, 2)), '', 'const router = express.Router();', '',
      `router.get('/:id', async (req${ts ? ': express.Request' : ''}, res${ts ? ': express.Response' : ''}) => {`,
      `  const client = createClient({ url: ${redisUrl(random, false)} });`,
      "  client.on('error', (error) => console.error('redis error', error));", '  await client.connect();', '  try {',
      '    const input = req.query;', ...indent(body, 2), `    const value = await client.hGetAll(\`${entity}:\${req.params.id}\`);`,
      '    res.json(value);', '  } finally {', `    await client.${random.pick(['quit', 'close', 'disconnect'])}();`, '  }', '});', '', 'export default router;',
    ],
  };
}

export function expressCommonJsIoredis(random, entity) {
  const w = createWriter(random, { ts: false });
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(1, 4)));
  return {
    path: `src/server/routes/${entity}s-queue.js`,
    sites: [perRequest('Express route callback, require(\'ioredis\')', true)],
    lines: [
      "const express = require('express');", "const Redis = require('ioredis');", '', 'const router = express.Router();',
      ...filler(w, entity, random.int(0, 2)), '', "router.post('/', async (req, res, next) => {",
      `  const redis = new Redis(${redisUrl(random, false)});`, '  try {', '    const input = req.body;', ...indent(body, 2),
      `    await redis.lpush('${entity}:queue', JSON.stringify(input));`, '    res.status(202).end();', '  } catch (error) {',
      '    next(error);', '  } finally {', '    redis.disconnect();', '  }', '});', '', 'module.exports = router;',
    ],
  };
}

export function memoisedSingleton(random, entity) {
  const w = createWriter(random, { ts: true });
  return {
    path: `src/lib/cache/${entity}Cache.ts`,
    sites: [runsOnce('memoised module singleton (if (!client))')],
    lines: [
      "import Redis from 'ioredis';", '', 'let client: Redis | undefined;', '',
      'export function getRedis(): Redis {', '  if (!client) {',
      `    client = new Redis(${redisUrl(random, true)}, { maxRetriesPerRequest: ${random.int(1, 5)}, enableAutoPipelining: true });`,
      '  }', '  return client;', '}', '',
      `export async function cached${pascal(entity)}<T>(key: string, load: () => Promise<T>): Promise<T> {`,
      `  const hit = await getRedis().get(\`${entity}:\${key}\`);`, '  if (hit) return JSON.parse(hit) as T;', '  const value = await load();',
      `  await getRedis().set(\`${entity}:\${key}\`, JSON.stringify(value), 'EX', ${random.int(60, 600)});`, '  return value;', '}',
      ...filler(w, entity, random.int(0, 2)),
    ],
  };
}

export function getClientHelper(random, entity) {
  const w = createWriter(random, { ts: true });
  return {
    path: `src/lib/${entity}/redis-client.ts`,
    // Its only caller in this file is itself exported: the callers the rule cannot see carry the report.
    sites: [{ form: 'exported getClient() helper that connects on every call, no per-request caller in its file', perRequest: false, hoistable: true }],
    lines: [
      "import { createClient } from 'redis';", '', 'export async function getClient() {',
      `  const client = createClient({ url: ${redisUrl(random, false)} });`, '  await client.connect();', '  return client;', '}', '',
      `export async function count${pascal(entity)}Views(page: string): Promise<number> {`, '  const client = await getClient();',
      `  const views = await client.incr(\`${entity}:views:\${page}\`);`, '  await client.quit();', '  return views;', '}',
      ...filler(w, entity, random.int(0, 2)),
    ],
  };
}

export function globalThisSingleton(random, entity) {
  return {
    path: `src/lib/${entity}/redis.ts`,
    sites: [runsOnce('globalThis-guarded singleton')],
    lines: [
      "import Redis from 'ioredis';", '', 'const globalForRedis = globalThis as unknown as { redis?: Redis };', '',
      `export const redis = globalForRedis.redis ?? new Redis(${redisUrl(random, true)});`, '',
      "if (process.env.NODE_ENV !== 'production') globalForRedis.redis = redis;", '', 'export default redis;',
    ],
  };
}

export function subscriberRoute(random, entity) {
  return {
    path: `src/app/api/${entity}s/stream/route.ts`,
    sites: [perRequest('App Router route handler that subscribes', false)],
    lines: [
      "import Redis from 'ioredis';", '', "export const dynamic = 'force-dynamic';", '', 'export async function GET() {',
      `  const sub = new Redis(${redisUrl(random, true)});`, `  await sub.subscribe('${entity}:events');`,
      '  const encoder = new TextEncoder();', '  const stream = new ReadableStream({', '    start(controller) {',
      "      sub.on('message', (_channel, message) => controller.enqueue(encoder.encode(`data: ${message}\\n\\n`)));", '    },',
      '    cancel() {', '      sub.disconnect();', '    },', '  });',
      "  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });", '}',
    ],
  };
}

export function lambdaHandler(random, entity) {
  const ts = random.chance(0.6);
  const w = createWriter(random, { ts });
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(1, 4)));
  return {
    path: `functions/${entity}-counter/handler${ts ? '.ts' : '.js'}`,
    sites: [perRequest('Lambda handler export', true)],
    lines: [
      "import Redis from 'ioredis';", ...filler(w, entity, random.int(0, 1)), '',
      `export const handler = async (event${ts ? ': { body?: string }' : ''}) => {`, `  const redis = new Redis(${redisUrl(random, ts)});`,
      "  const input = JSON.parse(event.body ?? '{}');", ...indent(body), `  const invocations = await redis.incrby('${entity}:invocations', 1);`,
      '  await redis.quit();', '  return { statusCode: 200, body: JSON.stringify({ invocations }) };', '};',
    ],
  };
}

export function moduleScopeClient(random, entity) {
  const ts = random.chance(0.7);
  const w = createWriter(random, { ts });
  return {
    path: `src/services/${entity}Leaderboard${ts ? '.ts' : '.js'}`,
    sites: [runsOnce('client built at module top level')],
    lines: [
      "import { Redis } from 'ioredis';", '', `const redis = new Redis(${redisUrl(random, ts)});`, '',
      `export async function top${pascal(entity)}s(limit = 10) {`,
      `  return redis.zrevrange('${entity}:scores', 0, limit - 1, 'WITHSCORES');`, '}', '',
      `export async function record${pascal(entity)}Score(id${ts ? ': string' : ''}, score${ts ? ': number' : ''}) {`,
      `  await redis.zincrby('${entity}:scores', score, id);`, '}', ...filler(w, entity, random.int(0, 2)),
    ],
  };
}

export function nullishMemo(random, entity) {
  return {
    path: `src/lib/${entity}/kv.ts`,
    sites: [runsOnce('node-redis client memoised with ??=')],
    lines: [
      "import { createClient, type RedisClientType } from 'redis';", '',
      'let connecting: Promise<RedisClientType> | undefined;', '',
      'export function kv(): Promise<RedisClientType> {',
      `  connecting ??= createClient({ url: ${redisUrl(random, false)} })`, "    .on('error', (error) => console.error(error))",
      '    .connect() as Promise<RedisClientType>;', '  return connecting;', '}',
    ],
  };
}

export function blockingWorker(random, entity) {
  const w = createWriter(random, { ts: true });
  return {
    path: `src/workers/${entity}Worker.ts`,
    // Exported, with no caller in its file: the callers the rule cannot see carry the report.
    sites: [{ form: 'exported helper that blocks on BRPOP, no caller in its file', perRequest: false, hoistable: false }],
    lines: [
      "import Redis from 'ioredis';", ...filler(w, entity, random.int(0, 1)), '',
      `export async function drain${pascal(entity)}Queue(signal: AbortSignal) {`, `  const worker = new Redis(${redisUrl(random, true)});`,
      '  while (!signal.aborted) {', `    const job = await worker.brpop('${entity}:jobs', 5);`, '    if (!job) continue;',
      '    await handleJob(JSON.parse(job[1]));', '  }', '  await worker.quit();', '}', '',
      'async function handleJob(job: { id: string }) {', "  console.log('job', job.id);", '}',
    ],
  };
}

export function serverAction(random, entity) {
  return {
    path: `src/app/(dashboard)/${entity}s/actions.ts`,
    sites: [perRequest("'use server' action", true)],
    lines: [
      "'use server';", '', "import { createClient } from 'redis';", "import { revalidatePath } from 'next/cache';", '',
      `export async function archive${pascal(entity)}(formData: FormData) {`, "  const id = String(formData.get('id'));",
      `  const client = await createClient({ url: ${redisUrl(random, false)} }).connect();`,
      `  await client.sAdd('${entity}:archived', id);`, '  await client.close();', `  revalidatePath('/${entity}s');`, '}',
    ],
  };
}

export function serverSidePropsClient(random, entity) {
  return {
    path: `src/pages/${entity}s/popular.tsx`,
    sites: [perRequest('getServerSideProps', true)],
    lines: [
      "import type { GetServerSideProps } from 'next';", "import Redis from 'ioredis';", '',
      'export const getServerSideProps: GetServerSideProps = async () => {', `  const redis = new Redis(${redisUrl(random, true)});`,
      `  const ids = await redis.zrevrange('${entity}:popular', 0, 9);`, '  redis.disconnect();', '  return { props: { ids } };', '};', '',
      `export default function Popular${pascal(entity)}s({ ids }: { ids: string[] }) {`, '  return (', '    <ol>',
      '      {ids.map((id) => (', '        <li key={id}>{id}</li>', '      ))}', '    </ol>', '  );', '}',
    ],
  };
}

export function tenantClient(random, entity) {
  return {
    path: `src/server/routes/${entity}s-tenant.ts`,
    sites: [perRequest('Express route callback, options from the request', false)],
    lines: [
      "import { Router } from 'express';", "import Redis from 'ioredis';", '', 'export const router = Router();', '',
      "router.get('/:tenant', async (req, res) => {", "  const redis = new Redis({ host: String(req.headers['x-tenant-host']), port: 6379, db: Number(req.params.tenant) });",
      `  res.json(await redis.hgetall('${entity}:settings'));`, '  await redis.quit();', '});',
    ],
  };
}

/** Files that mention Redis but build no connection: the rule and codemod must stay silent. */
export function lookAlike(random, entity) {
  if (random.chance(0.5)) {
    return {
      path: `src/app/api/${entity}s/edge/route.ts`,
      sites: [],
      lines: [
        "import { Redis } from '@upstash/redis';", '', "export const runtime = 'edge';", '',
        'export async function GET() {', '  // An HTTP client: one request per command, no connection to keep.',
        '  const redis = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN! });',
        `  return Response.json({ count: await redis.incr('${entity}:edge') });`, '}',
      ],
    };
  }
  const w = createWriter(random, { ts: true });
  return {
    path: `src/lib/${entity}/cacheKeys.ts`,
    sites: [],
    lines: [
      '// Keys shared with the redis cache; new Redis() is built once in lib/redis.ts, never here.',
      `export const ${entity}Key = (id: string) => \`${entity}:\${id}\`;`,
      "export const redisDocs = 'https://redis.io/docs/latest/commands/';", ...filler(w, entity, random.int(1, 2)),
    ],
  };
}

/** Relative weights of the forms among the ~2% of files that build a client. */
export const redisForms = {
  pagesApiIoredis: [pagesApiIoredis, 14],
  appRouteIoredis: [appRouteIoredis, 12],
  expressNodeRedis: [expressNodeRedis, 12],
  expressCommonJsIoredis: [expressCommonJsIoredis, 8],
  memoisedSingleton: [memoisedSingleton, 8],
  getClientHelper: [getClientHelper, 8],
  globalThisSingleton: [globalThisSingleton, 5],
  subscriberRoute: [subscriberRoute, 6],
  lambdaHandler: [lambdaHandler, 8],
  moduleScopeClient: [moduleScopeClient, 6],
  nullishMemo: [nullishMemo, 4],
  blockingWorker: [blockingWorker, 3],
  serverAction: [serverAction, 4],
  serverSidePropsClient: [serverSidePropsClient, 4],
  tenantClient: [tenantClient, 3],
};
