import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type TypeScript from 'typescript';

/** A type error as `tsc` prints it, keyed without its position so moved lines compare equal. */
export interface TypeError {
  file: string;
  key: string;
  text: string;
}

/** The owning package's own TypeScript, or undefined when it has none installed (or no tsconfig.json). */
export function packageTypeScript(packageRoot: string, fileExists: (path: string) => boolean): typeof TypeScript | undefined {
  if (!fileExists(resolve(packageRoot, 'tsconfig.json'))) return undefined;
  try {
    return createRequire(resolve(packageRoot, 'package.json'))('typescript') as typeof TypeScript;
  } catch {
    return undefined;
  }
}

/** Type-checks the package as its tsconfig.json says, with `overlay` (absolute path → text) in place of the disk. */
export function typeErrors(ts: typeof TypeScript, packageRoot: string, overlay: ReadonlyMap<string, string>): TypeError[] {
  const configPath = resolve(packageRoot, 'tsconfig.json');
  const host: TypeScript.ParseConfigFileHost = {
    ...ts.sys,
    readFile: (path) => overlay.get(resolve(path)) ?? ts.sys.readFile(path),
    fileExists: (path) => overlay.has(resolve(path)) || ts.sys.fileExists(path),
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  };
  const config = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, host);
  if (!config) return [];
  const rootNames = [...new Set([...config.fileNames, ...[...overlay.keys()].filter((path) => /\.[cm]?tsx?$/.test(path) && path.startsWith(dirname(configPath)))])];
  const compilerHost = ts.createCompilerHost(config.options);
  const readFile = compilerHost.readFile.bind(compilerHost);
  const fileExists = compilerHost.fileExists.bind(compilerHost);
  compilerHost.readFile = (path) => overlay.get(resolve(path)) ?? readFile(path);
  compilerHost.fileExists = (path) => overlay.has(resolve(path)) || fileExists(path);
  // A new shared module may sit in a folder that does not exist on disk yet.
  const directoryExists = compilerHost.directoryExists?.bind(compilerHost);
  compilerHost.directoryExists = (path) => [...overlay.keys()].some((file) => file.startsWith(`${resolve(path)}/`)) || (directoryExists?.(path) ?? true);
  const program = ts.createProgram({ rootNames, options: { ...config.options, noEmit: true }, host: compilerHost });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const file = diagnostic.file ? resolve(diagnostic.file.fileName) : configPath;
    // The first line of a chained message says what is wrong; the rest explains why, at length.
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0];
    // Positions would point into text that was never written, so the error is named by its code and message.
    return { file, key: `${file}|TS${diagnostic.code}|${message}`, text: `error TS${diagnostic.code}: ${message}` };
  });
}

/** Errors of `after` that `before` did not have, counted per key so a second identical error still counts. */
export function addedTypeErrors(before: readonly TypeError[], after: readonly TypeError[]): TypeError[] {
  const remaining = new Map<string, number>();
  for (const error of before) remaining.set(error.key, (remaining.get(error.key) ?? 0) + 1);
  return after.filter((error) => {
    const left = remaining.get(error.key) ?? 0;
    if (left > 0) remaining.set(error.key, left - 1);
    return left === 0;
  });
}
