import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRootOf } from './project/resolution.js';

/** Serverless Framework service files; `handler: src/functions/orders.main` names the export `main` of src/functions/orders. */
const CONFIG_FILES = ['serverless.yml', 'serverless.yaml'];
/** A `handler:` entry: a path without its extension, a dot, the export's name (quoted or not, a comment after). */
const HANDLER_ENTRY = /^[ \t-]*handler:[ \t]*(['"]?)([^'"\s#]+)\.([A-Za-z_$][\w$]*)\1[ \t]*(?:#.*)?$/gm;
const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;

interface ConfigHandlers {
  version: number;
  /** Module path without extension (absolute) → the export names the config runs as handlers. */
  handlers: Map<string, string[]>;
}

const configs = new Map<string, ConfigHandlers | undefined>();
const configsByFolder = new Map<string, readonly string[]>();

/**
 * The exports of a file that a Serverless Framework service file (serverless.yml in the file's package, or a folder
 * between them) runs as Lambda handlers: each is a handler whatever its name, as `handler` is by default.
 */
export function configuredHandlerNames(filename: string): readonly string[] {
  if (!path.isAbsolute(filename)) return [];
  const module = filename.replace(SOURCE_EXTENSION, '');
  const names: string[] = [];
  for (const config of configsAbove(path.dirname(filename))) {
    const handlers = handlersOf(config);
    for (const name of handlers?.handlers.get(module) ?? []) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The service files in a folder and the folders above it, up to its package's root. */
function configsAbove(folder: string): readonly string[] {
  const known = configsByFolder.get(folder);
  if (known) return known;
  const packageRoot = packageRootOf(path.join(folder, 'package.json'));
  const found = CONFIG_FILES.map((name) => path.join(folder, name)).filter((file) => existsSync(file));
  const parent = path.dirname(folder);
  const above = packageRoot === undefined || folder === packageRoot || parent === folder ? [] : configsAbove(parent);
  const configs = [...found, ...above];
  configsByFolder.set(folder, configs);
  return configs;
}

/** A service file's handlers, read again when it changes. */
function handlersOf(config: string): ConfigHandlers | undefined {
  const version = statOf(config);
  const cached = configs.get(config);
  if (cached && cached.version === version) return cached;
  if (version === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(config, 'utf8');
  } catch {
    return undefined;
  }
  const handlers = new Map<string, string[]>();
  for (const match of text.matchAll(HANDLER_ENTRY)) {
    const module = path.resolve(path.dirname(config), match[2]);
    const names = handlers.get(module) ?? [];
    if (!names.includes(match[3])) names.push(match[3]);
    handlers.set(module, names);
  }
  const read = { version, handlers };
  configs.set(config, read);
  return read;
}

function statOf(file: string): number | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  } catch {
    // Unreadable (permissions): no handlers from it.
    return undefined;
  }
}
