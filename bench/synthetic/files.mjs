/**
 * Ordinary files of a Next.js + Express code base: route handlers, React components, hooks,
 * utilities, services, types and tests. None of them builds a Redis client.
 */
import {
  arrowHelper, camel, classDeclaration, createWriter, entities, functionDeclaration, importLines, indent,
  inFunction, interfaceDeclaration, jsxTree, pascal, statements, verbs,
} from './code.mjs';

const apiBase = "const API_BASE = process.env.API_BASE_URL ?? 'https://api.example.com';";

function helpers(w, count, exported = false) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    const name = camel(w.random.pick(verbs), w.random.pick(entities), `step${i}`);
    lines.push('', ...(w.random.chance(0.7) ? functionDeclaration(w, { name, exported }) : arrowHelper(w, name, exported)));
  }
  return lines;
}

export function nextPagesApiRoute(random, entity) {
  const w = createWriter(random, { ts: true });
  const method = random.pick(['GET', 'POST', 'PUT', 'DELETE']);
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(3, 9)));
  return {
    path: `src/pages/api/${entity}s/${random.pick(['index', '[id]', 'search', 'export', 'stats', 'bulk'])}.ts`,
    lines: [
      "import type { NextApiRequest, NextApiResponse } from 'next';", ...importLines(w, random.int(1, 4)), '', apiBase,
      ...helpers(w, random.int(0, 2)), '',
      'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
      `  if (req.method !== '${method}') {`, `    res.setHeader('Allow', '${method}');`, '    return res.status(405).end();', '  }',
      `  const input: any = ${method === 'GET' ? 'req.query' : 'req.body'};`,
      ...indent(body), `  res.status(200).json({ ok: true, ${entity}: input });`, '}',
    ],
  };
}

export function nextAppRoute(random, entity) {
  const w = createWriter(random, { ts: true });
  const lines = ["import { NextResponse } from 'next/server';", ...importLines(w, random.int(1, 3)), '', apiBase];
  lines.push(...helpers(w, random.int(0, 2)));
  for (const method of random.sample(['GET', 'POST', 'PATCH', 'DELETE'], random.int(1, 3))) {
    const body = inFunction(w, true, () => statements(w, ['input', 'id'], random.int(2, 7)));
    lines.push('', `export async function ${method}(request: Request, { params }: { params: Promise<{ id: string }> }) {`,
      '  const { id } = await params;', `  const input = ${method === 'GET' ? 'Object.fromEntries(new URL(request.url).searchParams)' : 'await request.json()'};`,
      ...indent(body), `  return NextResponse.json({ id, ${entity}: input }, { status: ${method === 'POST' ? 201 : 200} });`, '}');
  }
  return { path: `src/app/api/${entity}s/${random.pick(['[id]/', '', 'search/', '[id]/history/'])}route.ts`, lines };
}

export function expressRouter(random, entity) {
  const ts = random.chance(0.4);
  const commonJs = !ts && random.chance(0.5);
  const w = createWriter(random, { ts });
  const lines = commonJs
    ? ["const { Router } = require('express');", `const { logger } = require('../lib/logger');`, `const ${camel('validate', entity)} = require('../validation/${entity}');`]
    : ["import { Router } from 'express';", ...importLines(w, random.int(1, 3))];
  lines.push('', apiBase, '', 'const router = Router();');
  for (const [verb, path] of random.sample([['get', '/'], ['get', '/:id'], ['post', '/'], ['put', '/:id'], ['delete', '/:id'], ['patch', '/:id/status']], random.int(2, 5))) {
    const params = ts ? '(req: Request, res: Response, next: NextFunction)' : '(req, res, next)';
    const body = inFunction(w, true, () => statements(w, ['input'], random.int(2, 6)));
    lines.push('', `router.${verb}('${path}', async ${params} => {`, '  try {', `    const input = ${verb === 'get' ? 'req.query' : 'req.body'};`,
      ...indent(body, 2), `    res.${verb === 'post' ? 'status(201).json' : 'json'}({ ${entity}: input });`,
      '  } catch (error) {', '    next(error);', '  }', '});');
  }
  if (ts) lines.splice(1, 0, "import type { NextFunction, Request, Response } from 'express';");
  lines.push('', commonJs ? 'module.exports = router;' : 'export default router;');
  return { path: `src/server/routes/${entity}s${ts ? '.ts' : '.js'}`, lines };
}

