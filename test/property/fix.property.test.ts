/**
 * Property: `fix` (the codemod engine, in process) on generated handler programs moves every planted hoistable
 * site and lists every unsafe one, writes files that parse, changes nothing on a second run, and leaves the rule
 * reporting only the sites planted as unsafe. Type-checking the output is in typecheck.property.test.ts.
 */
import { it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { applyWrites, describeProgram, fixTree, lintTree, programRoot, writtenFiles } from './harness.js';
import { renderProgram, type PlantedSite } from './program-render.js';
import { programSpec, type ProgramSpec } from './program-spec.js';
import { nextProgramId, PROPERTY_TIMEOUT_MS, propertyParameters } from './settings.js';

/** How many constructions in the tree's source files take exactly `configuration` as their arguments. */
function builtWith(tree: Record<string, string>, configuration: string): number {
  return Object.entries(tree)
    .filter(([file]) => /\.[jt]s$/.test(file))
    .reduce((count, [, text]) => count + text.split(`(${configuration})`).length - 1, 0);
}

/** The texts of the files a run wrote. */
function changedTexts(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((file) => after[file] !== before[file]).map((file) => after[file]);
}

/** A module-level function's body in `text`: from `function name(` to the first line that closes at column 0. */
function functionBody(text: string, name: string): string | undefined {
  return new RegExp(`function ${name}\\([^)]*\\)[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1];
}

/**
 * Whether the connecting getter `getter`, defined in the calling file or exported by another, registers an 'error'
 * listener before its client's first `connect()`; undefined when none defines it as a connecting getter.
 */
function getterRetries(own: string, others: readonly string[], getter: string): boolean | undefined {
  const exporting = others.filter((text) => new RegExp(`export function ${getter}\\b|exports\\.${getter}\\b`).test(text));
  for (const text of [own, ...exporting]) {
    const connect = /\b(connect\w+)\(\)/.exec(functionBody(text, getter) ?? '')?.[1];
    const connecting = connect === undefined ? undefined : functionBody(text, connect);
    if (connecting === undefined) continue;
    const listener = connecting.indexOf(".on('error'");
    return listener !== -1 && listener < connecting.indexOf('.connect()');
  }
  return undefined;
}

/**
 * Per rewritten file whose moved sites all say how their first connect fails (node-redis, built in that file): how
 * they fail, and how the getters the file now awaits do.
 */
function firstConnects(sites: readonly PlantedSite[], output: Record<string, string>, changed: (file: string) => boolean): { file: string; planted: boolean[]; served: boolean[] }[] {
  const files = [...new Set(sites.map((site) => site.file))].filter((file) => changed(file) && sites.every((site) => site.file !== file || site.retriesFirstConnect !== undefined));
  return files.map((file) => {
    const planted = sites.filter((site) => site.file === file).map((site) => site.retriesFirstConnect!);
    const getters = [...new Set([...output[file].matchAll(/await (get\w+)\(\)/g)].map((match) => match[1]))];
    const others = Object.keys(output).filter((other) => other !== file).map((other) => output[other]);
    const served = getters.map((getter) => getterRetries(output[file], others, getter)).filter((retries) => retries !== undefined);
    return { file, planted: [...new Set(planted)].sort(), served: [...new Set(served)].sort() };
  });
}

describe(`fix on generated programs`, () => {
  it.prop([programSpec], propertyParameters<[ProgramSpec]>())('moves what is hoistable, lists what is not, and is idempotent', async (spec) => {
    const program = renderProgram(spec);
    const root = programRoot(nextProgramId());
    const result = fixTree(root, program.files);
    const output = applyWrites(root, program.files, result);
    const hoistable = program.sites.filter((site) => site.perRequest && site.hoistable);
    const unsafe = program.sites.filter((site) => site.perRequest && !site.hoistable);
    const context = `${describeProgram(program)}\n// ---- after fix\n${describeProgram({ files: writtenFiles(root, result) })}`;

    expect(result.errors, context).toEqual([]);
    expect(result.sitesHoisted, context).toBe(hoistable.length);
    expect(result.sitesSkipped.map(({ file, line, column }) => ({ file, line, column })), context).toEqual(
      unsafe.map(({ file, line, column }) => ({ file, line, column })),
    );
    if (hoistable.length === 0) expect([...result.writes.keys()], context).toEqual([]);

    // Unchanged files lint as before; every written file must parse and keep only the unsafe sites.
    const changed = (file: string): boolean => output[file] !== program.files[file];
    const remaining = await lintTree(root, output, changed);
    const unsafeInChanged = unsafe.filter((site) => changed(site.file));
    expect(remaining.map(({ file, hoistable: shareable }) => ({ file, shareable })), context).toEqual(
      unsafeInChanged.map(({ file }) => ({ file, shareable: false })),
    );
    remaining.forEach((finding, index) => expect(finding.message, context).toContain(`\`${unsafeInChanged[index].construction}\``));

    // Each moved client is still built somewhere with its own options (a `.duplicate()` with its receiver's):
    // besides the constructions that stay where they were, the tree must build one more with them.
    for (const site of hoistable) {
      if (site.configuration === '' || (site.duplicates !== undefined && changedTexts(program.files, output).some((text) => text.includes(`${site.duplicates}.duplicate()`)))) continue;
      const staying = program.sites.filter((other) => !(other.perRequest && other.hoistable) && other.duplicates === undefined && other.configuration === site.configuration);
      expect(builtWith(output, site.configuration), `${site.file}:${site.line}:${site.column} \`${site.construction}\` connected with (${site.configuration}); after fix no new client is built with those options\n${context}`).toBeGreaterThan(staying.length);
    }

    // node-redis 4+: a site that rejected a refused first connect at once still does, one whose listener retried still retries.
    for (const { file, planted, served } of firstConnects(hoistable, output, changed)) {
      expect({ file, served }, `${file}: the first connects of its sites (retrying: ${planted.join(', ')}) and of the clients it now awaits differ\n${context}`).toEqual({ file, served: planted });
    }

    // The engine is a pure function of the tree: a run that wrote nothing would write nothing again.
    if (result.writes.size > 0) {
      const second = fixTree(root, output);
      expect(second.errors, context).toEqual([]);
      expect(writtenFiles(root, second), context).toEqual({});
    }
  }, PROPERTY_TIMEOUT_MS);
});
