/**
 * Turns a `ProgramSpec` into the files of a small project and the findings they must produce. The expectation is
 * decided here, from how the program is built, by DESIGN.md's principle (a construction runs per call unless every
 * path to it passes a test of persistent state, or its function runs only in run-once positions), never by asking
 * the rule.
 */
import path from 'node:path';
import { plantedAs, UNSAFE_USAGES, type ConstructionForm, type EndpointSpec, type Language, type Library, type Options, type ProgramSpec, type Usage } from './program-spec.js';

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
  /**
   * The connection options the client is built with, as written: its own arguments, or for `.duplicate()` (which
   * keeps its receiver's configuration) the receiver's.
   */
  configuration: string;
  /** `.duplicate()` of this module-level binding. */
  duplicates?: string;
  /** For a call of an imported factory: where the client is built, `lib/redis-factory.ts:4`, which the message must name. */
  builtAt?: string;
  /**
   * node-redis, built in the handler's file (in it or in a local factory): whether an 'error' listener is registered
   * before `connect()`, so a refused first connect retries; without one it rejects at once, and so must its new client.
   */
  retriesFirstConnect?: boolean;
}

export interface GeneratedProgram {
  spec: ProgramSpec;
  /** Path relative to the program's root → text; package.json and tsconfig.json included. */
  files: Record<string, string>;
  /** Every construction in the program, per-request or not. */
  sites: PlantedSite[];
}

