const utf8 = new TextEncoder();

/**
 * A growable byte buffer that text is encoded into as it is produced. A batch's lines are encoded
 * one by one, so each line's string dies young (one 20k-line string built by `+=` was a rope that
 * outlived every minor GC, and encoding it at the end cost 60 µs per record).
 */
export class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  /** Appends `text` as UTF-8 and then, if given, one byte (a newline). */
  text(text: string, end?: number): void {
    this.reserve(text.length * 3 + 1); // UTF-8 needs at most 3 bytes per UTF-16 unit
    this.len += utf8.encodeInto(text, this.buf.subarray(this.len)).written;
    if (end !== undefined) this.buf[this.len++] = end;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** The bytes written, in a buffer of their own (movable to another thread). */
  done(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
