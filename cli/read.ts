import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { mayContainRedisClient } from '../codemods/project.js';
import type { FileError, SourceFile } from '../codemods/types.js';
import { isWithin, toRelative } from './paths.js';
import { startProgress } from './progress.js';

/** The engine's `readFile`: project files only; anything outside the root (also via a symlink) reads as absent. */
export function readWithinRoot(root: string): (absolutePath: string) => string | undefined {
  return (absolutePath) => {
    const resolved = path.resolve(absolutePath);
    if (!isWithin(root, resolved)) return undefined;
    try {
      if (!isWithin(root, realpathSync(resolved))) return undefined;
      return readFileSync(resolved, 'utf8');
    } catch {
      // Missing, a folder, or unreadable: the engine treats all three as "no such file".
      return undefined;
    }
  };
}

export interface Candidates {
  /** Files whose text may build a Redis client; the others are never parsed. */
  candidates: SourceFile[];
  /** The rest, which the engine reads only when they call a helper it rewrites. */
  others: string[];
  errors: FileError[];
}

/**
 * Reads every discovered file once and keeps those the cheap text filter cannot rule out, and those `alsoAnalyse`
 * keeps (a file that imports a module that builds a client).
 */
export function readRedisCandidates(root: string, files: readonly string[], alsoAnalyse?: (file: string, source: string) => boolean): Candidates {
  const candidates: SourceFile[] = [];
  const others: string[] = [];
  const errors: FileError[] = [];
  const progress = startProgress('Scanning', files.length);
  for (const file of files) {
    progress.advance();
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      errors.push({ file: toRelative(root, file), message: `could not be read (${code}); check its permissions and run again` });
      continue;
    }
    // A NUL byte marks a binary file (an MPEG transport stream is also `.ts`), as it does for git: not source.
    if (source.includes('\0')) continue;
    if (mayContainRedisClient(source) || alsoAnalyse?.(file, source)) candidates.push({ path: file, source });
    else others.push(file);
  }
  progress.finish();
  return { candidates, others, errors };
}
