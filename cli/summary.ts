import type { FileError, ModuleAction } from '../codemods/types.js';

/** What `fix` did, as printed by `--json`; every path is relative to the project root. */
export interface FixSummary {
  filesScanned: number;
  filesChanged: number;
  sitesHoisted: number;
  /** Of `sitesHoisted`, those moved to module scope of their own file rather than to a shared module. */
  sitesMovedWithinFile: number;
  sitesSkipped: { file: string; line: number; reason: string }[];
  modules: ModuleAction[];
  errors: FileError[];
  /** `--verify`: files left untouched because their rewrite adds a type error, with the error. */
  typeRejected?: { file: string; error: string }[];
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function formatSummaryJson(summary: FixSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export function formatSummary(summary: FixSummary, dry: boolean): string {
  const lines: string[] = [];
  const changed = dry ? 'would change' : 'changed';
  lines.push(`Scanned ${plural(summary.filesScanned, 'file')}, ${changed} ${summary.filesChanged}.`);
  const toSharedModule = summary.sitesHoisted - summary.sitesMovedWithinFile;
  const moves = [
    toSharedModule > 0 || summary.sitesMovedWithinFile === 0 ? `${plural(toSharedModule, 'Redis client construction')} to a shared module` : undefined,
    summary.sitesMovedWithinFile > 0 ? `${plural(summary.sitesMovedWithinFile, 'Redis client construction')} to module scope within ${summary.sitesMovedWithinFile === 1 ? 'its' : 'their'} own file` : undefined,
  ].filter(Boolean);
  lines.push(`${dry ? 'Would move' : 'Moved'} ${moves.join(', and ')}.`);
  for (const { path, action, why } of summary.modules) lines.push(`  ${action} ${path}${why === undefined ? '' : `, ${why}`}`);

  if (summary.sitesSkipped.length > 0) {
    lines.push(`Left ${plural(summary.sitesSkipped.length, 'site')} in place:`);
    for (const { file, line, reason } of summary.sitesSkipped) lines.push(`  ${file}:${line} ${reason}`);
  }
  if (summary.typeRejected && summary.typeRejected.length > 0) {
    lines.push(`Left files untouched because their rewrite adds a type error (--verify):`);
    for (const { error } of summary.typeRejected) lines.push(`  ${error}`);
  }
  if (summary.errors.length > 0) {
    lines.push(`${plural(summary.errors.length, 'file')} failed:`);
    for (const { file, message } of summary.errors) lines.push(`  ${file}: ${message}`);
  }
  if (dry) lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