export function expressMiddleware(random, entity) {
  const ts = random.chance(0.4);
  const w = createWriter(random, { ts });
  const name = camel(random.pick(['require', 'load', 'attach', 'check']), entity);
  const params = ts ? '(req: Request, res: Response, next: NextFunction)' : '(req, res, next)';
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(2, 5)));
  return {
    path: `src/server/middleware/${name}${ts ? '.ts' : '.js'}`,
    lines: [
      ...(ts ? ["import type { NextFunction, Request, Response } from 'express';"] : []), ...importLines(w, random.int(1, 2)), '',
      `export async function ${name}${params} {`, `  const input = req.headers['x-${entity}-id'];`, '  if (!input) {',
      `    return res.status(401).json({ error: 'Missing ${entity}' });`, '  }', ...indent(body), '  next();', '}',
    ],
  };
}

export function reactComponent(random, entity) {
  const w = createWriter(random, { ts: true, jsx: true });
  const name = pascal(entity, random.pick(['List', 'Card', 'Table', 'Form', 'Panel', 'Summary', 'Row', 'Dialog']));
  const lines = [
    ...(random.chance(0.5) ? ["'use client';", ''] : []),
    "import { useEffect, useMemo, useState } from 'react';", "import { Badge, Button, Card, EmptyState, Stack } from '@/components/ui';",
    ...importLines(w, random.int(0, 2)), '', ...interfaceDeclaration(w, `${name}Props`), '',
  ];
  lines.push(...helpers(w, random.int(0, 2)), '');
  const effect = inFunction(w, true, () => statements(w, ['props'], random.int(1, 3)));
  lines.push(`export function ${name}(props: ${name}Props & { items: any[] }) {`, '  const [open, setOpen] = useState(false);',
    '  const items = useMemo(() => props.items.filter((item) => !item.archived), [props.items]);', '  useEffect(() => {',
    '    const run = async () => {', ...indent(effect, 3), '    };', '    void run();', `  }, [props.${random.pick(['id', 'status', 'name'])}]);`,
    '  return (', ...indent(jsxTree(w), 2), '  );', '}');
  if (random.chance(0.3)) lines.push('', `export default ${name};`);
  return { path: `src/components/${random.pick(['dashboard', 'settings', 'billing', 'shared', 'forms', entity])}/${name}.tsx`, lines };
}

export function nextPage(random, entity) {
  const w = createWriter(random, { ts: true, jsx: true });
  const name = pascal(entity, 'Page');
  if (random.chance(0.5)) {
    const body = inFunction(w, true, () => statements(w, ['props', 'id', 'items'], random.int(1, 4)));
    return {
      path: `src/app/(dashboard)/${entity}s/${random.pick(['', '[id]/', 'new/', 'settings/'])}page.tsx`,
      lines: [
        "import { Badge, Button, Card, EmptyState, Stack } from '@/components/ui';", ...importLines(w, random.int(1, 3)), '',
        `export default async function ${name}(props: { params: Promise<{ id: string }> }) {`, '  const { id } = await props.params;',
        `  const items: any[] = await ${camel('list', entity)}(id);`, '  const open = false;', '  const setOpen = (_next: boolean) => {};',
        ...indent(body), '  return (', ...indent(jsxTree(w), 2), '  );', '}',
      ],
    };
  }
  const body = inFunction(w, true, () => statements(w, ['context', 'id', 'items'], random.int(1, 4)));
  return {
    path: `src/pages/${entity}s/${random.pick(['[id]', 'index', 'archive'])}.tsx`,
    lines: [
      "import type { GetServerSideProps } from 'next';", "import { useState } from 'react';",
      "import { Badge, Button, Card, EmptyState, Stack } from '@/components/ui';", ...importLines(w, random.int(1, 2)), '',
      `export const getServerSideProps: GetServerSideProps = async (context) => {`, ...indent(body),
      `  return { props: { items: [], id: String(context.params?.id ?? '') } };`, '};', '',
      `export default function ${name}(props: { items: any[]; id: string; status?: string }) {`, '  const [open, setOpen] = useState(false);',
      '  const items = props.items;', '  return (', ...indent(jsxTree(w), 2), '  );', '}',
    ],
  };
}

