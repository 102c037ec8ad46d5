/**
 * Turns a fixture copy's TypeScript into the JavaScript plain `node` runs, one file at a time with the
 * `typescript` package's `transpileModule` (no type check, no loader): each `.ts` gets a `.js` beside it, ESM
 * where the nearest package.json says `"type": "module"`, CommonJS elsewhere, so the copy runs as its build would.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

/** `.mts` and `.cts` keep their module format whatever package.json says. */
const OUTPUT_EXTENSION: Record<string, string> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' };

async function isModulePackage(folder: string, root: string): Promise<boolean> {
  for (let current = folder; ; current = path.dirname(current)) {
    const manifest = path.join(current, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(await readFile(manifest, 'utf8')) as { type?: string }).type === 'module';
    if (current === root) return false;
  }
}

async function typeScriptSources(root: string, folder = root): Promise<string[]> {
  const sources: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.name === 'node_modules') continue;
    if (entry.isDirectory()) sources.push(...(await typeScriptSources(root, file)));
    else if (path.extname(entry.name) in OUTPUT_EXTENSION && !/\.d\.[cm]?ts$/.test(entry.name)) sources.push(file);
  }
  return sources;
}

function moduleKind(extension: string, modulePackage: boolean): ts.ModuleKind {
  if (extension === '.mts') return ts.ModuleKind.ESNext;
  if (extension === '.cts') return ts.ModuleKind.CommonJS;
  return modulePackage ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS;
}

/** Writes the JavaScript of every TypeScript file under `root` next to it. */
export async function transpileProject(root: string): Promise<void> {
  for (const source of await typeScriptSources(root)) {
    const extension = path.extname(source);
    const target = source.slice(0, -extension.length) + OUTPUT_EXTENSION[extension];
    if (existsSync(target)) {
      throw new Error(`${path.relative(root, target)} already exists beside ${path.relative(root, source)}: the fixture cannot be transpiled in place.`);
    }
    const output = ts.transpileModule(await readFile(source, 'utf8'), {
      fileName: source,
      reportDiagnostics: true,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: moduleKind(extension, await isModulePackage(path.dirname(source), root)),
        esModuleInterop: true,
      },
    });
    if (output.diagnostics?.length) {
      const messages = output.diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      throw new Error(`${path.relative(root, source)} does not transpile: ${messages.join('; ')}`);
    }
    await writeFile(target, output.outputText);
  }
}
