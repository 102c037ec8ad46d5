/**
 * The package as users install it: `npm pack` (of the built dist/), installed from the tarball
 * into fresh projects with ESLint 9 and with ESLint 10 (flat config, typescript-eslint), and run
 * under oxlint's `jsPlugins`. Each linter must report on the fixtures' input/ trees exactly what
 * the plugin of this checkout reports; the tarball must pass publint and arethetypeswrong, and a
 * user's typed `eslint.config.ts` must accept the plugin. Installs come from the npm registry.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type CliRun } from './helpers/cli.js';
import { fixtureDir, fixturesRoot, repoRoot } from './helpers/fixture-tree.js';

const ruleId = 'redis-singleton/no-per-request-client';
const packageName = 'eslint-plugin-redis-singleton';

const scenarios = readdirSync(fixturesRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Node runs their .js as CommonJS: no "type": "module" in their package.json. */
const commonJsScenarios = scenarios.filter((scenario) => {
  const manifest = JSON.parse(readFileSync(path.join(fixtureDir(scenario, 'input'), 'package.json'), 'utf8')) as { type?: string };
  return manifest.type !== 'module';
});

/** The flat config a user writes, importing the plugin and typescript-eslint by the given specifiers. */
function eslintConfigText(pluginSpecifier: string, typescriptEslintSpecifier: string): string {
  return `import redisSingleton from ${JSON.stringify(pluginSpecifier)};
import tseslint from ${JSON.stringify(typescriptEslintSpecifier)};

export default [
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },
  redisSingleton.configs.recommended,
  { files: ${JSON.stringify(commonJsScenarios.map((scenario) => `fixtures/${scenario}/**/*.js`))}, languageOptions: { sourceType: 'commonjs' } },
];
`;
}

/** A user's typed eslint.config.ts, checked with tsc (not loaded): the plugin's types must fit ESLint's. */
const typedConfig = `import { defineConfig } from 'eslint/config';
import redisSingleton from '${packageName}';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  redisSingleton.configs.recommended,
  { plugins: { 'redis-singleton': redisSingleton }, rules: { '${ruleId}': ['error', { handlerNames: ['main'] }] } },
);
`;

const typedConfigTsconfig = `${JSON.stringify(
  {
    compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [], skipLibCheck: false },
    files: ['eslint.config.ts'],
  },
  null,
  2,
)}\n`;

/** Only the rule: every other oxlint category is off, so the findings compare one to one. */
const oxlintConfig = `${JSON.stringify(
  { jsPlugins: [packageName], categories: { correctness: 'off' }, rules: { [ruleId]: 'error' } },
  null,
  2,
)}\n`;

async function succeed(command: string, args: readonly string[], cwd: string): Promise<CliRun> {
  const result = await runProcess(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.code} in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** A finding as `fixtures/<scenario>/<file>:line:column rule message`, whichever linter found it. */
type Finding = string;

interface EslintJsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string }[];
}

