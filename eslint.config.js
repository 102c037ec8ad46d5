// This repository's own lint: typescript-eslint for the sources, eslint-plugin-eslint-plugin for the rules.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The few Node.js globals the JavaScript files (scripts, benchmarks, configs) use; no `globals` dependency needed.
const nodeGlobals = {
  AbortController: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  clearInterval: 'readonly',
  clearTimeout: 'readonly',
  console: 'readonly',
  fetch: 'readonly',
  performance: 'readonly',
  process: 'readonly',
  setImmediate: 'readonly',
  setInterval: 'readonly',
  setTimeout: 'readonly',
  structuredClone: 'readonly',
};

export default defineConfig([
  // Build output, fixture repos and test projects (linted by their own tests, with their own expectations) and scratch space.
  // The benchmark writes its synthetic repositories to the OS temp folder, so bench/ holds only sources.
  globalIgnores(['dist/', 'fixtures/', 'test/projects/', 'coverage/', 'node_modules/', '.tmp/']),
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
  },
]);
