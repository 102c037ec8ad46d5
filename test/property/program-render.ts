/**
 * Turns a `ProgramSpec` into the files of a small project and the findings they must produce. The expectation is
 * decided here, from how the program is built, by DESIGN.md's principle (a construction runs per call unless every
 * path to it passes a test of persistent state, or its function runs only in run-once positions), never by asking
 * the rule.
 */
import path from 'node:path';
import { UNSAFE_USAGES, type Language, type ProgramSpec, type Usage } from './program-spec.js';

/** A construction the program contains, where it starts, and what the rule must say about it. */
export interface PlantedSite {
  file: string;
  line: number;
  /** 1-based, as ESLint reports it. */
  column: number;
  /** How the rule's message names the construction: its callee with the arguments left out, `new Redis()`. */
  construction: string;
  perRequest: boolean;
  hoistable: boolean;
  /** For a per-request site that cannot be shared: a word the rule's reason must contain. */
  reasonMentions?: string;
}

export interface GeneratedProgram {
  spec: ProgramSpec;
  /** Path relative to the program's root → text; package.json and tsconfig.json included. */
  files: Record<string, string>;
  /** Every construction in the program, per-request or not. */
  sites: PlantedSite[];
}

/** Marks where a construction starts in the text being assembled; removed when the file is finished. */
const SITE_MARK = '\u0001';

interface Construction {
  /** Statements that bind the client module (imports, requires, destructuring). */
  imports: string[];
  /** The expression that builds a client with the given argument text. */
  build(args: string): string;
  /** A TypeScript type for the client, for `let client: … | undefined`. */
  type: string;
}

const ts = (language: Language): boolean => language.startsWith('ts');

/** How the program binds its client module and builds a client, for one language and construction form. */
function constructionOf(spec: ProgramSpec, form = spec.form): Construction {
  const { language } = spec;
  if (spec.library === 'ioredis') {
    if (language === 'ts-import-equals') {
      const imports = ["import IORedisModule = require('ioredis');"];
      if (form === 'default-alias') return { imports, build: (args) => `new IORedisModule.default(${args})`, type: 'IORedisModule.Redis' };
      if (form === 'named-alias') {
        return { imports: [...imports, 'const { Redis: RedisClient } = IORedisModule;'], build: (args) => `new RedisClient(${args})`, type: 'IORedisModule.Redis' };
      }
      if (form === 'static-create') return { imports, build: () => 'IORedisModule.Redis.createClient()', type: 'IORedisModule.Redis' };
      return { imports, build: (args) => `new IORedisModule.Redis(${args})`, type: 'IORedisModule.Redis' };
    }
    const cjs = language === 'js-cjs';
    switch (form) {
      case 'default-alias':
        return { imports: [cjs ? "const IORedis = require('ioredis');" : "import IORedis from 'ioredis';"], build: (args) => `new IORedis(${args})`, type: 'IORedis' };
      case 'named-alias':
        return {
          imports: [cjs ? "const { Redis: RedisClient } = require('ioredis');" : "import { Redis as RedisClient } from 'ioredis';"],
          build: (args) => `new RedisClient(${args})`,
          type: 'RedisClient',
        };
      case 'static-create':
        return { imports: [cjs ? "const Redis = require('ioredis');" : "import Redis from 'ioredis';"], build: () => 'Redis.createClient()', type: 'Redis' };
      case 'namespace':
        return {
          imports: [cjs ? "const IORedisNS = require('ioredis');" : "import * as IORedisNS from 'ioredis';"],
          build: (args) => `new IORedisNS.Redis(${args})`,
          type: 'IORedisNS.Redis',
        };
      default:
        return { imports: [cjs ? "const Redis = require('ioredis');" : "import Redis from 'ioredis';"], build: (args) => `new Redis(${args})`, type: 'Redis' };
    }
  }
  if (language === 'ts-import-equals') {
    const imports = ["import redisModule = require('redis');"];
    const type = 'ReturnType<typeof redisModule.createClient>';
    if (form === 'factory-alias') return { imports: [...imports, 'const { createClient: createRedisClient } = redisModule;'], build: (args) => `createRedisClient(${args})`, type };
    return { imports, build: (args) => `redisModule.createClient(${args})`, type };
  }
  const cjs = language === 'js-cjs';
  if (form === 'factory-alias') {
    return {
      imports: [cjs ? "const { createClient: createRedisClient } = require('redis');" : "import { createClient as createRedisClient } from 'redis';"],
      build: (args) => `createRedisClient(${args})`,
      type: 'ReturnType<typeof createRedisClient>',
    };
  }
  if (form === 'namespace') {
    return {
      imports: [cjs ? "const redisNs = require('redis');" : "import * as redisNs from 'redis';"],
      build: (args) => `redisNs.createClient(${args})`,
      type: 'ReturnType<typeof redisNs.createClient>',
    };
  }
  return {
    imports: [cjs ? "const { createClient } = require('redis');" : "import { createClient } from 'redis';"],
    build: (args) => `createClient(${args})`,
    type: 'ReturnType<typeof createClient>',
  };
}