function eslintFindings(results: readonly EslintJsonResult[], cwd: string): Finding[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${path.relative(cwd, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId ?? 'parse error'} ${message.message}`,
      ),
    )
    .sort();
}

interface OxlintJson {
  diagnostics: { message: string; code: string; filename: string; labels: { span: { line: number; column: number } }[] }[];
}

function oxlintFindings(report: OxlintJson): Finding[] {
  return report.diagnostics
    .map((diagnostic) => {
      // oxlint names a JS plugin's rule `plugin(rule)`; ESLint says `plugin/rule`.
      const rule = diagnostic.code.replace(/^([\w-]+)\((.+)\)$/, '$1/$2');
      const { line, column } = diagnostic.labels[0].span;
      return `${diagnostic.filename}:${line}:${column} ${rule} ${diagnostic.message}`;
    })
    .sort();
}

/** A fresh project holding a copy of every fixture's input/ under fixtures/<scenario>/. */
async function makeFixtureProject(root: string): Promise<void> {
  for (const scenario of scenarios) await cp(fixtureDir(scenario, 'input'), path.join(root, 'fixtures', scenario), { recursive: true });
}

let work: string;
let tarball: string;
let reference: Finding[];

/** What the plugin of this checkout (dist/, the repository's ESLint 10) reports on the fixtures. */
async function inRepoFindings(): Promise<Finding[]> {
  const root = path.join(work, 'in-repo');
  await makeFixtureProject(root);
  const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
  const configFile = path.join(root, 'eslint.config.mjs');
  await writeFile(
    configFile,
    eslintConfigText(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href, pathToFileURL(requireFromRepo.resolve('typescript-eslint')).href),
  );
  const eslint = new ESLint({ cwd: root, overrideConfigFile: configFile });
  return eslintFindings((await eslint.lintFiles(['fixtures'])) as EslintJsonResult[], root);
}

/** Installs the tarball with the given dev dependencies into a new project; returns its root. */
async function installedProject(name: string, devDependencies: Record<string, string>): Promise<string> {
  const root = path.join(work, name);
  await mkdir(root);
  await makeFixtureProject(root);
  const manifest = {
    name: `installed-${name}`,
    private: true,
    type: 'module',
    devDependencies: { ...devDependencies, [packageName]: `file:${tarball}` },
  };
  await writeFile(path.join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(path.join(root, 'eslint.config.mjs'), eslintConfigText(packageName, 'typescript-eslint'));
  await succeed('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], root);
  return root;
}

function installedVersion(root: string, dependency: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', dependency, 'package.json'), 'utf8')) as { version: string }).version;
}

const ownVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const typescriptRange = '~6.0.0';
const typescriptEslintRange = '^8.72.0';
/** tsc and the linters on a machine shared with other jobs: minutes, not seconds. */
const slowStep = 300_000;
const projects: Record<'eslint9' | 'eslint10', string> = { eslint9: '', eslint10: '' };

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  work = await mkdtemp(path.join(realpathSync(tmpdir()), 'redis-singleton-package-'));
  // The built dist/ as it is: packing must not rebuild it under the feet of tests running beside this one.
  const packed = await succeed('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot);
  tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
  reference = await inRepoFindings();
  const [eslint9, eslint10] = await Promise.all([
    installedProject('eslint9', { eslint: '^9.0.0', 'typescript-eslint': typescriptEslintRange, typescript: typescriptRange }),
    installedProject('eslint10', {
      eslint: '^10.0.0',
      'typescript-eslint': typescriptEslintRange,
      typescript: typescriptRange,
      oxlint: '^1.94.0',
      '@types/jscodeshift': '^17.3.0',
    }),
  ]);
  Object.assign(projects, { eslint9, eslint10 });
}, 900_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds dist/ and the manifest, and nothing of the sources or tests', async () => {
    const listing = await succeed('tar', ['-tzf', tarball], work);
    const files = listing.stdout.split('\n').filter((line) => line !== '').map((line) => line.replace(/^package\//, ''));
    expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['README.md', 'package.json']);
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/cli/index.js', 'dist/codemods/hoist-redis-client.js']));
    // Every built file has a source: nothing stale from an earlier build.
    const stale = files.filter((file) => file.endsWith('.js')).map((file) => file.replace(/^dist\//, '').replace(/\.js$/, '.ts')).filter((source) => !existsSync(path.join(repoRoot, source)));
    expect(stale).toEqual([]);
  });

  it('passes publint --strict', async () => {
    const result = await runProcess(path.join(repoRoot, 'node_modules', '.bin', 'publint'), ['run', '--strict', tarball], work);
    expect(result.stdout + result.stderr).toContain('All good!');
    expect(result.code).toBe(0);
  }, slowStep);

  it('passes arethetypeswrong for an ESM-only package', async () => {
    const result = await runProcess(path.join(repoRoot, 'node_modules', '.bin', 'attw'), ['--profile', 'esm-only', '--format', 'ascii', tarball], work);
    // CommonJS `require` and node10 resolution do not apply to an ESM-only package (Node 20.19+ loads it through require(esm)).
    const problems = result.stdout.split('\n').filter((line) => /⚠️|💀|❌/u.test(line) && !line.includes('(ignored'));
    expect(problems).toEqual([]);
    expect(result.code).toBe(0);
  }, slowStep);
});

describe.each([
  ['eslint9', 9],
  ['eslint10', 10],
] as const)('installed beside ESLint %s', (project, major) => {
  it(`has ESLint ${major} and the plugin from the tarball`, () => {
    expect(installedVersion(projects[project], 'eslint').split('.')[0]).toBe(String(major));
    expect(installedVersion(projects[project], packageName)).toBe(ownVersion);
  });

  it('reports on the fixtures exactly what the in-repo run reports', async () => {
    const root = projects[project];
    const result = await runProcess(process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'fixtures'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(eslintFindings(JSON.parse(result.stdout) as EslintJsonResult[], root)).toEqual(reference);
    expect(reference.length).toBeGreaterThanOrEqual(scenarios.length);
  }, slowStep);

  it('type-checks a typed eslint.config.ts that passes the plugin to defineConfig', async () => {
    const root = path.join(projects[project], 'typed-config');
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'eslint.config.ts'), typedConfig);
    await writeFile(path.join(root, 'tsconfig.json'), typedConfigTsconfig);
    const result = await runProcess(process.execPath, [path.join(projects[project], 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], root);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, slowStep);
});

describe('installed beside oxlint, as a JS plugin', () => {
  it('reports on the fixtures exactly what the in-repo ESLint run reports', async () => {
    const root = projects.eslint10;
    await writeFile(path.join(root, '.oxlintrc.json'), oxlintConfig);
    const result = await runProcess(path.join(root, 'node_modules', '.bin', 'oxlint'), ['--format', 'json', 'fixtures'], root);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(oxlintFindings(JSON.parse(result.stdout) as OxlintJson)).toEqual(reference);
  }, slowStep);
});

describe('the codemod entry point', () => {
  it('type-checks in a jscodeshift user\'s project (with @types/jscodeshift, an optional peer)', async () => {
    const root = path.join(projects.eslint10, 'typed-codemod');
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'transform.ts'), `import hoistRedisClient, { parser } from '${packageName}/codemods/hoist-redis-client';\n\nexport { parser };\nexport default hoistRedisClient;\n`);
    await writeFile(path.join(root, 'tsconfig.json'), typedConfigTsconfig.replace('eslint.config.ts', 'transform.ts'));
    const result = await runProcess(process.execPath, [path.join(projects.eslint10, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], root);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, slowStep);
});
