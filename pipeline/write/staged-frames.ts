import { closeSync, openSync, readSync } from 'node:fs';
import type { ShardRows } from './shard-rows.ts';

/**
 * Reads the staging frames of a shard's rows back from the staging files, a chunk of rows at a
 * time into one buffer, with one read per run of frames that lie next to each other (kept
 * records mostly do; a rejected one is often alone between kept ones).
 */
export class StagedFrames {
  buf = Buffer.allocUnsafeSlow(1 << 20);
  private readonly rows: ShardRows;
  private readonly fds: (number | null)[];

  constructor(rows: ShardRows) {
    this.rows = rows;
    this.fds = rows.files.map(() => null);
  }

  /** Reads the frames of rows [from, to); `at[k]` is where the frame of row from+k starts in `buf`. */
  read(from: number, to: number, at: Int32Array): void {
    const r = this.rows;
    let need = 0;
    for (let row = from; row < to; row = this.runEnd(row, to)) {
      const last = this.runEnd(row, to) - 1;
      need += r.offsetOf(last) + r.lengthOf(last) - r.offsetOf(row);
    }
    if (need > this.buf.length) this.buf = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2));
    let pos = 0;
    for (let row = from; row < to; ) {
      const end = this.runEnd(row, to);
      const first = r.offsetOf(row);
      const span = r.offsetOf(end - 1) + r.lengthOf(end - 1) - first;
      this.readAt(r.fileOf(row), first, span, pos);
      for (let k = row; k < end; k++) at[k - from] = pos + r.offsetOf(k) - first;
      pos += span;
      row = end;
    }
  }

  close(): void {
    for (const fd of this.fds) if (fd !== null) closeSync(fd);
    this.fds.fill(null);
  }

  /** The row after the run of adjacent frames that starts at `row` (at most `to`). */
  private runEnd(row: number, to: number): number {
    const r = this.rows;
    let k = row + 1;
    while (k < to && r.fileOf(k) === r.fileOf(k - 1) && r.offsetOf(k) === r.offsetOf(k - 1) + r.lengthOf(k - 1) + 4) k++; // + the next frame's length prefix
    return k;
  }

  private readAt(file: number, offset: number, length: number, pos: number): void {
    const fd = (this.fds[file] ??= openSync(this.rows.files[file], 'r'));
    for (let done = 0; done < length; ) {
      const got = readSync(fd, this.buf, pos + done, length - done, offset + done);
      if (got === 0) throw new Error(`${this.rows.files[file]}: ends before the staged frame at ${offset}`);
      done += got;
    }
  }
}
