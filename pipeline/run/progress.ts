/**
 * Progress reporting: a live line on a terminal; on a pipe or log file (CI, `nohup`, `| tee`) a
 * plain line when a stage starts and every `intervalMs` in a long one, so a log shows the run is
 * alive and where it is.
 */
export interface Progress {
  /** A stage of the run begins (read, dedup, write). */
  stage(name: string): void;
  tick(label: string, count: number): void;
  done(): void;
}

export const silentProgress: Progress = { stage() {}, tick() {}, done() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, intervalMs = 15_000, now = () => performance.now()): Progress {
  return stream.isTTY ? liveLine(stream) : logLines(stream, intervalMs, now);
}

function liveLine(stream: NodeJS.WriteStream): Progress {
  let last = 0;
  let started = performance.now();
  let shown = false;
  return {
    stage() {},
    tick(label, count) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const rate = Math.round(count / Math.max((now - started) / 1000, 1e-3));
      stream.write(`\r\x1b[2K${label}  ${count.toLocaleString('en-US')} rows  ${rate.toLocaleString('en-US')} rows/s`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
      started = performance.now();
    },
  };
}

function logLines(stream: { write(s: string): unknown }, intervalMs: number, now: () => number): Progress {
  let stageStart = now();
  let last = stageStart;
  return {
    stage(name) {
      stageStart = last = now();
      stream.write(`bigmath: ${name}\n`);
    },
    tick(label, count) {
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      const secs = (t - stageStart) / 1000;
      stream.write(`bigmath:   ${label}: ${count.toLocaleString('en-US')} rows, ${Math.round(count / Math.max(secs, 1e-3)).toLocaleString('en-US')} rows/s, ${Math.round(secs)} s\n`);
    },
    done() {},
  };
}
