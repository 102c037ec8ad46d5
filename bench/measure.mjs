/**
 * Runs one command as a child process and measures it: wall time seen from the parent, exit code,
 * output, peak RSS and CPU time. Those last two come from GNU time (`/usr/bin/time -f '%M %U %S'`)
 * when it is installed; otherwise a preloaded probe records process.resourceUsage() as each Node
 * process exits. Peak RSS is the largest resident set among the process and the children it
 * waited for; CPU time (user + system) is their sum.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gnuTime = '/usr/bin/time';
// BENCH_RSS_PROBE=1 forces the probe, to check that path on machines that have GNU time.
const useGnuTime = existsSync(gnuTime) && process.env.BENCH_RSS_PROBE !== '1';
const rssProbe = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));

export const rssSource = useGnuTime ? "/usr/bin/time -f '%M %U %S'" : 'process.resourceUsage() at exit (preloaded probe)';

export async function measure(command, args, { cwd, env = process.env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'redis-singleton-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  const [file, argv, childEnv] = useGnuTime
    ? [gnuTime, ['-f', '%M %U %S', '-o', rssFile, command, ...args], env]
    : [command, args, { ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import=${rssProbe}`.trim() }];
  const started = process.hrtime.bigint();
  const child = spawn(file, argv, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const exitCode = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? `signal ${signal}`));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let maxRssKb = null;
  let cpuMs = null;
  if (existsSync(rssFile)) {
    // Lines of "peak-KB user-s system-s"; GNU time may put "Command exited with non-zero status" first.
    const samples = readFileSync(rssFile, 'utf8').split('\n').map((line) => line.trim().split(/\s+/).map(Number))
      .filter((fields) => fields.length === 3 && fields.every(Number.isFinite));
    if (samples.length > 0) {
      maxRssKb = Math.max(...samples.map(([kb]) => kb));
      cpuMs = samples.reduce((sum, [, user, system]) => sum + (user + system) * 1000, 0);
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  return { exitCode, wallMs, maxRssKb, cpuMs, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
}