export function reactHook(random, entity) {
  const w = createWriter(random, { ts: true });
  const name = camel('use', entity, random.pick(['Query', 'Filters', 'Selection', 'Sync', 'Form']));
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(1, 4)));
  return {
    path: `src/hooks/${name}.ts`,
    lines: [
      "import { useCallback, useEffect, useState } from 'react';", ...importLines(w, random.int(0, 2)), '',
      `export function ${name}(input: any, options: { enabled?: boolean } = {}) {`, '  const [data, setData] = useState<unknown>(null);',
      '  const [error, setError] = useState<Error | null>(null);', '  const refresh = useCallback(async () => {', '    try {',
      ...indent(body, 3), '      setData(input);', '    } catch (caught) {', '      setError(caught as Error);', '    }', '  }, [input]);',
      '  useEffect(() => {', '    if (options.enabled !== false) void refresh();', '  }, [options.enabled, refresh]);',
      '  return { data, error, refresh };', '}',
    ],
  };
}

export function tsUtility(random, entity) {
  const w = createWriter(random, { ts: true });
  const lines = [...importLines(w, random.int(0, 3)), '', ...interfaceDeclaration(w, pascal(entity, 'Input')), '', apiBase];
  for (let i = 0, count = random.int(1, 5); i < count; i++) {
    lines.push('', ...functionDeclaration(w, { name: camel(random.pick(verbs), entity, random.pick(['', 'All', 'ById', 'Batch'])) + i, exported: random.chance(0.7) }));
  }
  return { path: `src/lib/${entity}/${camel(random.pick(verbs), entity)}.ts`, lines };
}

export function jsUtility(random, entity) {
  const w = createWriter(random, { ts: false });
  const commonJs = random.chance(0.4);
  const names = [];
  const lines = commonJs ? ["'use strict';", '', "const { logger } = require('./logger');", apiBase] : [...importLines(w, random.int(0, 2)), '', apiBase];
  for (let i = 0, count = random.int(1, 4); i < count; i++) {
    const name = camel(random.pick(verbs), entity) + i;
    names.push(name);
    lines.push('', ...functionDeclaration(w, { name, exported: !commonJs }));
  }
  if (commonJs) lines.push('', `module.exports = { ${names.join(', ')} };`);
  return { path: `src/utils/${entity}${random.pick(['', 'Format', 'Dates', 'Math', 'Strings'])}.js`, lines };
}

export function typeModule(random, entity) {
  const w = createWriter(random, { ts: true });
  const name = pascal(entity);
  return {
    path: `src/types/${entity}.ts`,
    lines: [
      `export type Status = ${['active', 'pending', 'archived', 'failed'].map((status) => `'${status}'`).join(' | ')};`, '',
      ...interfaceDeclaration(w, name), '', ...interfaceDeclaration(w, `${name}Summary`), '',
      `export enum ${name}Kind {`, '  Standard = \'standard\',', '  Premium = \'premium\',', '  Internal = \'internal\',', '}', '',
      `export type ${name}Patch = Partial<Omit<${name}, 'id'>> & { id: string };`,
      `export type ${name}ById = Record<string, ${name}>;`,
      `export const ${camel('default', entity)} = { status: 'pending' } as const satisfies Partial<${name}>;`,
    ],
  };
}

