// Keeps the package honest: every rule exported, documented, in the recommended config, and usable through ESLint.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

interface RuleModule {
  meta: { docs?: { description?: string; url?: string; recommended?: boolean } };
  create: unknown;
}

const isRuleModule = (value: unknown): value is RuleModule =>
  typeof value === 'object' && value !== null && 'meta' in value && 'create' in value && typeof value.create === 'function';

/** Every module directly in rules/ whose default export is a rule, by file name. */
async function ruleFiles(): Promise<Map<string, RuleModule>> {
  const found = new Map<string, RuleModule>();
  for (const file of await readdir(join(root, 'rules'))) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const module = (await import(join(root, 'rules', file))) as { default?: unknown };
    if (isRuleModule(module.default)) found.set(basename(file, '.ts'), module.default);
  }
  return found;
}

describe('plugin meta', () => {
  it('matches package.json name and version', () => {
    expect(plugin.meta.name).toBe(packageJson.name);
    expect(plugin.meta.version).toBe(packageJson.version);
  });

  it('uses the redis-singleton namespace', () => {
    expect(plugin.meta.namespace).toBe('redis-singleton');
  });
});

describe('rules', async () => {
  const files = await ruleFiles();
  const exported = plugin.rules as Record<string, unknown>;

  it('finds the rule files in rules/', () => {
    expect([...files.keys()]).toContain('no-per-request-client');
  });

  it('exports every rule in rules/ under its file name, and nothing else', () => {
    for (const [name, rule] of files) expect(exported[name], `rules/${name}.ts is not exported`).toBe(rule);
    expect(Object.keys(exported).sort()).toEqual([...files.keys()].sort());
  });

  describe.each([...files.keys()])('%s', (name) => {
    const rule = files.get(name)!;

    it('has a description that reads "Disallow …" or "Require …" without a trailing period', () => {
      expect(rule.meta.docs?.description).toMatch(/^(Disallow|Require) .*[^.]$/);
    });

    it('links meta.docs.url to its doc page', () => {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    });

    it('has a doc page with Examples, Options and When Not To Use It', async () => {
      const doc = await readFile(join(root, 'docs', 'rules', `${name}.md`), 'utf8');
      const headings = doc.split('\n').filter((line) => line.startsWith('## '));
      expect(headings).toEqual(expect.arrayContaining(['## Examples', '## Options', '## When Not To Use It']));
    });

    it('is set to error in configs.recommended when it is recommended', () => {
      const recommended = plugin.configs.recommended.rules ?? {};
      expect(recommended[`redis-singleton/${name}`]).toBe(rule.meta.docs?.recommended ? 'error' : undefined);
    });
  });
});

describe('configs.recommended', () => {
  const recommended = plugin.configs.recommended;

  it('is one flat-config object that registers the plugin', () => {
    expect(Array.isArray(recommended)).toBe(false);
    expect(recommended.plugins?.['redis-singleton']).toBe(plugin);
  });

  it('sets the rule to error', () => {
    expect(recommended.rules).toEqual({ 'redis-singleton/no-per-request-client': 'error' });
  });
});

describe('the built package through ESLint', () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'redis-singleton-meta-'));
    await writeFile(
      join(project, 'server.js'),
      `import express from 'express';
import Redis from 'ioredis';

const app = express();

app.get('/hits', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  res.json({ hits: await redis.incr('hits') });
});

app.listen(3000);
`,
    );
  });

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  async function builtPlugin(): Promise<typeof plugin> {
    try {
      return ((await import('eslint-plugin-redis-singleton')) as { default: typeof plugin }).default;
    } catch (error) {
      throw new Error(`Cannot import the built package by name; run \`npm run build\` first. (${String(error)})`);
    }
  }

  it('resolves by name to the built dist/index.js, the same plugin as the sources', async () => {
    expect(fileURLToPath(import.meta.resolve('eslint-plugin-redis-singleton'))).toBe(join(root, 'dist', 'index.js'));
    const built = await builtPlugin();
    expect(built).not.toBe(plugin);
    expect(built.meta).toEqual(plugin.meta);
    expect(Object.keys(built.rules)).toEqual(Object.keys(plugin.rules));
    expect(built.configs.recommended.plugins?.['redis-singleton']).toBe(built);
  });

  it('reports a per-request new Redis() in an Express route with configs.recommended', async () => {
    const built = await builtPlugin();
    const eslint = new ESLint({
      cwd: project,
      overrideConfigFile: true,
      overrideConfig: built.configs.recommended as Linter.Config,
    });
    const [result] = await eslint.lintFiles(['server.js']);
    expect(result.messages).toEqual([
      expect.objectContaining({
        ruleId: 'redis-singleton/no-per-request-client',
        severity: 2,
        messageId: 'perRequestClient',
        message:
          '`new Redis()` opens a new Redis connection on every request to this Express route callback; build it once at module scope or import the shared client from lib/redis instead.',
        line: 7,
        column: 17,
        endLine: 7,
        endColumn: 49,
        suggestions: [expect.objectContaining({ messageId: 'moveToModuleScope', desc: 'Move the client to module scope' })],
      }),
    ]);
  });
});