function connectionArguments(spec: ProgramSpec, envName = 'REDIS_URL'): string {
  const ioredis = spec.library === 'ioredis';
  switch (spec.options) {
    case 'literal':
      return ioredis ? "'redis://127.0.0.1:6379'" : "{ url: 'redis://127.0.0.1:6379' }";
    case 'request':
      return ioredis ? 'url' : '{ url }';
    default:
      return ioredis ? `process.env.${envName} ?? 'redis://127.0.0.1:6379'` : `{ url: process.env.${envName} }`;
  }
}

/** The statements that use the client and bind `value`; unsafe usages are the ones a shared connection cannot serve. */
function usageLines(usage: Usage, ioredis: boolean, client = 'client'): string[] {
  switch (usage) {
    case 'set':
      return [`const value = await ${client}.set('greeting', 'hello');`];
    case 'incr':
      return [`const value = await ${client}.incr('hits');`];
    case 'subscribe':
      return ioredis
        ? [`const value = await ${client}.subscribe('news');`]
        : [`await ${client}.subscribe('news', (message) => console.log(message));`, "const value = 'subscribed';"];
    case 'blpop':
      return [`const value = await ${client}.${ioredis ? 'blpop' : 'blPop'}('jobs', 1);`];
    case 'select':
      return [`await ${client}.select(1);`, `const value = await ${client}.get('greeting');`];
    case 'watch':
      return [`await ${client}.watch('greeting');`, `const value = await ${client}.get('greeting');`];
    default:
      return [`const value = await ${client}.get('greeting');`];
  }
}

/** What the rule's reason must name for an unsafe site. */
function unsafeReasonWord(spec: ProgramSpec): string | undefined {
  if (spec.options === 'request') return '`url`';
  if (!UNSAFE_USAGES.has(spec.usage)) return undefined;
  return { subscribe: 'subscribe', blpop: 'BLPOP', select: 'SELECT', watch: 'WATCH' }[spec.usage as 'subscribe' | 'blpop' | 'select' | 'watch'];
}

interface HandlerShape {
  path: string;
  /** Module-level lines the handler needs before it (framework imports, the app). */
  preamble: string[];
  open: string;
  close: string[];
  /** The expression that reads a connection URL from the request. */
  requestUrl: string;
  respond: string;
  /** Module-level lines after the handler. */
  epilogue: string[];
}

