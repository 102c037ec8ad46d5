/**
 * The project model's gate for files that name no client module: which imports it follows, what it reads, and
 * how it keeps up with files created or edited while an editor keeps ESLint running.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS } from '../core/analyze.js';
import { diskFiles, ProjectModel } from '../core/project/project-model.js';
import { importedName, REVALIDATE_MS } from '../core/project/relevance-index.js';
import { parseFile } from '../core/project/parse.js';
import { ModuleResolver } from '../core/project/resolution.js';

const settings = {
  sources: DEFAULT_OPTIONS.sources,
  handlerNames: DEFAULT_OPTIONS.handlerNames,
  onceWrappers: DEFAULT_OPTIONS.onceWrappers,
  allowInFunctions: DEFAULT_OPTIONS.allowInFunctions,
};

const cacheModule = [
  "import { createClient } from 'redis';",
  '',
  'export async function openCache() {',
  '  const client = createClient({ url: process.env.REDIS_URL });',
  '  await client.connect();',
  '  return client;',
  '}',
  '',
].join('\n');

const route = (specifier: string): string => [
  `import { openCache } from '${specifier}';`,
  "import { format } from './format';",
  '',
  'export async function GET() {',
  '  const cache = await openCache();',
  "  return Response.json(format(await cache.get('k')));",
  '}',
  '',
].join('\n');

let root: string;

function write(file: string, text: string): string {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
  return target;
}

/** A model as the rule builds one: trees indexed, files on disk. */
function ruleModel(resolver = new ModuleResolver()): ProjectModel {
  return new ProjectModel(settings, diskFiles, resolver, true);
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'redis-singleton-model-')));
  write('package.json', JSON.stringify({ name: 'app', dependencies: { redis: '^4.6.0', next: '^14.0.0' } }));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }));
  write('src/lib/format.ts', 'export const format = (value: unknown) => ({ value });\n');
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('importedName', () => {
  it('is the last segment of an import without its source extension', () => {
    expect(importedName('@/lib/cache')).toBe('cache');
    expect(importedName('./redis.js')).toBe('redis');
    expect(importedName('~/utils/singleton.server')).toBe('singleton.server');
    expect(importedName('@acme/db')).toBe('db');
    expect(importedName('.')).toBeUndefined();
    expect(importedName('..')).toBeUndefined();
    expect(importedName('./lib/')).toBeUndefined();
  });
});