/** `\u0001<id>\u0002` marks where construction `id` starts in the text being assembled; removed when the file is finished. */
const mark = (id: number): string => `\u0001${id}\u0002`;
const MARK = /\u0001(\d+)\u0002/;

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
function constructionOf(spec: ProgramSpec, form: ConstructionForm): Construction {
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

function connectionArguments(library: Library, options: Options | 'helper'): string {
  const ioredis = library === 'ioredis';
  const envName = options === 'env-other' ? 'SESSION_REDIS_URL' : options === 'helper' ? 'CACHE_URL' : 'REDIS_URL';
  switch (options) {
    case 'literal':
      return ioredis ? "'redis://127.0.0.1:6379'" : "{ url: 'redis://127.0.0.1:6379' }";
    case 'object':
      return ioredis
        ? "{ host: process.env.REDIS_HOST ?? '127.0.0.1', port: 6379, keyPrefix: 'app:' }"
        : "{ socket: { host: process.env.REDIS_HOST ?? '127.0.0.1', port: 6379 } }";
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
function unsafeReasonWord(endpoint: EndpointSpec): string | undefined {
  if (endpoint.options === 'request') return '`url`';
  if (!UNSAFE_USAGES.has(endpoint.usage)) return endpoint.asyncFactory ? undefined : 'not async';
  return { subscribe: 'subscribe', blpop: 'BLPOP', select: 'SELECT', watch: 'WATCH' }[endpoint.usage as 'subscribe' | 'blpop' | 'select' | 'watch'];
}

interface HandlerShape {
  path: string;
  /** Module-level lines the handler needs (framework import, the app), deduplicated with the file's imports. */
  preamble: string[];
  open: string;
  close: string;
  /** The expression that reads a connection URL from the request. */
  requestUrl: string;
  respond: string;
  epilogue: string[];
}

const pagesParameters = 'req: { query: Record<string, string | undefined> }, res: { json(body: unknown): void }';

/** The handler of endpoint `index`: the second one is another route of the same file, or a handler in a file of its own. */
function handlerShape(spec: ProgramSpec, index: number): HandlerShape {
  const typed = ts(spec.language);
  const ext = typed ? 'ts' : 'js';
  const ownFile = index > 0 && spec.second === 'other-file';
  const name = ownFile ? 'other' : 'greeting';
  switch (spec.handler) {
    case 'pages-api':
      return {
        path: `pages/api/${name}.${ext}`,
        preamble: [],
        open:
          spec.style === 'arrow'
            ? `export default async (${typed ? pagesParameters : 'req, res'}) => {`
            : `export default async function handler(${typed ? pagesParameters : 'req, res'}) {`,
        close: spec.style === 'arrow' ? '};' : '}',
        requestUrl: "req.query.redis ?? ''",
        respond: 'res.json({ value });',
        epilogue: [],
      };
    case 'app-route': {
      const method = index > 0 && !ownFile ? (spec.method === 'GET' ? 'POST' : 'GET') : spec.method;
      return {
        path: `app/api/${name}/route.${ext}`,
        preamble: [],
        open:
          spec.style === 'arrow'
            ? `export const ${method} = async (request${typed ? ': Request' : ''}) => {`
            : `export async function ${method}(request${typed ? ': Request' : ''}) {`,
        close: spec.style === 'arrow' ? '};' : '}',
        requestUrl: "new URL(request.url).searchParams.get('redis') ?? ''",
        respond: 'return new Response(JSON.stringify({ value }));',
        epilogue: [],
      };
    }
    case 'express': {
      const importLine =
        spec.language === 'js-cjs' ? "const express = require('express');" : spec.language === 'ts-import-equals' ? "import express = require('express');" : "import express from 'express';";
      return {
        path: `server/${ownFile ? 'other' : 'app'}.${ext}`,
        preamble: [importLine, 'const app = express();'],
        open: `app.${spec.method.toLowerCase()}('/${index === 0 ? 'greeting' : 'other'}', async (req, res) => {`,
        close: '});',
        requestUrl: 'String(req.query.redis)',
        respond: 'res.json({ value });',
        epilogue: [spec.language === 'js-cjs' ? 'module.exports = app;' : 'export default app;'],
      };
    }
    default:
      return {
        path: `handlers/${name}.${ext}`,
        preamble: [],
        open:
          spec.handler === 'lambda-exports'
            ? 'exports.handler = async (event) => {'
            : spec.style === 'arrow'
              ? `export const handler = async (event${typed ? ': { redisUrl?: string }' : ''}) => {`
              : `export async function handler(event${typed ? ': { redisUrl?: string }' : ''}) {`,
        close: spec.handler === 'lambda-exports' || spec.style === 'arrow' ? '};' : '}',
        requestUrl: "event.redisUrl ?? ''",
        respond: 'return { statusCode: 200, body: JSON.stringify({ value }) };',
        epilogue: [],
      };
  }
}

/** `../lib/once` from the importing file, with the extension ESM JavaScript needs. */
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
    ? [`${keyword} once<T>(create: () => T): () => T {`, '  let made = false;', '  let value: T | undefined;']
    : [`${keyword} once(create) {`, '  let made = false;', '  let value;'];
  lines.push('  return () => {', '    if (!made) {', '      value = create();', '      made = true;', '    }', `    return value${ts(language) ? ' as T' : ''};`, '  };', '}');
  return exported && language === 'js-cjs' ? [...lines, '', 'module.exports = { once };'] : lines;
}

/** `new Redis()` for `new Redis(url)`: every generated callee is free of parentheses. */
function label(construction: string): string {
  return `${construction.slice(0, construction.indexOf('('))}()`;
}

type SiteFacts = Omit<PlantedSite, 'file' | 'line' | 'column' | 'builtAt'> & {
  /** The mark of the construction a factory call runs. */
  builtBy?: number;
};

/** A file being assembled: imports first (each line once), then module-level code, then handlers. */
class FileDraft {
  readonly imports: string[] = [];
  readonly top: string[] = [];
  readonly handlers: string[] = [];
  readonly epilogue: string[] = [];
  hasOnce = false;
  constructor(readonly path: string) {}

  addImports(lines: readonly string[]): void {
    for (const line of lines) if (!this.imports.includes(line)) this.imports.push(line);
  }

  /** The text without marks, and where each marked construction starts (1-based line and column). */
  finish(facts: ReadonlyMap<number, SiteFacts>): { text: string; sites: (PlantedSite & SiteFacts & { mark: number })[] } {
    const epilogue = [...new Set(this.epilogue)];
    let text = [...this.imports, ...this.top, ...this.handlers, ...(epilogue.length > 0 ? ['', ...epilogue] : [])].join('\n') + '\n';
    const sites: (PlantedSite & SiteFacts & { mark: number })[] = [];
    for (let found = MARK.exec(text); found; found = MARK.exec(text)) {
      text = text.slice(0, found.index) + text.slice(found.index + found[0].length);
      const before = text.slice(0, found.index);
      const site = facts.get(Number(found[1]));
      if (!site) throw new Error(`${this.path}: construction ${found[1]} is marked but not described`);
      sites.push({ file: this.path, line: before.split('\n').length, column: found.index - before.lastIndexOf('\n'), mark: Number(found[1]), ...site });
    }
    return { text, sites };
  }
}

export function renderProgram(spec: ProgramSpec): GeneratedProgram {
  const { language } = spec;
  const typed = ts(language);
  const ext = typed ? 'ts' : 'js';
  const ioredis = spec.library === 'ioredis';
  const typeOf = (text: string): string => (typed ? text : '');
  const drafts = new Map<string, FileDraft>();
  const draftFor = (file: string): FileDraft => drafts.get(file) ?? drafts.set(file, new FileDraft(file)).get(file)!;
  const facts = new Map<number, SiteFacts>();
  const plant = (construction: string, site: Omit<SiteFacts, 'construction'>): string => `${mark(plantId(construction, site))}${construction}`;
  const plantId = (construction: string, site: Omit<SiteFacts, 'construction'>): number => {
    facts.set(facts.size, { construction: label(construction), ...site });
    return facts.size - 1;
  };
  const runOnce = { perRequest: false, hoistable: false };

  const helperPath = `lib/cache-client.${ext}`;
  if (spec.moduleClientHelper) {
    const helper = draftFor(helperPath);
    const construction = constructionOf(spec, ioredis ? 'class' : 'factory');
    helper.addImports(construction.imports);
    const args = connectionArguments(spec.library, 'helper');
    const built = plant(construction.build(args), { ...runOnce, configuration: args });
    if (language === 'js-cjs') helper.top.push('', `const cache = ${built};`, '', 'module.exports = { cache };');
    else helper.top.push('', `export const cache = ${built};`);
  }

  spec.endpoints.forEach((endpoint, index) => {
    const suffix = index === 0 ? '' : String(index + 1);
    const client = `client${suffix}`;
    const testFile = endpoint.placement === 'test-hook';
    const shape = handlerShape(spec, index);
    const file = draftFor(testFile ? `test/${index === 0 ? 'greeting' : 'other'}.test.${ext}` : shape.path);
    const construction = constructionOf(spec, endpoint.form);
    // A handler that calls an imported factory names no client module itself.
    if (endpoint.placement !== 'imported-factory') file.addImports(construction.imports);
    if (testFile) file.addImports([language === 'js-cjs' ? "const { afterAll, beforeAll, it } = require('vitest');" : "import { afterAll, beforeAll, it } from 'vitest';"]);
    else file.addImports(shape.preamble);
    const body: string[] = [];
    if (spec.moduleClientHelper && index === 0) {
      file.addImports([importNamed('cache', specifier(file.path, helperPath, language), language)]);
      body.push("await cache.incr('requests');");
    }
    // A file binds `once` one way: the second endpoint uses whichever the first brought in.
    if (endpoint.placement === 'once-imported' && !file.hasOnce) {
      const oncePath = `lib/once.${ext}`;
      const onceModule = draftFor(oncePath);
      if (onceModule.top.length === 0) onceModule.top.push(...onceDefinition(language, true));
      file.addImports([importNamed('once', specifier(file.path, oncePath, language), language)]);
      file.hasOnce = true;
    }
    if (endpoint.placement === 'once-local' && !file.hasOnce) {
      file.top.push('', ...onceDefinition(language, false));
      file.hasOnce = true;
    }

    // `.duplicate()` duplicates a client built once at module scope, whatever the placement.
    const args = connectionArguments(spec.library, endpoint.options);
    let constructionText = construction.build(args);
    let duplicates: string | undefined;
    if (endpoint.form === 'duplicate') {
      const base = constructionOf(spec, ioredis ? 'class' : 'factory');
      duplicates = `base${suffix}`;
      file.addImports(base.imports);
      file.top.push('', `const ${duplicates} = ${plant(base.build(args), { ...runOnce, configuration: args })};`);
      constructionText = `${duplicates}.duplicate()`;
    }
    const { perRequest, hoistable } = plantedAs(endpoint);
    const reasonMentions = perRequest && !hoistable ? unsafeReasonWord(endpoint) : undefined;
    // `Redis.createClient()` is written without arguments whatever the options say.
    const configuration = endpoint.form === 'static-create' ? '' : args;
    // An imported factory's construction is planted in the factory module, and its call in the handler.
    const inFileCall = endpoint.placement === 'handler' || endpoint.placement === 'local-factory';
    const firstConnect = !ioredis && inFileCall ? { retriesFirstConnect: endpoint.connect === 'error-listener' } : {};
    const built = endpoint.placement === 'imported-factory' ? '' : plant(constructionText, { perRequest, hoistable, reasonMentions, configuration, duplicates, ...firstConnect });
    const clientType = construction.type;
    const connect = ioredis ? [] : [`await ${client}.connect();`];
    const requestUrl = endpoint.options === 'request' ? [`const url = ${shape.requestUrl};`] : [];

    // Where the client comes from: module-level lines, and the handler's first lines.
    const acquire: string[] = [];
    switch (endpoint.placement) {
      case 'module-scope':
        file.top.push('', `const ${client} = ${built};`);
        break;
      case 'iife':
        file.top.push('', `const ${client} = (() => ${built})();`);
        break;
      case 'once-local':
      case 'once-imported':
        file.top.push('', `const getClient${suffix} = once(() => ${built});`);
        acquire.push(`const ${client} = getClient${suffix}();`);
        break;
      case 'imported-factory': {
        // The factory module builds the client; the handler's call is the per-request site.
        const factoryPath = `lib/redis-factory.${ext}`;
        const factory = draftFor(factoryPath);
        factory.addImports(construction.imports);
        const parameter = endpoint.options === 'request' ? `url${typeOf(': string')}` : '';
        const builtBy = plantId(constructionText, { perRequest: false, hoistable: false, configuration });
        const name = `getClient${suffix}`;
        const awaited = !ioredis && endpoint.asyncFactory;
        factory.top.push('', `${language === 'js-cjs' ? '' : 'export '}${awaited ? 'async ' : ''}function ${name}(${parameter}) {`, `  return ${mark(builtBy)}${constructionText};`, '}');
        if (language === 'js-cjs') factory.epilogue.push(`module.exports.${name} = ${name};`);
        file.addImports([importNamed(name, specifier(file.path, factoryPath, language), language)]);
        const call = plant(`${name}(${endpoint.options === 'request' ? 'url' : ''})`, { perRequest, hoistable, reasonMentions, configuration, builtBy });
        acquire.push(...requestUrl, `const ${client} = ${awaited ? 'await ' : ''}${call};`, ...connect);
        break;
      }
      case 'local-factory': {
        const parameter = endpoint.options === 'request' ? `url${typeOf(': string')}` : '';
        const awaited = !ioredis && endpoint.asyncFactory;
        file.top.push('', `${awaited ? 'async ' : ''}function makeClient${suffix}(${parameter}) {`, `  return ${built};`, '}');
        acquire.push(...requestUrl, `const ${client} = ${awaited ? 'await ' : ''}makeClient${suffix}(${endpoint.options === 'request' ? 'url' : ''});`, ...connect);
        break;
      }
      case 'test-hook':
        file.top.push('', `let ${client}${typeOf(`: ${clientType}`)};`);
        break;
      default:
        acquire.push(...requestUrl);
        switch (endpoint.guard) {
          case 'if-not':
            file.top.push('', `let ${client}${typeOf(`: ${clientType} | undefined`)};`);
            acquire.push(`if (!${client}) {`, `  ${client} = ${built};`, ...connect.map((line) => `  ${line}`), '}');
            break;
          case 'nullish-assign':
            file.top.push('', `let ${client}${typeOf(`: ${clientType} | undefined`)};`);
            acquire.push(`${client} ??= ${built};`, ...(ioredis ? [] : [`if (!${client}.isOpen) await ${client}.connect();`]));
            break;
          case 'global-this': {
            const holder = `globalForRedis${suffix}`;
            file.top.push('', typed ? `const ${holder} = globalThis as unknown as { redis?: ${clientType} };` : `const ${holder} = globalThis;`);
            acquire.push(`if (!${holder}.redis) {`, `  ${holder}.redis = ${built};`, ...(ioredis ? [] : [`  await ${holder}.redis.connect();`]), '}', `const ${client} = ${holder}.redis;`);
            break;
          }
          case 'early-return': {
            // The memo lives in a helper; a request URL, when used, is passed to it.
            const memo = `sharedClient${suffix}`;
            const parameter = endpoint.options === 'request' ? `url${typeOf(': string')}` : '';
            file.top.push('', `let ${memo}${typeOf(`: ${clientType} | undefined`)};`, '', `async function connectedClient${suffix}(${parameter}) {`);
            file.top.push(`  if (${memo}) return ${memo};`, `  ${memo} = ${built};`, ...(ioredis ? [] : [`  await ${memo}.connect();`]), `  return ${memo};`, '}');
            acquire.push(`const ${client} = await connectedClient${suffix}(${endpoint.options === 'request' ? 'url' : ''});`);
            break;
          }
          default:
            if (endpoint.connect === 'chained') acquire.push(`const ${client} = await ${built}.connect();`);
            else if (endpoint.connect === 'error-listener') acquire.push(`const ${client} = ${built}.on('error', (error) => console.error(error));`, ...connect);
            else acquire.push(`const ${client} = ${built};`, ...connect);
        }
    }

    const use = usageLines(endpoint.usage, ioredis, client);
    if (testFile) {
      file.top.push('', `beforeAll(${ioredis ? '' : 'async '}() => {`, `  ${client} = ${built};`, ...connect.map((line) => `  ${line}`), '});');
      file.top.push('', 'afterAll(async () => {', `  await ${client}.quit();`, '});');
      file.handlers.push('', "it('reads the greeting', async () => {", ...[...body, ...use, 'console.log(value);'].map((line) => `  ${line}`), '});');
      return;
    }
    const closeStatement = endpoint.close === 'after' ? `${ioredis ? '' : 'await '}${client}.disconnect();` : `await ${client}.quit();`;
    const work = [...body, ...acquire];
    if (endpoint.close === 'on-finish') work.push(`res.on('finish', () => ${client}.quit());`, ...use, shape.respond);
    else if (endpoint.close === 'finally') work.push('try {', ...[...use, shape.respond].map((line) => `  ${line}`), '} finally {', `  ${closeStatement}`, '}');
    else if (endpoint.close === 'after') work.push(...use, closeStatement, shape.respond);
    else work.push(...use, shape.respond);
    const nested = work.map((line) => `  ${line}`);
    const handlerBody =
      endpoint.wrap === 'try-catch'
        ? ['try {', ...nested, '} catch (error) {', '  console.error(error);', '  throw error;', '}']
        : endpoint.wrap === 'if-enabled'
          ? ["if (process.env.GREETING_ENABLED !== 'false') {", ...nested, '}']
          : work;
    file.handlers.push('', shape.open, ...handlerBody.map((line) => `  ${line}`), shape.close);
    file.epilogue.push(...shape.epilogue);
  });

  const files: Record<string, string> = {};
  const marked: (PlantedSite & SiteFacts & { mark: number })[] = [];
  for (const draft of drafts.values()) {
    const finished = draft.finish(facts);
    files[draft.path] = finished.text;
    marked.push(...finished.sites);
  }
  if (marked.length !== facts.size) throw new Error(`${facts.size} constructions described but ${marked.length} marked`);
  const sites: PlantedSite[] = marked.map((site) => {
    const factory = site.builtBy === undefined ? undefined : marked.find((candidate) => candidate.mark === site.builtBy);
    const planted: PlantedSite & Partial<SiteFacts & { mark: number }> = { ...site, ...(factory ? { builtAt: `${factory.file}:${factory.line}` } : {}) };
    delete planted.mark;
    delete planted.builtBy;
    return planted;
  });
  files['package.json'] = `${JSON.stringify({ name: 'generated-program', private: true, ...(language === 'js-esm' ? { type: 'module' } : {}) }, null, 2)}\n`;
  if (typed) files['tsconfig.json'] = `${JSON.stringify({ compilerOptions: TSCONFIG_OPTIONS }, null, 2)}\n`;
  return { spec, files, sites: sites.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column) };
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
