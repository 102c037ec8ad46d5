import type { FileError, ModuleAction } from '../codemods/types.js';

/** What `fix` did, as printed by `--json`; every path is relative to the project root. */
export interface FixSummary {
  filesScanned: number;
  filesChanged: number;
  sitesHoisted: number;
  sitesSkipped: { file: string; line: number; reason: string }[];
  modules: ModuleAction[];
  errors: FileError[];
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
  lines.push(
    `${dry ? 'Would move' : 'Moved'} ${plural(summary.sitesHoisted, 'Redis client construction')} to a shared module.`,
  );
  for (const { path, action } of summary.modules) lines.push(`  ${action} ${path}`);

  if (summary.sitesSkipped.length > 0) {
    lines.push(`Left ${plural(summary.sitesSkipped.length, 'site')} in place:`);
    for (const { file, line, reason } of summary.sitesSkipped) lines.push(`  ${file}:${line} ${reason}`);
  }
  if (summary.errors.length > 0) {
    lines.push(`${plural(summary.errors.length, 'file')} failed:`);
    for (const { file, message } of summary.errors) lines.push(`  ${file}: ${message}`);
  }
  if (dry) lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
