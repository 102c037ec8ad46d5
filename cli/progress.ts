/** Progress of a long scan on stderr, only for a person watching a terminal. */
export interface Progress {
  advance(): void;
  finish(): void;
}

const minimumFiles = 200;

export function startProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= minimumFiles) return { advance() {}, finish() {} };
  let done = 0;
  let shownPercent = -1;
  return {
    advance() {
      done++;
      const percent = Math.floor((done / total) * 100);
      // Redraw once per percent: a write per file would slow the scan it reports on.
      if (percent === shownPercent) return;
      shownPercent = percent;
      stream.write(`\r${label} ${done}/${total} files (${percent}%)`);
    },
    finish() {
      stream.write('\r\x1b[K');
    },
  };
}
