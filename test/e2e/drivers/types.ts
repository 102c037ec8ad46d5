import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The handlers of one fixture, loaded once in a fresh process, invoked by index. */
export interface DriverSession {
  /** One invocation; rejects when the handler throws or answers with a server error. */
  call(index: number): Promise<void>;
  close?(): Promise<void>;
}

export type OpenDriver = (projectDir: string) => Promise<DriverSession>;

type ModuleNamespace = Record<string, unknown>;

/** Imports a project file the way the app's runtime would (tsx compiles TypeScript on the fly). */
export function importProjectModule(projectDir: string, relativePath: string): Promise<ModuleNamespace> {
  return import(pathToFileURL(path.join(projectDir, relativePath)).href) as Promise<ModuleNamespace>;
}

/** A function export; CommonJS files (plain `.js`, or TS outside `"type": "module"`) arrive wrapped in `default`. */
export function exportedFunction<F extends (...args: never[]) => unknown>(
  namespace: ModuleNamespace,
  name: string,
  file: string,
): F {
  const direct = namespace[name];
  const wrapped = (namespace.default as ModuleNamespace | undefined)?.[name];
  const value = typeof direct === 'function' ? direct : wrapped;
  if (typeof value !== 'function') throw new Error(`${file} does not export a function named ${name}`);
  return value as F;
}

export async function loadHandler<F extends (...args: never[]) => unknown>(
  projectDir: string,
  relativePath: string,
  name: string,
): Promise<F> {
  return exportedFunction<F>(await importProjectModule(projectDir, relativePath), name, relativePath);
}

/**
 * Handlers signal failure with a status instead of throwing: 5xx is the app failing, 4xx would
 * mean the driver sent a request the app refuses, which would measure nothing.
 */
export function assertSuccessful(where: string, status: number, body?: unknown): void {
  if (status >= 400) {
    throw new Error(`${where} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}
