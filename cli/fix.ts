import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { owningPackageRoot } from '../core/project/owning-package.js';
import { runCodemod } from '../codemods/project.js';
import { addedTypeErrors, packageTypeScript, typeErrors, type TypeError } from '../codemods/verify.js';
import type { CodemodOptions, CodemodResult, FileError, SitesMoved } from '../codemods/types.js';
import { unifiedDiff } from './diff.js';
import { discoverSourceFiles } from './discover.js';
import { exitCodes, UsageError } from './errors.js';
import { isGitManaged, uncommittedChanges } from './git.js';
import { toRelative } from './paths.js';
import { resolveSingletonPath, resolveTargets } from './project-root.js';
import { readRedisCandidates, readWithinRoot } from './read.js';
import { formatSummary, formatSummaryJson, type FixSummary } from './summary.js';
import { planWrite, writeAtomically, WriteRefused, type WritePlan } from './write.js';

export interface FixOptions {
  dry: boolean;
  print: boolean;
  force: boolean;
  json: boolean;
  singleton?: string;
  extensions: string[];
  ignore: string[];
  /** Type-check each owning package that has TypeScript before and after, and keep files whose rewrite adds an error. */
  verify?: boolean;
}

export interface Output {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function refuseDirtyTree(root: string, relativeTargets: readonly string[]): void {
  const changes = uncommittedChanges(root, relativeTargets);
  if (changes.length === 0) return;
  const shown = changes.slice(0, 5).map((line) => `  ${line}`).join('\n');
  const more = changes.length > 5 ? `\n  … and ${changes.length - 5} more` : '';
  throw new UsageError(
    `The git work tree has uncommitted changes:\n${shown}${more}\n` +
    'Commit or stash them first, so the rewrite can be reviewed and undone on its own, or pass --force.',
  );
}

interface PendingWrite {
  /** Relative to the root. */
  file: string;
  text: string;
  isModule: boolean;
}

/** Shared modules first, so a call site is never rewritten to import a module that could not be written. */
function orderedWrites(root: string, result: CodemodResult): PendingWrite[] {
  const modulePaths = new Set(result.modules.map((module) => module.path));
  return [...result.writes]
    .map(([target, text]) => ({ file: toRelative(root, target), text, isModule: modulePaths.has(toRelative(root, target)) }))
    .sort((left, right) => Number(right.isModule) - Number(left.isModule) || (left.file < right.file ? -1 : 1));
}

interface PlannedWrite extends PendingWrite {
  plan: WritePlan;
  /** The text on disk now; undefined for a new file. */
  before: string | undefined;
}

/** Checks every write before any is made; the ones refused become errors, the unchanged ones drop out. */
async function planWrites(root: string, writes: readonly PendingWrite[], errors: FileError[]): Promise<{ planned: PlannedWrite[]; refusedModules: string[] }> {
  const planned: PlannedWrite[] = [];
  const refusedModules: string[] = [];
  for (const write of writes) {
    try {
      const plan = await planWrite(root, path.join(root, write.file));
      const before = plan.mode === undefined ? undefined : await readFile(plan.destination, 'utf8');
      if (before !== write.text) planned.push({ ...write, plan, before });
    } catch (error) {
      errors.push({ file: write.file, message: writeFailure(error) });
      if (write.isModule) refusedModules.push(write.file);
    }
  }
  return { planned, refusedModules };
}

function writeFailure(error: unknown): string {
  return error instanceof WriteRefused ? error.message : `could not be read back (${String(error)}); nothing was written`;
}

function relativeError(root: string, error: FileError): FileError {
  return path.isAbsolute(error.file) ? { ...error, file: toRelative(root, error.file) } : error;
}

export async function runFix(paths: readonly string[], options: FixOptions, output: Output): Promise<number> {
  const { root, paths: targets } = resolveTargets(paths);
  const singleton = resolveSingletonPath(root, options.singleton);
  const relativeTargets = targets.map((target) => toRelative(root, target));
  const gitManaged = isGitManaged(root);
  if (gitManaged && !options.force) refuseDirtyTree(root, relativeTargets);

  const files = discoverSourceFiles({
    root, targets, extensions: options.extensions, ignore: options.ignore, useGit: gitManaged,
  });
  const { candidates, others, errors: readErrors } = readRedisCandidates(root, files);
  const readProjectFile = readWithinRoot(root);
  const codemodOptions = { root, files: candidates, otherFiles: others, singleton, readFile: readProjectFile };
  let result = runCodemod(codemodOptions);
  let typeRejected: { file: string; error: string }[] = [];
  if (options.verify) ({ result, typeRejected } = verifiedRewrite(root, codemodOptions, result));

  const errors: FileError[] = [...readErrors, ...result.errors.map((error) => relativeError(root, error))];
  const { planned, refusedModules } = await planWrites(root, orderedWrites(root, result), errors);
  let failedModule: string | undefined = refusedModules[0];
  // A shared module that no rewritten call site would import is litter: it is written only along with one.
  const callSitesWritable = failedModule === undefined && planned.some((write) => !write.isModule);
  const diffs: string[] = [];
  const written = new Set<string>();
  const moved: SitesMoved = { toSharedModule: 0, withinFile: 0 };
  for (const write of planned) {
    if (write.isModule && !callSitesWritable) continue;
    if (failedModule !== undefined && !write.isModule) {
      errors.push({ file: write.file, message: `was not rewritten because the shared module ${failedModule} could not be written` });
      continue;
    }
    try {
      if (!options.dry) await writeAtomically(write.plan, write.text);
      written.add(write.file);
      // Counted only once written: a site whose file failed did not move.
      const sites = result.sitesMoved.get(path.join(root, write.file));
      moved.toSharedModule += sites?.toSharedModule ?? 0;
      moved.withinFile += sites?.withinFile ?? 0;
      if (options.print) diffs.push(unifiedDiff(write.file, write.before, write.text));
    } catch (error) {
      errors.push({ file: write.file, message: writeFailure(error) });
      if (write.isModule) failedModule ??= write.file;
    }
  }

  const summary: FixSummary = {
    filesScanned: files.length,
    filesChanged: written.size,
    sitesHoisted: moved.toSharedModule + moved.withinFile,
    sitesMovedWithinFile: moved.withinFile,
    sitesSkipped: result.sitesSkipped.map(({ file, line, reason }) => ({ file, line, reason })),
    modules: result.modules
      .filter((module) => module.action === 'reused' || written.has(module.path))
      .map(({ path: modulePath, action, why }) => ({ path: modulePath, action, ...(why === undefined ? {} : { why }) })),
    errors,
    ...(options.verify ? { typeRejected } : {}),
  };
  if (options.json) {
    output.stdout.write(formatSummaryJson(summary));
  } else if (options.print) {
    // stdout carries only the patch, so it can be piped to `git apply`.
    output.stdout.write(diffs.join(''));
    output.stderr.write(formatSummary(summary, options.dry));
  } else {
    output.stdout.write(formatSummary(summary, options.dry));
  }
  return errors.length > 0 ? exitCodes.failed : exitCodes.done;
}

/** Rounds of leaving files out and planning again before a package that still breaks is left whole. */
const VERIFY_ROUNDS = 3;

/**
 * `--verify`: type-checks each owning package that has TypeScript installed, before and after its rewrite. A call
 * site file whose rewrite adds a type error is left as it was and the rest is planned again without it (the
 * package's shared module then holds only what the other files use). An added error the left-out files cannot
 * explain (in a caller of a rewritten helper, in the shared module) leaves the whole package as it was.
 */
function verifiedRewrite(
  root: string,
  options: CodemodOptions,
  first: CodemodResult,
): { result: CodemodResult; typeRejected: { file: string; error: string }[] } {
  const leftAsIs = new Map<string, string>();
  const typeRejected: { file: string; error: string }[] = [];
  let result = first;
  for (let round = 0; ; round++) {
    const added = addedErrorsByPackage(root, result, options.readFile);
    const newlyLeft = [...added.values()].flat().filter((error) => result.sitesMoved.has(error.file) && !leftAsIs.has(error.file));
    if (newlyLeft.length === 0 || round === VERIFY_ROUNDS) {
      for (const [packageRoot, errors] of added) leavePackage(root, result, packageRoot, errors, typeRejected, options.readFile);
      return { result, typeRejected };
    }
    for (const error of newlyLeft) {
      if (leftAsIs.has(error.file)) continue;
      leftAsIs.set(error.file, `its rewrite would add a type error: ${error.text}`);
      typeRejected.push(rejection(root, error));
    }
    result = runCodemod({ ...options, leftAsIs });
  }
}

/** The type errors each package's rewrite adds, for the packages that have any. */
function addedErrorsByPackage(root: string, result: CodemodResult, readFile: (path: string) => string | undefined): Map<string, TypeError[]> {
  const byPackage = new Map<string, string[]>();
  for (const target of result.writes.keys()) {
    const packageRoot = owningPackageRoot(target, root, readFile);
    byPackage.set(packageRoot, [...(byPackage.get(packageRoot) ?? []), target]);
  }
  const added = new Map<string, TypeError[]>();
  for (const [packageRoot, targets] of byPackage) {
    const ts = packageTypeScript(packageRoot, (candidate) => readFile(candidate) !== undefined);
    if (!ts) continue;
    const overlay = new Map(targets.map((target) => [target, result.writes.get(target)!]));
    const errors = addedTypeErrors(typeErrors(ts, packageRoot, new Map()), typeErrors(ts, packageRoot, overlay));
    if (errors.length > 0) added.set(packageRoot, errors);
  }
  return added;
}

/** Drops every write of a package whose rewrite still adds type errors, and names the errors. */
function leavePackage(
  root: string,
  result: CodemodResult,
  packageRoot: string,
  errors: readonly TypeError[],
  typeRejected: { file: string; error: string }[],
  readFile: (path: string) => string | undefined,
): void {
  const targets = [...result.writes.keys()].filter((target) => owningPackageRoot(target, root, readFile) === packageRoot);
  for (const target of targets) {
    result.writes.delete(target);
    result.sitesMoved.delete(target);
  }
  result.modules = result.modules.filter((module) => !targets.includes(path.resolve(root, module.path)));
  for (const error of errors) typeRejected.push(rejection(root, error));
}

function rejection(root: string, error: TypeError): { file: string; error: string } {
  const file = toRelative(root, error.file);
  return { file, error: `${file}, after the rewrite: ${error.text}` };
}
