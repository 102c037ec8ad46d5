/**
 * Writes a deterministic synthetic Next.js + Express code base: `files` source files (.ts, .tsx,
 * .js), about 2% of them building Redis clients, plus the project files a real repository has.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { entities } from './code.mjs';
import { ordinaryKinds } from './files.mjs';
import { importGroups } from './import-sites.mjs';
import { createRandom } from './random.mjs';
import { lookAlike, redisForms } from './redis-sites.mjs';

export const REDIS_SHARE = 0.02;
/** Files in groups where a route reaches a client through an import of a project module. */
export const IMPORT_SHARE = 0.01;
const LOOK_ALIKE_SHARE = 0.004;

const projectFiles = {
  'package.json': `${JSON.stringify({
    name: 'acme-dashboard',
    private: true,
    scripts: { dev: 'next dev', build: 'next build', start: 'node server/index.js', test: 'vitest run' },
    dependencies: { express: '^5.1.0', ioredis: '^5.6.0', next: '^16.0.0', react: '^19.1.0', 'react-dom': '^19.1.0', redis: '^5.8.0' },
    devDependencies: { '@types/express': '^5.0.0', '@types/react': '^19.1.0', typescript: '^5.9.0', vitest: '^3.2.0' },
  }, null, 2)}\n`,
  'tsconfig.json': `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', lib: ['dom', 'dom.iterable', 'es2022'], allowJs: true, strict: true, noEmit: true, module: 'esnext',
      moduleResolution: 'bundler', jsx: 'preserve', paths: { '@/*': ['./src/*'] },
    },
    include: ['next-env.d.ts', '**/*.ts', '**/*.tsx'],
    exclude: ['node_modules'],
  }, null, 2)}\n`,
  '.gitignore': 'node_modules/\n.next/\ncoverage/\n.env*.local\n',
};

/** Picks a path no earlier file took, renaming the entity (`order` → `order2`) on a clash. */
function placeFile(build, random, taken) {
  const entity = random.pick(entities);
  for (let suffix = 1; ; suffix++) {
    const file = build(random, suffix === 1 ? entity : `${entity}${suffix}`);
    if (!taken.has(file.path)) {
      taken.add(file.path);
      return file;
    }
  }
}

/** Like placeFile for a group of files that name each other: every path of the group must be free. */
function placeGroup(build, random, taken) {
  const entity = random.pick(entities);
  for (let suffix = 1; ; suffix++) {
    const files = build(random, suffix === 1 ? entity : `${entity}${suffix}`);
    if (files.every((file) => !taken.has(file.path))) {
      for (const file of files) taken.add(file.path);
      return files;
    }
  }
}

/**
 * Generates the tree under `dir` (which must be empty or absent) and returns its manifest:
 * counts by extension and kind, the Redis sites planted, and a digest of every path and byte.
 */
export function generateRepo({ dir, files, seed }) {
  const random = createRandom(seed);
  const redisCount = Math.round(files * REDIS_SHARE);
  const lookAlikeCount = Math.round(files * LOOK_ALIKE_SHARE);
  const plan = [
    ...Array.from({ length: redisCount }, () => ['redis', random.weighted(Object.fromEntries(Object.entries(redisForms).map(([kind, [, weight]]) => [kind, weight])))]),
    ...Array.from({ length: lookAlikeCount }, () => ['lookAlike', 'lookAlike']),
  ];
  const groupWeights = Object.fromEntries(Object.entries(importGroups).map(([kind, [, weight]]) => [kind, weight]));
  const groups = [];
  for (let planned = 0; planned < Math.max(1, Math.round(files * IMPORT_SHARE));) {
    const kind = random.weighted(groupWeights);
    groups.push([kind, placeGroup(importGroups[kind][0], random, new Set())]);
    planned += groups.at(-1)[1].length;
  }
  const groupFiles = groups.reduce((sum, [, list]) => sum + list.length, 0);
  const ordinaryWeights = Object.fromEntries(Object.entries(ordinaryKinds).map(([kind, [, weight]]) => [kind, weight]));
  while (plan.length + groupFiles < files) plan.push(['ordinary', random.weighted(ordinaryWeights)]);

  const taken = new Set();
  const written = [];
  const manifest = {
    seed, files, byExtension: {}, byKind: {}, lines: 0, bytes: 0,
    redis: { files: 0, lookAlikes: 0, sites: [], perRequest: 0, hoistable: 0, notHoistable: 0, runOnce: 0 },
    imports: { groups: groups.length, files: 0, byGroup: {}, perRequest: 0, silent: 0 },
  };
  const record = (file, text) => {
    written.push([file.path, text]);
    const extension = extname(file.path);
    manifest.byExtension[extension] = (manifest.byExtension[extension] ?? 0) + 1;
    manifest.lines += file.lines.length;
    manifest.bytes += Buffer.byteLength(text);
  };
  for (const [group, kind] of plan) {
    const build = group === 'redis' ? redisForms[kind][0] : group === 'lookAlike' ? lookAlike : ordinaryKinds[kind][0];
    const file = placeFile(build, random, taken);
    record(file, `${file.lines.join('\n')}\n`);
    manifest.byKind[kind] = (manifest.byKind[kind] ?? 0) + 1;
    if (group === 'redis') manifest.redis.files++;
    if (group === 'lookAlike') manifest.redis.lookAlikes++;
    for (const site of file.sites ?? []) {
      manifest.redis.sites.push({ file: file.path, ...site });
      if (!site.perRequest) manifest.redis.runOnce++;
      else {
        manifest.redis.perRequest++;
        if (site.hoistable) manifest.redis.hoistable++;
        else manifest.redis.notHoistable++;
      }
    }
  }

  // Groups are placed after the single files, so their paths never push a single file's entity aside.
  for (const [kind, list] of groups) {
    manifest.imports.byGroup[kind] = (manifest.imports.byGroup[kind] ?? 0) + 1;
    const paths = list.map((file) => file.path);
    const free = paths.every((path) => !taken.has(path)) ? list : placeGroup(importGroups[kind][0], random, taken);
    for (const file of free) {
      taken.add(file.path);
      record(file, `${file.lines.join('\n')}\n`);
      manifest.imports.files++;
      for (const site of file.sites) {
        manifest.redis.sites.push({ file: file.path, ...site });
        if (site.perRequest) manifest.imports.perRequest++;
        else manifest.imports.silent++;
      }
    }
  }

  const digest = createHash('sha256');
  for (const [path, text] of [...Object.entries(projectFiles), ...written]) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    digest.update(`${path}\0${text}\0`);
  }
  manifest.sha256 = digest.digest('hex');
  manifest.paths = written.map(([path]) => path);
  return manifest;
}

/** Makes the tree a clean git work tree, as a user's repository would be when they run the codemod. */
export function commitTree(dir) {
  const git = (...args) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid',
    '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '--quiet');
  git('add', '--all');
  git('commit', '--quiet', '--message', 'Synthetic repository');
}
