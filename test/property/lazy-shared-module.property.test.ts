/**
 * DESIGN.md "The rewrite": the shared client "is created on first use, never at import: options are evaluated no
 * earlier than the original code evaluated them (after `dotenv.config()`) … importing one export never creates
 * another's client". Every shared module `fix` writes is checked for a construction that runs at import.
 */
import { it } from '@fast-check/vitest';
import type { TSESTree } from '@typescript-eslint/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { describe, expect } from 'vitest';
import { parseFile } from '../../codemods/parse.js';
import { describeProgram, fixTree, programRoot, writtenFiles } from './harness.js';
import { renderProgram } from './program-render.js';
import { programSpec, type ProgramSpec } from './program-spec.js';
import { nextProgramId, PROPERTY_TIMEOUT_MS, propertyParameters } from './settings.js';

const CLIENT_BUILDERS = /^(?:Redis|Cluster|createClient|createCluster|createSentinel|createClientPool)$|^create[A-Z]\w*Redis\w*$|^createRedis\w*$/;

/** The calls and `new`s of client builders that run when the module is imported: outside every function body. */
function buildsAtImport(path: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') return;
    if ((node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee.type === 'Identifier' && CLIENT_BUILDERS.test(node.callee.name)) {
      found.push(`${path}:${node.loc.start.line} ${text.slice(node.range[0], node.range[1])}`);
    }
    for (const key of (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof (child as TSESTree.Node).type === 'string') visit(child as TSESTree.Node);
    }
  };
  visit(parseFile(path, text).program);
  return found;
}

describe('the shared module fix writes', () => {
  it.prop([programSpec], propertyParameters<[ProgramSpec]>())('builds no client at import', (spec) => {
    const program = renderProgram(spec);
    const root = programRoot(nextProgramId());
    const result = fixTree(root, program.files);
    const written = writtenFiles(root, result);
    const modules = result.modules.filter((module) => module.action !== 'reused').map((module) => module.path);
    const context = `${describeProgram(program)}\n// ---- after fix\n${describeProgram({ files: written })}`;
    expect(modules.flatMap((module) => buildsAtImport(module, written[module])), context).toEqual([]);
  }, PROPERTY_TIMEOUT_MS);
});