export function serviceClass(random, entity) {
  const w = createWriter(random, { ts: random.chance(0.8) });
  const name = pascal(entity, 'Service');
  const lines = [...importLines(w, random.int(1, 3)), ...(w.ts ? ["import type { Database } from '@/lib/db';"] : []), '', ...classDeclaration(w, name)];
  lines.push(...helpers(w, random.int(0, 2), true));
  return { path: `src/services/${name}${w.ts ? '.ts' : '.js'}`, lines };
}

export function testFile(random, entity) {
  const w = createWriter(random, { ts: true, jsx: random.chance(0.2) });
  const subject = camel(random.pick(verbs), entity);
  const lines = ["import { beforeEach, describe, expect, it, vi } from 'vitest';", `import { ${subject} } from '../../src/lib/${entity}/${subject}';`, '',
    `describe('${subject}', () => {`, '  beforeEach(() => {', '    vi.restoreAllMocks();', '  });'];
  for (let i = 0, count = random.int(2, 6); i < count; i++) {
    const body = inFunction(w, true, () => statements(w, ['input'], random.int(1, 3)));
    lines.push('', `  it('${random.pick(['returns', 'rejects', 'keeps', 'drops', 'merges'])} ${random.pick(entities)}s ${random.pick(['in order', 'when empty', 'for admins', 'after retry'])}', async () => {`,
      `    const input: any = { id: '${entity}-${i}', status: 'active', items: [] };`, ...indent(body, 2),
      `    expect(await ${subject}(input)).${random.pick(['toEqual(input)', 'toBeDefined()', 'toMatchObject({ id: input.id })', 'not.toBeNull()'])};`, '  });');
  }
  lines.push('});');
  return { path: `test/${entity}/${subject}${w.jsx ? '.test.tsx' : '.test.ts'}`, lines };
}

export function lambdaFunction(random, entity) {
  const ts = random.chance(0.6);
  const w = createWriter(random, { ts });
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(2, 6)));
  return {
    path: `functions/${entity}-${random.pick(verbs)}/index${ts ? '.ts' : '.js'}`,
    lines: [
      ...importLines(w, random.int(0, 2)), '',
      `export const handler = async (event${ts ? ': { body?: string; pathParameters?: Record<string, string> }' : ''}) => {`,
      "  const input = JSON.parse(event.body ?? '{}');", ...indent(body), `  return { statusCode: 200, body: JSON.stringify({ ${entity}: input }) };`, '};',
    ],
  };
}

export function script(random, entity) {
  const w = createWriter(random, { ts: false });
  const body = inFunction(w, true, () => statements(w, ['input'], random.int(2, 8)));
  return {
    path: `scripts/${random.pick(['seed', 'migrate', 'backfill', 'export', 'cleanup'])}-${entity}s.js`,
    lines: [
      "import { readFile } from 'node:fs/promises';", ...importLines(w, random.int(0, 2)), '', apiBase, '',
      'async function main() {', "  const input = JSON.parse(await readFile(process.argv[2] ?? 'data.json', 'utf8'));", ...indent(body), '}', '',
      'main().catch((error) => {', '  console.error(error);', '  process.exitCode = 1;', '});',
    ],
  };
}

/** Share of each ordinary kind among the files that build no client. */
export const ordinaryKinds = {
  nextPagesApiRoute: [nextPagesApiRoute, 7],
  nextAppRoute: [nextAppRoute, 7],
  expressRouter: [expressRouter, 8],
  expressMiddleware: [expressMiddleware, 3],
  reactComponent: [reactComponent, 22],
  nextPage: [nextPage, 7],
  reactHook: [reactHook, 5],
  tsUtility: [tsUtility, 14],
  jsUtility: [jsUtility, 6],
  typeModule: [typeModule, 4],
  serviceClass: [serviceClass, 5],
  testFile: [testFile, 9],
  lambdaFunction: [lambdaFunction, 2],
  script: [script, 1],
};