describe('the rule model gate', () => {
  it('follows an alias import to a helper that builds a client, and through one module more', () => {
    write('src/lib/cache.ts', cacheModule);
    write('src/lib/cached-fetch.ts', "export { openCache } from './cache';\n");
    const direct = write('src/app/api/a/route.ts', route('@/lib/cache'));
    const throughWrapper = write('src/app/api/b/route.ts', route('../../../lib/cached-fetch'));
    const model = ruleModel();
    expect(model.importsRelevantModule(direct, route('@/lib/cache'), root)).toBe(true);
    expect(model.importsRelevantModule(throughWrapper, route('../../../lib/cached-fetch'), root)).toBe(true);
  });

  it('turns away a file whose imports name only modules that cannot reach a client, without resolving them', () => {
    write('src/lib/cache.ts', cacheModule);
    write('src/lib/dates.ts', "import { format } from './format';\nexport const today = () => format(new Date());\n");
    const text = "import { format } from '@/lib/format';\nimport { today } from '../../../lib/dates';\nexport const GET = () => Response.json(format(today()));\n";
    const file = write('src/app/api/plain/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    const model = ruleModel(resolver);
    expect(model.importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('follows a relative import only to the file it points at, not to a module of the same name elsewhere', () => {
    const onlyCache = (specifier: string): string => `import { openCache } from '${specifier}';\nexport const GET = async () => Response.json(await (await openCache()).get('k'));\n`;
    // Many folders have a `cache.ts`; only the one beside the route can be what `./cache` loads.
    write('src/lib/cache.ts', cacheModule);
    write('src/app/api/plain/cache.ts', 'export const openCache = () => new Map<string, string>();\n');
    const text = onlyCache('./cache');
    const file = write('src/app/api/plain/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    const model = ruleModel(resolver);
    expect(model.importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
    // The same holds one import further on: `./client` there is the plain module beside it.
    write('src/app/api/other/client.ts', "export { openCache } from './cache';\n");
    write('src/app/api/other/cache.ts', 'export const openCache = () => new Map<string, string>();\n');
    write('src/lib/client.ts', "export { openCache } from './cache';\n");
    const throughReExport = onlyCache('../other/client');
    const other = write('src/app/api/plain/other-route.ts', throughReExport);
    const fresh = ruleModel(resolver);
    expect(fresh.importsRelevantModule(other, throughReExport, root)).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
    // And the route beside the client module is let through.
    const near = onlyCache('./cache');
    const nearFile = write('src/lib/route.ts', near);
    expect(fresh.importsRelevantModule(nearFile, near, root)).toBe(true);
  });

  it('resolves an import whose name no file of the tree has: it may be a module created since the listing', () => {
    const text = "import { z } from 'zod';\nexport const GET = () => Response.json(z);\n";
    const file = write('src/app/api/plain/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    expect(ruleModel(resolver).importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).toHaveBeenCalledWith(file, 'zod');
  });

  it('asks once per package, not once per folder, about an import of a package or an alias', () => {
    const text = "import { z } from 'zod';\nimport { logger } from '@/lib/logger';\nexport const GET = () => Response.json(z, logger);\n";
    const files = ['src/app/api/a/route.ts', 'src/app/api/b/route.ts', 'src/app/admin/c/route.ts'].map((file) => write(file, text));
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    const model = ruleModel(resolver);
    for (const file of files) expect(model.importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve.mock.calls.map(([, specifier]) => specifier)).toEqual(['zod', '@/lib/logger']);
  });

  it('sees a helper that starts building a client after it was read, when a file that imports it is linted', () => {
    const helper = write('src/lib/cache.ts', 'export async function openCache() {\n  return new Map<string, string>();\n}\n');
    const file = write('src/app/api/a/route.ts', route('@/lib/cache'));
    const model = ruleModel();
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(2_000_000);
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(false);
    writeFileSync(helper, cacheModule);
    utimesSync(helper, new Date(), new Date(Date.now() + 5_000));
    // A change made outside the editor is seen once the helper's modification time is due to be checked again.
    clock.mockReturnValue(2_000_000 + REVALIDATE_MS - 1);
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(false);
    clock.mockReturnValue(2_000_000 + REVALIDATE_MS);
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(true);
  });

  it('turns away a relative import of a name the listing lacks while its folder is unchanged, and resolves it once the folder changes', () => {
    const text = "import { openCache } from '../../../lib/cache';\nexport const GET = async () => Response.json(await (await openCache()).get('k'));\n";
    write('src/lib/dates.ts', 'export const today = () => new Date();\n');
    const file = write('src/app/api/a/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    const model = ruleModel(resolver);
    const folder = path.join(root, 'src/lib');
    const listedAt = Math.ceil(statSync(folder).mtimeMs) + 5_000;
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(listedAt);
    expect(model.importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
    write('src/lib/cache.ts', cacheModule);
    // The folder's time as a clock after the listing would have left it.
    utimesSync(folder, new Date(), new Date(listedAt + 1_000));
    clock.mockReturnValue(listedAt + 1_000 + REVALIDATE_MS);
    expect(model.importsRelevantModule(file, text, root)).toBe(true);
  });

  it('reaches a workspace package by its name when its entry is an index file', () => {
    write('package.json', JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
    write('packages/db/package.json', JSON.stringify({ name: '@acme/db', main: 'src/index.ts' }));
    write('packages/db/src/index.ts', "export { openCache } from './cache';\n");
    write('packages/db/src/cache.ts', cacheModule);
    write('packages/web/package.json', JSON.stringify({ name: '@acme/web', dependencies: { '@acme/db': '*' } }));
    const file = write('packages/web/app/api/route.ts', route('@acme/db'));
    expect(ruleModel().importsRelevantModule(file, route('@acme/db'), root)).toBe(true);
  });

  it('sees a helper created after the tree was indexed once a new file is linted', () => {
    const file = write('src/app/api/a/route.ts', route('@/lib/cache'));
    const model = ruleModel();
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(1_000_000);
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(false);
    write('src/lib/cache.ts', cacheModule);
    const created = write('src/app/api/b/route.ts', route('@/lib/cache'));
    // Within the re-listing interval the index still answers from its listing (and the missing import is not retried).
    clock.mockReturnValue(1_001_000);
    expect(model.importsRelevantModule(created, route('@/lib/cache'), root)).toBe(false);
    clock.mockReturnValue(1_010_000);
    expect(model.importsRelevantModule(created, route('@/lib/cache'), root)).toBe(true);
  });

  it('follows the editor buffer of a helper it has read, and the disk once the helper is saved', () => {
    const helper = write('src/lib/cache.ts', cacheModule);
    const file = write('src/app/api/a/route.ts', route('@/lib/cache'));
    const model = ruleModel();
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(true);
    const edited = 'export async function openCache() {\n  return new Map<string, string>();\n}\n';
    // Linting the helper's unsaved buffer: it names no client module any more, so its importers are turned away.
    expect(model.importsRelevantModule(helper, edited, root)).toBe(false);
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(false);
    // Saved the other way round (the client is back): the buffer, linted again, lets its importers through.
    writeFileSync(helper, cacheModule);
    utimesSync(helper, new Date(), new Date(Date.now() + 5_000));
    expect(model.importsRelevantModule(helper, cacheModule, root)).toBe(false);
    expect(model.importsRelevantModule(file, route('@/lib/cache'), root)).toBe(true);
  });
});

describe('the rule model gate in a lint run', () => {
  it('knows a file linted earlier in the run by the text ESLint linted, without reading it from disk again', () => {
    // On disk the helper builds a client; the text linted (an unsaved buffer) no longer does.
    const helper = write('src/lib/cache.ts', cacheModule);
    const plain = 'export async function openCache() {\n  return new Map<string, string>();\n}\n';
    const text = "import { openCache } from '@/lib/cache';\nexport const GET = async () => Response.json(await (await openCache()).get('k'));\n";
    const file = write('src/app/api/a/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    const model = ruleModel(resolver);
    expect(model.importsRelevantModule(helper, plain, root)).toBe(false);
    // The route's import is turned away by its name: the only `cache` file reaches no client as linted.
    expect(model.importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('keeps its answers for the run, and follows the disk once a file is linted a second time', () => {
    const helper = write('src/lib/cache.ts', 'export async function openCache() {\n  return new Map<string, string>();\n}\n');
    const first = write('src/app/api/a/route.ts', route('@/lib/cache'));
    const second = write('src/app/api/b/route.ts', route('@/lib/cache'));
    const model = ruleModel();
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(2_000_000);
    expect(model.importsRelevantModule(first, route('@/lib/cache'), root)).toBe(false);
    writeFileSync(helper, cacheModule);
    utimesSync(helper, new Date(), new Date(Date.now() + 5_000));
    // Another file of the same run: ESLint read the tree once, and so does the rule.
    clock.mockReturnValue(2_000_000 + REVALIDATE_MS);
    expect(model.importsRelevantModule(second, route('@/lib/cache'), root)).toBe(false);
    // Linting a file again is an editor session: the helper's modification time is checked, and the change is seen.
    expect(model.importsRelevantModule(first, route('@/lib/cache'), root)).toBe(true);
    clock.mockReturnValue(2_000_000 + 2 * REVALIDATE_MS);
    expect(model.importsRelevantModule(second, route('@/lib/cache'), root)).toBe(true);
  });

  it('turns an import of a name shared by many files away only when none of them reaches a client', () => {
    write('src/lib/cache/index.ts', "export { openCache } from './open';\n");
    write('src/lib/cache/open.ts', cacheModule);
    write('src/features/cache/index.ts', 'export const cache = new Map<string, string>();\n');
    const text = "import { cache } from '../../features/cache';\nexport const GET = () => Response.json([...cache.keys()]);\n";
    const file = write('src/app/api/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    const model = ruleModel(resolver);
    // Another `cache` folder builds a client, so the name alone does not decide; the precise path turns it away.
    expect(model.importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).not.toHaveBeenCalled();
    const other = write('src/app/api/other.ts', route('@/lib/cache'));
    expect(model.importsRelevantModule(other, route('@/lib/cache'), root)).toBe(true);
  });

  it('answers a package import once per tree of one package, and per package in a workspace', () => {
    write('package.json', JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
    // `@cache` names a file of another name in each package: only the precise way can tell where it leads.
    for (const name of ['api', 'web']) {
      write(`packages/${name}/package.json`, JSON.stringify({ name: `@acme/${name}`, dependencies: { redis: '^4.6.0' } }));
      write(`packages/${name}/tsconfig.json`, JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@cache': ['./src/lib/shared-cache.ts'] } } }));
    }
    write('packages/api/src/lib/shared-cache.ts', cacheModule);
    write('packages/web/src/lib/shared-cache.ts', 'export async function openCache() {\n  return new Map<string, string>();\n}\n');
    const text = "import { openCache } from '@cache';\nexport const GET = async () => Response.json(await (await openCache()).get('k'));\n";
    const model = ruleModel();
    expect(model.importsRelevantModule(write('packages/web/src/app/route.ts', text), text, root)).toBe(false);
    expect(model.importsRelevantModule(write('packages/api/src/app/route.ts', text), text, root)).toBe(true);
    expect(model.importsRelevantModule(write('packages/web/src/app/other.ts', text), text, root)).toBe(false);
  });

  it('finds a module created since the listing, imported by a file linted for the first time, when its folder changed', () => {
    // A model outlives one tree's contents (a test runner writing project after project): no file is linted twice here.
    const text = "import { openCache } from '../../lib/redis-factory';\nexport const GET = async () => Response.json(await (await openCache()).get('k'));\n";
    const model = ruleModel();
    const clock = vi.spyOn(Date, 'now');
    const folder = path.join(root, 'src/lib');
    const listedAt = Math.ceil(statSync(folder).mtimeMs) + 5_000;
    clock.mockReturnValue(listedAt);
    expect(model.importsRelevantModule(write('src/app/first.ts', route('./other')), route('./other'), root)).toBe(false);
    write('src/lib/redis-factory.ts', cacheModule);
    utimesSync(folder, new Date(), new Date(listedAt + 1_000));
    clock.mockReturnValue(listedAt + 1_000);
    expect(model.importsRelevantModule(write('src/app/api/route.ts', text), text, root)).toBe(true);
  });

  it('follows a relative import out of the tree the precise way, however few folders deep the file is', () => {
    const text = "import { openCache } from '../../../outside/cache';\nexport const GET = async () => Response.json(await (await openCache()).get('k'));\n";
    // The tree's only `cache` builds no client: were the import taken to stay in the tree, its name would turn it away.
    write('src/lib/cache.ts', 'export const openCache = () => new Map<string, string>();\n');
    const file = write('src/app/route.ts', text);
    const resolver = new ModuleResolver();
    const resolve = vi.spyOn(resolver, 'resolve');
    expect(ruleModel(resolver).importsRelevantModule(file, text, root)).toBe(false);
    expect(resolve).toHaveBeenCalledWith(file, '../../../outside/cache');
  });
});

describe('ModuleResolver', () => {
  it('asks a missing import again only when the same file asks again a few seconds later', () => {
    const file = write('src/app/api/a/route.ts', route('@/lib/cache'));
    const other = write('src/app/api/b/route.ts', route('@/lib/cache'));
    const resolver = new ModuleResolver();
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(2_000_000);
    expect(resolver.resolve(file, '@/lib/cache')).toEqual({ kind: 'unresolved' });
    write('src/lib/cache.ts', cacheModule);
    clock.mockReturnValue(2_010_000);
    // Another file in a lint run pays nothing for the same missing module.
    expect(resolver.resolve(other, '@/lib/cache')).toEqual({ kind: 'unresolved' });
    // The file an editor lints again sees the module created since.
    expect(resolver.resolve(file, '@/lib/cache')).toEqual({ kind: 'source', path: path.join(root, 'src/lib/cache.ts') });
  });
});

describe('ProjectModel summaries', () => {
  it('summarises the file being linted from the tree ESLint built, when the disk holds the same text', () => {
    const helper = write('src/lib/cache.ts', cacheModule);
    const expected = ruleModel().summaryOf(helper);
    const model = ruleModel();
    const summary = model.analysing(helper, cacheModule, parseFile(helper, cacheModule), () => model.summaryOf(helper));
    expect(summary).toEqual(expected);
    expect(model.stats).toMatchObject({ summarised: 1, parsed: 0 });
    // An unsaved buffer is not what importers load: the disk's text is parsed.
    const other = ruleModel();
    other.analysing(helper, `${cacheModule}\n// edited\n`, parseFile(helper, `${cacheModule}\n// edited\n`), () => other.summaryOf(helper));
    expect(other.stats).toMatchObject({ summarised: 1, parsed: 1 });
  });

  it('summarises a module whose exported functions return a parameter or each other', () => {
    const helpers = write('src/lib/tokens.ts', [
      "import { createClient } from 'redis';",
      '',
      'const client = createClient({ url: process.env.REDIS_URL });',
      '',
      'export async function balance(key: string) {',
      '  await client.connect();',
      '  const value = await client.get(key);',
      '  await client.disconnect();',
      '  return Number(value);',
      '}',
      '',
      '// Returns its own parameter: the name `value` is the parameter, not a function to follow.',
      'export async function remember(key: string, value: string) {',
      '  await client.connect();',
      '  await client.set(key, value);',
      '  await client.disconnect();',
      '  return value;',
      '}',
      '',
      'export function first() {',
      '  return second;',
      '}',
      '',
      'function second() {',
      '  return first;',
      '}',
      '',
    ].join('\n'));
    const summary = ruleModel().summaryOf(helpers);
    expect([...(summary?.exports.keys() ?? [])].sort()).toEqual(['balance', 'remember']);
    expect(summary?.exports.get('balance')).toMatchObject({ kind: 'factory', origin: { line: 6 } });
  });
});
