import { parseSummary, runCli } from '../helpers/cli.js';

/** The `--json` summary of `redis-singleton fix`. */
export interface FixSummary {
  filesScanned: number;
  filesChanged: number;
  sitesHoisted: number;
  sitesSkipped: { file: string; line: number; reason: string }[];
  modules: { path: string; action: string }[];
  errors: { file: string; message: string }[];
}

export interface FixOutcome {
  exitCode: number | null;
  summary: FixSummary;
  stderr: string;
}

/** Runs the built CLI, `redis-singleton fix --force --json <dir>`, on a project copy in place. */
export async function fixProject(projectDir: string): Promise<FixOutcome> {
  const run = await runCli(projectDir, ['fix', '--force', '--json', projectDir]);
  return { exitCode: run.code, summary: parseSummary<FixSummary>(run), stderr: run.stderr };
}
