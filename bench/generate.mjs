#!/usr/bin/env node
/**
 * Writes the synthetic repository on its own, to inspect it or to verify that both parsers the
 * benchmark uses accept every file:
 *   node bench/generate.mjs [--files 5000] [--seed 1] [--out DIR] [--verify]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateRepo } from './synthetic/repo.mjs';

/**
 * Parses every file with typescript-estree (what ESLint runs) and Babel's tsx (what jscodeshift
 * runs), or only with the ones named in `parsers`.
 */
export function verifyTree(dir, paths, parsers = ['typescript-estree', 'babel tsx']) {
  const require = createRequire(import.meta.url);
  const { parse } = require('@typescript-eslint/typescript-estree');
  const babel = require('jscodeshift/parser/tsx')();
  const failures = [];
  for (const path of paths) {
    const code = readFileSync(join(dir, path), 'utf8');
    const runs = [['typescript-estree', () => parse(code, { filePath: path, jsx: true, loc: true, range: true })], ['babel tsx', () => babel.parse(code)]];
    for (const [parser, run] of runs.filter(([name]) => parsers.includes(name))) {
      try {
        run();
      } catch (error) {
        failures.push(`${path}: ${parser}: ${error.message.split('\n')[0]}`);
      }
    }
  }
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '5000' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, verify: { type: 'boolean', default: false } } });
  const dir = values.out ?? mkdtempSync(join(tmpdir(), 'redis-singleton-synthetic-'));
  const manifest = generateRepo({ dir, files: Number(values.files), seed: Number(values.seed) });
  const redis = { ...manifest.redis, sites: manifest.redis.sites.length };
  const imports = manifest.imports;
  console.log(JSON.stringify({ dir, files: manifest.files, seed: manifest.seed, lines: manifest.lines, bytes: manifest.bytes, sha256: manifest.sha256, byExtension: manifest.byExtension, byKind: manifest.byKind, redis, imports }, null, 2));
  if (values.verify) {
    const failures = verifyTree(dir, manifest.paths);
    console.log(failures.length === 0 ? `verify: all ${manifest.paths.length} files parse with typescript-estree and Babel tsx` : failures.join('\n'));
    if (failures.length > 0) process.exitCode = 1;
  }
}
