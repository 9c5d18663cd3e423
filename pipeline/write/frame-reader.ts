import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads length-prefixed frames (a u32 byte length, then the bytes) from one file, front to
 * back, into one reusable buffer that grows only to the largest frame.
 */
export class FrameReader {
  buf: Buffer;
  /** Length of the frame `next` returned last. */
  frameLength = 0;
  /** Offset in the file of that frame's bytes (after its length prefix). */
  fileOffset = 0;
  private pos = 0;
  private end = 0;
  /** Offset in the file of `buf[0]`. */
  private bufStart = 0;
  private fd: number | null;
  private eof = false;
  private readonly path: string;

  constructor(path: string, initialBytes = 1 << 20) {
    this.path = path;
    this.fd = openSync(path, 'r');
    this.buf = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** The offset in `buf` of the next frame's bytes (valid until the next call), or -1 at the end of the file. */
  next(): number {
    if (!this.fill(4)) return -1;
    const len = this.buf.readUInt32LE(this.pos);
    if (!this.fill(4 + len)) throw new Error(`${this.path}: truncated frame at the end of the file`);
    const at = this.pos + 4;
    this.frameLength = len;
    this.fileOffset = this.bufStart + at;
    this.pos = at + len;
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
      if (this.pos + n > this.buf.length) this.makeRoom(n);
      const got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (got === 0) this.eof = true;
      this.end += got;
    }
    return true;
  }

  /** Moves the unread bytes to the front, into a larger buffer when `n` of them would not fit. */
  private makeRoom(n: number): void {
    let target = this.buf;
    if (n > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < n) size *= 2;
      target = Buffer.allocUnsafeSlow(size);
    }
    this.buf.copy(target, 0, this.pos, this.end);
    this.buf = target;
    this.bufStart += this.pos;
    this.end -= this.pos;
    this.pos = 0;
  }
}
