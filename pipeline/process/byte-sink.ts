/**
 * A growable byte buffer that text is encoded into as it is produced. A batch's lines are encoded
 * one by one, so each line's string dies young (one 20k-line string built by `+=` was a rope that
 * outlived every minor GC, and encoding it at the end cost 60 µs per record).
 */
export class ByteSink {
  private buf = Buffer.allocUnsafeSlow(1 << 16);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.len + n)); // no zero-fill: only written bytes are read
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  /** Appends `text` as UTF-8 and then, if given, one byte (a newline). */
  text(text: string, end?: number): void {
    this.reserve(text.length * 3 + 1); // UTF-8 needs at most 3 bytes per UTF-16 unit
    this.len += this.buf.write(text, this.len, 'utf8');
    if (end !== undefined) this.buf[this.len++] = end;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** The bytes written, in an array that owns its whole buffer (movable to another thread). */
  done(): Uint8Array {
    const out = new Uint8Array(this.len);
    out.set(this.buf.subarray(0, this.len));
    return out;
  }
}
