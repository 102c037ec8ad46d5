/**
 * `tsc --noEmit -p <root>` run by the TypeScript compiler in this process. The declaration files every project
 * reads (TypeScript's lib files, @types/node, the client libraries' types, all under node_modules) are parsed once
 * for the whole test file and shared between programs; each project's own files are read afresh every time.
 */
import path from 'node:path';
import ts from 'typescript';

export interface TypeCheckResult {
  exitCode: number;
  output: string;
}

/** Parsed declaration files by path and the options they were parsed under; they do not change during a run. */
const declarations = new Map<string, ts.SourceFile>();

function sharedDeclaration(fileName: string): boolean {
  return fileName.endsWith('.d.ts') && fileName.split(/[\\/]/).includes('node_modules');
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

/** tsc's verdict on the project at `root`: exit code 0 and no output when it type-checks, else 2 and the errors. */
export function typeCheck(root: string): TypeCheckResult {
  const configPath = path.join(root, 'tsconfig.json');
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  if (!parsed || configErrors.length > 0) return { exitCode: 1, output: ts.formatDiagnostics(configErrors, formatHost) };
  const host = ts.createCompilerHost(parsed.options);
  const readSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (!sharedDeclaration(fileName)) return readSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const key = `${fileName}\0${JSON.stringify(languageVersionOrOptions)}`;
    let sourceFile = declarations.get(key);
    if (!sourceFile) {
      sourceFile = readSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
      if (sourceFile) declarations.set(key, sourceFile);
    }
    return sourceFile;
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences, host, configFileParsingDiagnostics: parsed.errors });
  const diagnostics = [...ts.getConfigFileParsingDiagnostics(parsed), ...ts.getPreEmitDiagnostics(program)];
  return diagnostics.length === 0 ? { exitCode: 0, output: '' } : { exitCode: 2, output: ts.formatDiagnostics(diagnostics, formatHost) };
}
