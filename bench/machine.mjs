/** What the numbers were measured on: hardware, load and tool versions. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

const root = new URL('../', import.meta.url);
const versionOf = (name) => JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')).version;

export function describeMachine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export function toolVersions() {
  return {
    node: process.version,
    eslint: versionOf('eslint'),
    typescript: versionOf('typescript'),
    '@typescript-eslint/parser': versionOf('@typescript-eslint/parser'),
    jscodeshift: versionOf('jscodeshift'),
    'eslint-plugin-redis-singleton': JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version,
  };
}
