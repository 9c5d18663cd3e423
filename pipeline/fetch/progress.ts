/** Where progress goes: stderr by default; tests pass a fake stream. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type FileOutcome = 'downloaded' | 'resumed' | 'cached';

export interface Progress {
  beginSource(source: string, files: readonly { file: string; size: number }[]): void;
  /** Absolute byte count of a file on disk (it can drop when a transfer restarts). */
  fileBytes(file: string, bytesOnDisk: number): void;
  fileDone(file: string, outcome: FileOutcome, sha256: string, size: number): void;
  /** Retries, verification, extraction: events worth a line of their own. */
  note(message: string): void;
  endSource(): void;
}

export interface ProgressOptions {
  /** Plain mode: at most one status line per interval (CI logs stay readable). */
  intervalMs?: number;
  /** TTY mode: redraw rate limit. */
  redrawMs?: number;
  now?: () => number;
}

export const silentProgress: Progress = {
  beginSource() {},
  fileBytes() {},
  fileDone() {},
  note() {},
  endSource() {},
};

/** A redrawn bar when the stream is a terminal, periodic plain lines when it is a pipe or CI log. */
export function createProgress(stream: ProgressStream, opts: ProgressOptions = {}): Progress {
  const tty = stream.isTTY === true;
  const now = opts.now ?? (() => performance.now());
  const interval = tty ? (opts.redrawMs ?? 100) : (opts.intervalMs ?? 10_000);

  let source = '';
  let sizes = new Map<string, number>();
  let onDisk = new Map<string, number>();
  let total = 0;
  let filesDone = 0;
  let transferred = 0;
  let current = '';
  let startedAt = 0;
  let lastDraw = -Infinity;
  let barShown = false;

  const done = () => [...onDisk.values()].reduce((a, b) => a + b, 0);

  const status = (): string => {
    const d = done();
    const pct = total > 0 ? Math.min(100, Math.floor((d / total) * 100)) : 0;
    const secs = Math.max((now() - startedAt) / 1000, 1e-3);
    const rate = `${formatBytes(transferred / secs)}/s`;
    const files = `${filesDone}/${sizes.size} files`;
    if (!tty) return `${source}: ${pct}% ${formatBytes(d)} / ${formatBytes(total)}, ${rate}, ${files}${current ? `, ${current}` : ''}`;
    const width = 24;
    const fill = Math.round((pct / 100) * width);
    const line = `${source} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${String(pct).padStart(3)}% ${formatBytes(d)}/${formatBytes(total)} ${rate} ${files} ${current}`;
    const cols = stream.columns ?? 100;
    return line.length > cols - 1 ? `${line.slice(0, cols - 2)}…` : line;
  };

  const clearBar = () => {
    if (tty && barShown) stream.write('\r\x1b[2K');
    barShown = false;
  };
  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - lastDraw < interval) return;
    lastDraw = t;
    if (tty) {
      stream.write(`\r\x1b[2K${status()}`);
      barShown = true;
    } else {
      stream.write(`${status()}\n`);
    }
  };
  const line = (text: string) => {
    clearBar();
    stream.write(`${text}\n`);
    if (tty) draw(true);
  };

  return {
    beginSource(name, files) {
      source = name;
      sizes = new Map(files.map((f) => [f.file, f.size]));
      onDisk = new Map();
      total = files.reduce((a, f) => a + f.size, 0);
      filesDone = 0;
      transferred = 0;
      current = '';
      startedAt = now();
      // The plain status line should not print right away: the first interval starts now.
      lastDraw = tty ? -Infinity : startedAt;
      line(`${name}: ${files.length} file${files.length === 1 ? '' : 's'}, ${total > 0 ? formatBytes(total) : 'size not published'}`);
    },
    fileBytes(file, bytes) {
      // The first report of a file is its starting point (a resumed offset is not transferred now).
      const before = onDisk.get(file);
      if (before !== undefined && bytes > before) transferred += bytes - before;
      current = file;
      onDisk.set(file, Math.min(bytes, sizes.get(file) || bytes));
      draw(false);
    },
    fileDone(file, outcome, sha256, size) {
      // URL sources learn their size only from the response.
      if (!sizes.get(file)) {
        total += size;
        sizes.set(file, size);
      }
      onDisk.set(file, size);
      filesDone++;
      if (current === file) current = '';
      line(`${source}: ${file} ${formatBytes(size)} ${outcome}, sha256 ${sha256.slice(0, 12)}…`);
    },
    note(message) {
      line(source ? `${source}: ${message}` : message); // notes before the file listing have no source yet
    },
    endSource() {
      clearBar();
      const secs = Math.max((now() - startedAt) / 1000, 1e-3);
      stream.write(`${source}: done, ${filesDone}/${sizes.size} files, ${formatBytes(transferred)} transferred in ${secs.toFixed(1)} s\n`);
    },
  };
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
