import { readFileSync } from 'node:fs';
import type { Linter, Rule } from 'eslint';
import noPerRequestClient from './rules/no-per-request-client.js';

/** package.json sits next to the sources and one level above the built `dist/index.js`. */
function readPackageJson(): { name: string; version: string } {
  for (const relative of ['./package.json', '../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name: string; version: string };
      if (manifest.name === 'eslint-plugin-redis-singleton') return manifest;
    } catch {
      // Not at this level; try the next.
    }
  }
  throw new Error('eslint-plugin-redis-singleton: package.json not found next to the plugin.');
}

const { name, version } = readPackageJson();

// The public face is typed with ESLint's own types, so a typed eslint.config.ts takes the plugin and its config as they are.
interface RedisSingletonPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<'no-per-request-client', Rule.RuleModule>;
  configs: { recommended: Linter.Config };
}

const rules: RedisSingletonPlugin['rules'] = {
  'no-per-request-client': noPerRequestClient as unknown as Rule.RuleModule,
};

const plugin: RedisSingletonPlugin = {
  meta: { name, version, namespace: 'redis-singleton' },
  rules,
  configs: {} as RedisSingletonPlugin['configs'],
};

plugin.configs.recommended = {
  name: 'redis-singleton/recommended',
  plugins: { 'redis-singleton': plugin },
  rules: { 'redis-singleton/no-per-request-client': 'error' },
};

export default plugin;
