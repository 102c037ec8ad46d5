/**
 * Two rules that do only the least a rule following imports must do for every file, built from the same functions
 * as our rule (so they cost what those steps cost it), for the benchmark's floor of the rule's own time:
 *   text-floor     the file's name and text, searched once for a client module (`redis`, `ioredis`, `@redis/client`);
 *   imports-floor  that, and for a file that names none, its imports: declarations from the syntax tree ESLint built,
 *                  `require()` and `import()` from the text, which a file that names no client module is let
 *                  through by.
 * Neither reports anything; each counts what it saw, so no step can be left out by the compiler.
 */
export async function floorRules(pluginEntry) {
  const dist = new URL('.', pluginEntry);
  const { mentionsClientModule } = await import(new URL('core/analyze.js', dist));
  const { specifiersOfProgram } = await import(new URL('core/project/relevance-index.js', dist));
  const seen = { files: 0, nameLength: 0, mentioning: 0, imports: 0 };
  const meta = { type: 'problem', schema: [] };
  const textFloor = {
    meta,
    create(context) {
      seen.files++;
      seen.nameLength += context.filename.length;
      if (mentionsClientModule(context.sourceCode.text, [])) seen.mentioning++;
      return {};
    },
  };
  const importsFloor = {
    meta,
    create(context) {
      seen.files++;
      seen.nameLength += context.filename.length;
      const { text, ast } = context.sourceCode;
      if (mentionsClientModule(text, [])) seen.mentioning++;
      else seen.imports += specifiersOfProgram(ast, text).length;
      return {};
    },
  };
  return { rules: { 'text-floor': textFloor, 'imports-floor': importsFloor }, seen };
}
