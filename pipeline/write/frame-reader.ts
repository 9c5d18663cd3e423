import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads length-prefixed frames (a u32 byte length, then the bytes) from one file with
 * synchronous reads into one reusable buffer. Frames handed out since the last `release()`
 * stay in the buffer, so a caller can collect a batch of frames and then read them in place;
 * their offsets are relative to `base`, which moves when the buffer is compacted or grown.
 *
 * Synchronous: it serves DuckDB's scan callbacks, which must return their chunk before they
 * return. The buffer starts small and grows only to the largest batch actually kept.
 */
export class FrameReader {
  buf: Buffer;
  /** Where the kept frames start in `buf`. */
  base = 0;
  private pos = 0;
  private end = 0;
  private fd: number | null;
  private eof = false;
  private readonly path: string;

  constructor(path: string, initialBytes = 1 << 20) {
    this.path = path;
    this.fd = openSync(path, 'r');
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** Frames handed out so far may be overwritten from now on. */
  release(): void {
    this.base = this.pos;
  }

  /**
   * The next frame: the offset of its first byte after the length prefix, relative to `base`;
   * its length is `frameLength`. -1 at the end of the file.
   */
  frameLength = 0;
  next(): number {
    if (!this.fill(4)) return -1;
    const len = this.buf.readUInt32LE(this.pos);
    if (!this.fill(4 + len)) throw new Error(`${this.path}: truncated frame at the end of the file`);
    this.frameLength = len;
    const at = this.pos + 4 - this.base;
    this.pos += 4 + len;
    return at;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Makes `n` bytes from `pos` available; false when the file ends before any of them. */
  private fill(n: number): boolean {
    while (this.end - this.pos < n) {
      if (this.eof || this.fd === null) {
        if (this.end === this.pos) return false;
        throw new Error(`${this.path}: truncated frame at the end of the file`);
      }
      if (this.end + (n - (this.end - this.pos)) > this.buf.length || this.end === this.buf.length) this.makeRoom(n);
      const got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (got === 0) this.eof = true;
      this.end += got;
    }
    return true;
  }

  /** Drops the bytes before `base`; grows the buffer when the kept bytes and `n` more do not fit. */
  private makeRoom(n: number): void {
    const kept = this.end - this.base;
    const need = this.pos - this.base + n;
    let target = this.buf;
    if (need > this.buf.length || kept === this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      target = Buffer.allocUnsafeSlow(size);
    }
    this.buf.copy(target, 0, this.base, this.end);
    this.buf = target;
    this.pos -= this.base;
    this.end = kept;
    this.base = 0;
  }
}
