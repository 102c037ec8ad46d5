/**
 * Runs the built `redis-singleton` CLI as a child process on small temporary projects, and
 * reads those projects back for comparison.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The child sees no GIT_* variables of ours, so git answers for the temp project only. */
function childEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_')) env[name] = value;
  }
  return env;
}

/** Runs a program to its end, collecting its output; git in it sees no GIT_* variables of ours. */
export function runProcess(command: string, args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function runCli(cwd: string, args: readonly string[]): Promise<CliRun> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} does not exist: run \`npm run build\` first.`);
  return runProcess(process.execPath, [cliPath, ...args], cwd);
}

/** The `--json` summary; fails with the whole output when stdout is not JSON. */
export function parseSummary<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`expected a JSON summary (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

const createdFolders: string[] = [];

export async function makeTempFolder(prefix = 'redis-singleton-cli-'): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), prefix));
  createdFolders.push(folder);
  return folder;
}

/** Writes `files` (relative path → text) into a fresh temporary folder and returns its path. */
export async function makeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await makeTempFolder();
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [relativePath, text] of Object.entries(files)) {
    const absolutePath = path.join(root, relativePath);
    await mkdir(path.dirname(absolutePath), { recursive: true });
    await writeFile(absolutePath, text);
  }
}

/** Removes every folder made here, first giving back the write bits tests took away. */
export async function removeTempFolders(): Promise<void> {
  for (const folder of createdFolders.splice(0)) {
    execFileSync('chmod', ['-R', 'u+w', folder]);
    await rm(folder, { recursive: true, force: true });
  }
}

const gitIdentity = ['-c', 'user.name=CLI Test', '-c', 'user.email=cli-test@example.com', '-c', 'commit.gpgsign=false'];

export function git(root: string, args: readonly string[]): string {
  return execFileSync('git', [...gitIdentity, ...args], { cwd: root, encoding: 'utf8', env: childEnvironment() });
}

/** Makes `root` a git repository with everything in it committed. */
export function commitAll(root: string): void {
  if (!existsSync(path.join(root, '.git'))) git(root, ['init', '--quiet']);
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--message', 'snapshot']);
}

/** Every entry under `root` except `.git`, described by `describe`, keyed by relative path with forward slashes. */
function describeTree(root: string, describe: (absolutePath: string, stats: Stats) => string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      if (name === '.git') continue;
      const absolutePath = path.join(folder, name);
      const relativePath = path.relative(root, absolutePath).split(path.sep).join('/');
      const stats = lstatSync(absolutePath);
      if (stats.isSymbolicLink()) entries[relativePath] = `-> ${readlinkSync(absolutePath)}`;
      else if (stats.isDirectory()) visit(absolutePath);
      else entries[relativePath] = describe(absolutePath, stats);
    }
  };
  visit(root);
  return entries;
}

/** File text, or `-> target` for a symlink: two snapshots are equal exactly when no file was added, removed or changed. */
export function snapshot(root: string): Record<string, string> {
  return describeTree(root, (absolutePath) => readFileSync(absolutePath, 'utf8'));
}

/** `sha256 mode` of each file, or `-> target` of a symlink: equal digests mean no byte and no permission changed. */
export function treeDigest(root: string): Record<string, string> {
  return describeTree(root, (absolutePath, stats) => `${createHash('sha256').update(readFileSync(absolutePath)).digest('hex')} ${(stats.mode & 0o7777).toString(8)}`);
}

export function readProjectFile(root: string, relativePath: string): string {
  return readFileSync(path.join(root, relativePath), 'utf8');
}

export async function makeReadOnly(absolutePath: string): Promise<void> {
  await chmod(absolutePath, lstatSync(absolutePath).isDirectory() ? 0o555 : 0o444);
}
