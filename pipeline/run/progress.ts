/** Progress reporting: a live line on a terminal, nothing otherwise (logs stay clean). */
export interface Progress {
  tick(label: string, count: number): void;
  done(): void;
}

export const silentProgress: Progress = { tick() {}, done() {} };

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silentProgress;
  let last = 0;
  let started = performance.now();
  let shown = false;
  return {
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