function handlerShape(spec: ProgramSpec, ext: string): HandlerShape {
  const typed = ts(spec.language);
  switch (spec.handler) {
    case 'pages-api':
      return {
        path: `pages/api/greeting.${ext}`,
        preamble: [],
        open: typed
          ? 'export default async function handler(req: { query: Record<string, string | undefined> }, res: { json(body: unknown): void }) {'
          : 'export default async function handler(req, res) {',
        close: ['}'],
        requestUrl: "req.query.redis ?? ''",
        respond: 'res.json({ value });',
        epilogue: [],
      };
    case 'app-route':
      return {
        path: `app/api/greeting/route.${ext}`,
        preamble: [],
        open: `export async function ${spec.method}(request${typed ? ': Request' : ''}) {`,
        close: ['}'],
        requestUrl: "new URL(request.url).searchParams.get('redis') ?? ''",
        respond: 'return new Response(JSON.stringify({ value }));',
        epilogue: [],
      };
    case 'lambda-exports':
      return {
        path: `handlers/greeting.${ext}`,
        preamble: [],
        open: 'exports.handler = async (event) => {',
        close: ['};'],
        requestUrl: "event.redisUrl ?? ''",
        respond: 'return { statusCode: 200, body: JSON.stringify({ value }) };',
        epilogue: [],
      };
    case 'express': {
      const importLine =
        spec.language === 'js-cjs' ? "const express = require('express');" : spec.language === 'ts-import-equals' ? "import express = require('express');" : "import express from 'express';";
      return {
        path: `server/app.${ext}`,
        preamble: [importLine, 'const app = express();'],
        open: `app.${spec.method.toLowerCase()}('/greeting', async (req, res) => {`,
        close: ['});'],
        requestUrl: 'String(req.query.redis)',
        respond: 'res.json({ value });',
        epilogue: [spec.language === 'js-cjs' ? 'module.exports = app;' : 'export default app;'],
      };
    }
    default:
      return {
        path: `handlers/greeting.${ext}`,
        preamble: [],
        open: typed ? 'export const handler = async (event: { redisUrl?: string }) => {' : 'export const handler = async (event) => {',
        close: ['};'],
        requestUrl: "event.redisUrl ?? ''",
        respond: 'return { statusCode: 200, body: JSON.stringify({ value }) };',
        epilogue: [],
      };
  }
}

/** `./lib/once` from the importing file, with the extension ESM JavaScript needs. */
function specifier(fromFile: string, toFile: string, language: Language): string {
  let relative = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.[jt]s$/, '');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return language === 'js-esm' ? `${relative}.js` : relative;
}

function importNamed(name: string, from: string, language: Language): string {
  return language === 'js-cjs' ? `const { ${name} } = require('${from}');` : `import { ${name} } from '${from}';`;
}

function onceDefinition(language: Language, exported: boolean): string[] {
  const keyword = exported && language !== 'js-cjs' ? 'export function' : 'function';
  const lines = ts(language)
    ? [
        `${keyword} once<T>(create: () => T): () => T {`,
        '  let made = false;',
        '  let value: T | undefined;',
        '  return () => {',
        '    if (!made) {',
        '      value = create();',
        '      made = true;',
        '    }',
        '    return value as T;',
        '  };',
        '}',
      ]
    : [`${keyword} once(create) {`, '  let made = false;', '  let value;', '  return () => {', '    if (!made) {', '      value = create();', '      made = true;', '    }', '    return value;', '  };', '}'];
  return exported && language === 'js-cjs' ? [...lines, '', 'module.exports = { once };'] : lines;
}

/** The helper module that builds its own client at module scope: run once, imported by the handler. */
function moduleClientHelper(spec: ProgramSpec, file: string): { text: string; construction: string } {
  const construction = constructionOf({ ...spec, options: 'env' }, spec.library === 'ioredis' ? 'class' : 'factory');
  const built = construction.build(connectionArguments({ ...spec, options: 'env' }, 'CACHE_URL'));
  const lines =
    spec.language === 'js-cjs'
      ? [...construction.imports, '', `const cache = ${SITE_MARK}${built};`, '', 'module.exports = { cache };', '']
      : [...construction.imports, '', `export const cache = ${SITE_MARK}${built};`, ''];
  void file;
  return { text: lines.join('\n'), construction: built };
}

interface FileDraft {
  path: string;
  lines: string[];
  /** The constructions marked in the lines, in order of appearance. */
  marks: Omit<PlantedSite, 'file' | 'line' | 'column'>[];
}

/** `new Redis()` for `new Redis(url)`: every generated callee is free of parentheses. */
function label(construction: string): string {
  return `${construction.slice(0, construction.indexOf('('))}()`;
}

