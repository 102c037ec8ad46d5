import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isWithin } from './paths.js';

/** A write the CLI will not or could not perform; the message is shown next to the file. */
export class WriteRefused extends Error {
  override name = 'WriteRefused';
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function existingEntry(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Root bypasses permission bits, so a file or folder without any write bit counts as
 * read-only too: nobody marks a file 0444 expecting a codemod to replace it.
 */
async function isWritable(target: string): Promise<boolean> {
  const { mode } = await stat(target);
  if ((mode & 0o222) === 0) return false;
  try {
    await access(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where a new file's folders would go: the nearest folder at or above `folder` that exists. */
async function nearestExistingFolder(folder: string): Promise<string> {
  let current = folder;
  while (!(await existingEntry(current))) current = path.dirname(current);
  return current;
}

function describeFailure(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; make it writable and run again';
  if (code === 'EROFS') return 'the file system is read-only; run on a writable copy';
  if (code === 'ENOSPC') return 'the disk is full; free some space and run again';
  return `could not be written (${error instanceof Error ? error.message : String(error)})`;
}

/** A checked destination: where the text goes and the mode it keeps. */
export interface WritePlan {
  /** Real path the text is written to (a symlink inside the root is written through). */
  destination: string;
  /** Mode of the file being replaced; undefined for a new file. */
  mode: number | undefined;
}

/**
 * Checks a write without performing it (so `--dry` reports what a real run would refuse):
 * anything that is, or resolves through a symlink to, a place outside `root` (a real path),
 * and read-only files and folders, are refused.
 */
export async function planWrite(root: string, target: string): Promise<WritePlan> {
  try {
    return await checkDestination(root, target);
  } catch (error) {
    if (error instanceof WriteRefused) throw error;
    throw new WriteRefused(describeFailure(error));
  }
}

async function checkDestination(root: string, target: string): Promise<WritePlan> {
  const resolved = path.resolve(target);
  if (!isWithin(root, resolved)) {
    throw new WriteRefused(`is outside the project root ${root}; nothing was written there`);
  }

  if (await existingEntry(resolved)) {
    let destination: string;
    try {
      destination = await realpath(resolved);
    } catch {
      throw new WriteRefused('is a broken symbolic link; fix or remove it and run again');
    }
    if (!isWithin(root, destination)) {
      throw new WriteRefused(`is a symbolic link to ${destination}, outside the project root; it was left unchanged`);
    }
    const stats = await stat(destination);
    if (!stats.isFile()) throw new WriteRefused('is not a regular file; it was left unchanged');
    if (!(await isWritable(destination))) {
      throw new WriteRefused('is read-only; make it writable (chmod u+w) and run again');
    }
    await refuseReadOnlyFolder(root, path.dirname(destination));
    return { destination, mode: stats.mode & 0o7777 };
  }

  const ancestor = await nearestExistingFolder(path.dirname(resolved));
  const realAncestor = await realpath(ancestor);
  if (!isWithin(root, realAncestor)) {
    throw new WriteRefused(
      `would be written through ${ancestor}, a symbolic link to ${realAncestor} outside the project root; nothing was written`,
    );
  }
  await refuseReadOnlyFolder(root, realAncestor);
  return { destination: path.join(realAncestor, path.relative(ancestor, resolved)), mode: undefined };
}

async function refuseReadOnlyFolder(root: string, folder: string): Promise<void> {
  if (!(await isWritable(folder))) {
    throw new WriteRefused(`cannot be written: its folder ${path.relative(root, folder) || '.'} is read-only; make it writable and run again`);
  }
}

/** Writes atomically: a temporary file in the same folder, then a rename over the destination. */
export async function writeAtomically(plan: WritePlan, text: string): Promise<void> {
  const folder = path.dirname(plan.destination);
  const temporary = path.join(folder, `.${path.basename(plan.destination)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(temporary, text, { flag: 'wx' });
    if (plan.mode !== undefined) await chmod(temporary, plan.mode);
    await rename(temporary, plan.destination);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new WriteRefused(describeFailure(error));
  }
}