/** Replaces each site mark with nothing and records where its construction starts. */
function finish(draft: FileDraft): { text: string; sites: PlantedSite[] } {
  let text = draft.lines.join('\n');
  if (!text.endsWith('\n')) text += '\n';
  const sites: PlantedSite[] = [];
  let index = 0;
  for (let offset = text.indexOf(SITE_MARK); offset !== -1; offset = text.indexOf(SITE_MARK, offset)) {
    text = text.slice(0, offset) + text.slice(offset + 1);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    sites.push({ file: draft.path, line, column, ...draft.marks[index++] });
  }
  if (index !== draft.marks.length) throw new Error(`${draft.path}: ${draft.marks.length} constructions described but ${index} marked`);
  return { text, sites };
}

export function renderProgram(spec: ProgramSpec): GeneratedProgram {
  const { language } = spec;
  const typed = ts(language);
  const ext = typed ? 'ts' : 'js';
  const ioredis = spec.library === 'ioredis';
  const files: Record<string, string> = {};
  const sites: PlantedSite[] = [];
  const construction = constructionOf(spec);

  const testFile = spec.placement === 'test-hook';
  const shape = handlerShape(spec, ext);
  const mainPath = testFile ? `test/greeting.test.${ext}` : shape.path;
  const draft: FileDraft = { path: mainPath, lines: [], marks: [] };
  const top = draft.lines;
  const body: string[] = [];

  top.push(...construction.imports);
  if (testFile) top.push(language === 'js-cjs' ? "const { afterAll, beforeAll, it } = require('vitest');" : "import { afterAll, beforeAll, it } from 'vitest';");
  else top.push(...shape.preamble);

  if (spec.moduleClientHelper) {
    const helperPath = `lib/cache-client.${ext}`;
    const helper = moduleClientHelper(spec, helperPath);
    const finished = finish({ path: helperPath, lines: helper.text.split('\n'), marks: [{ construction: label(helper.construction), perRequest: false, hoistable: false }] });
    files[helperPath] = finished.text;
    sites.push(...finished.sites);
    top.push(importNamed('cache', specifier(mainPath, helperPath, language), language));
    body.push("await cache.incr('requests');");
  }
  if (spec.placement === 'once-imported') {
    const oncePath = `lib/once.${ext}`;
    files[oncePath] = `${onceDefinition(language, true).join('\n')}\n`;
    top.push(importNamed('once', specifier(mainPath, oncePath, language), language));
  }

  // `.duplicate()` duplicates a client built once at module scope, whatever the placement.
  let receiver: string | undefined;
  if (spec.form === 'duplicate') {
    const base = constructionOf(spec, ioredis ? 'class' : 'factory');
    if (base.imports.join() !== construction.imports.join()) top.push(...base.imports);
    const built = base.build(connectionArguments(spec));
    top.push('', `const base = ${SITE_MARK}${built};`);
    draft.marks.push({ construction: label(built), perRequest: false, hoistable: false });
    receiver = 'base';
  }
  const args = connectionArguments(spec);
  const constructionText = receiver ? `${receiver}.duplicate()` : construction.build(args);
  const built = `${SITE_MARK}${constructionText}`;
  const perRequest = (spec.placement === 'handler' && spec.guard === 'none') || spec.placement === 'local-factory';
  const reasonMentions = perRequest ? unsafeReasonWord(spec) : undefined;
  const site = { construction: label(constructionText), perRequest, hoistable: perRequest && reasonMentions === undefined, reasonMentions };
  const clientType = construction.type;
  const connect = ioredis ? [] : ['await client.connect();'];
  const typeOf = (text: string): string => (typed ? text : '');

  // Where the client comes from, as module-level lines and the handler's first lines.
  const acquire: string[] = [];
  switch (spec.placement) {
    case 'module-scope':
      top.push('', `const client = ${built};`);
      break;
    case 'iife':
      top.push('', `const client = (() => ${built})();`);
      break;
    case 'once-local':
    case 'once-imported':
      if (spec.placement === 'once-local') top.push('', ...onceDefinition(language, false));
      top.push('', `const getClient = once(() => ${built});`);
      acquire.push('const client = getClient();');
      break;
    case 'local-factory': {
      const parameter = spec.options === 'request' ? `url${typeOf(': string')}` : '';
      top.push('', `${ioredis ? '' : 'async '}function makeClient(${parameter}) {`, `  return ${built};`, '}');
      if (spec.options === 'request') acquire.push(`const url = ${shape.requestUrl};`);
      acquire.push(`const client = ${ioredis ? '' : 'await '}makeClient(${spec.options === 'request' ? 'url' : ''});`, ...connect);
      break;
    }
    case 'test-hook':
      top.push('', `let client${typeOf(`: ${clientType}`)};`);
      break;
    default: {
      if (spec.options === 'request') acquire.push(`const url = ${shape.requestUrl};`);
      switch (spec.guard) {
        case 'if-not':
          top.push('', `let client${typeOf(`: ${clientType} | undefined`)};`);
          acquire.push('if (!client) {', `  client = ${built};`, ...connect.map((line) => `  ${line}`), '}');
          break;
        case 'nullish-assign':
          top.push('', `let client${typeOf(`: ${clientType} | undefined`)};`);
          acquire.push(`client ??= ${built};`, ...(ioredis ? [] : ['if (!client.isOpen) await client.connect();']));
          break;
        case 'global-this':
          top.push('', typed ? `const globalForRedis = globalThis as unknown as { redis?: ${clientType} };` : 'const globalForRedis = globalThis;');
          acquire.push('if (!globalForRedis.redis) {', `  globalForRedis.redis = ${built};`, ...(ioredis ? [] : ['  await globalForRedis.redis.connect();']), '}');
          acquire.push('const client = globalForRedis.redis;');
          break;
        case 'early-return': {
          // The memo lives in a helper; a request URL, when used, is passed to it.
          const parameter = spec.options === 'request' ? `url${typeOf(': string')}` : '';
          top.push('', `let sharedClient${typeOf(`: ${clientType} | undefined`)};`, '');
          top.push(`async function connectedClient(${parameter}) {`, '  if (sharedClient) return sharedClient;', `  sharedClient = ${built};`);
          if (!ioredis) top.push('  await sharedClient.connect();');
          top.push('  return sharedClient;', '}');
          acquire.push(`const client = await connectedClient(${spec.options === 'request' ? 'url' : ''});`);
          break;
        }
        default:
          acquire.push(`const client = ${built};`, ...connect);
      }
    }
  }
  draft.marks.push(site);

  const use = usageLines(spec.usage, ioredis);
  const closeStatement = spec.close === 'after' ? (ioredis ? 'client.disconnect();' : 'await client.disconnect();') : 'await client.quit();';
  if (testFile) {
    const setup = ioredis ? [`  client = ${built};`] : [`  client = ${built};`, '  await client.connect();'];
    top.push(
      '',
      `beforeAll(${ioredis ? '' : 'async '}() => {`,
      ...(spec.placement === 'test-hook' ? setup : []),
      '});',
      '',
      'afterAll(async () => {',
      '  await client.quit();',
      '});',
      '',
      "it('reads the greeting', async () => {",
      ...[...body, ...use, 'console.log(value);'].map((line) => `  ${line}`),
      '});',
    );
  } else {
    const handlerBody = [...body, ...acquire];
    if (spec.close === 'finally') handlerBody.push('try {', ...[...use, shape.respond].map((line) => `  ${line}`), '} finally {', `  ${closeStatement}`, '}');
    else if (spec.close === 'after') handlerBody.push(...use, closeStatement, shape.respond);
    else handlerBody.push(...use, shape.respond);
    top.push('', shape.open, ...handlerBody.map((line) => `  ${line}`), ...shape.close);
    if (shape.epilogue.length > 0) top.push('', ...shape.epilogue);
  }
  const finished = finish(draft);
  files[mainPath] = finished.text;
  sites.push(...finished.sites);

  files['package.json'] = `${JSON.stringify({ name: 'generated-program', private: true, ...(language === 'js-esm' ? { type: 'module' } : {}) }, null, 2)}\n`;
  if (typed) files['tsconfig.json'] = `${JSON.stringify({ compilerOptions: TSCONFIG_OPTIONS }, null, 2)}\n`;
  return { spec, files, sites };
}

/** The generated TypeScript projects' settings: `module: preserve` takes both `import` and `import x = require()`. */
export const TSCONFIG_OPTIONS = {
  target: 'ES2022',
  module: 'preserve',
  moduleResolution: 'bundler',
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  types: ['node'],
};
