/**
 * A growable byte buffer that text and binary fields (see staged-format.ts) are encoded into as
 * they are produced. A batch's lines are encoded
 * one by one, so each line's string dies young (one 20k-line string built by `+=` was a rope that
 * outlived every minor GC, and encoding it at the end cost 60 µs per record).
 *
 * The buffers are reused from batch to batch on a thread (`SPARE`): on this machine the first
 * write to freshly allocated memory costs far more than the copy itself (page faults), and a
 * sink grown by doubling for every tens-of-MB batch paid that on twice the batch's bytes. A
 * grown buffer goes back to the spares at `done`, so only the bytes handed over are new memory.
 */
export class ByteSink {
  private buf: Buffer;
  private len = 0;

  constructor() {
    this.buf = takeLargestSpare() ?? Buffer.allocUnsafeSlow(1 << 16);
  }

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
  /** Bytes written so far (where the next write lands). */
  get length(): number {
    return this.len;
  }
  u8(v: number): void {
    this.reserve(1);
    this.buf[this.len++] = v;
  }
  u32(v: number): void {
    this.reserve(4);
    this.buf.writeUInt32LE(v, this.len);
    this.len += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.buf.writeInt32LE(v, this.len);
    this.len += 4;
  }
  f64(v: number): void {
    this.reserve(8);
    this.buf.writeDoubleLE(v, this.len);
    this.len += 8;
  }
  /** Overwrites a u32 written earlier at `at` (a length or count known only later). */
  patchU32(at: number, v: number): void {
    this.buf.writeUInt32LE(v, at);
  }
  /** A string as its UTF-8 byte length (u32) and bytes; null as the length NULL_LENGTH. */
  str(s: string | null): void {
    if (s === null) return this.u32(NULL_LENGTH);
    const n = s.length;
    this.reserve(4 + n * 3); // UTF-8 needs at most 3 bytes per UTF-16 unit
    const buf = this.buf;
    const at = this.len + 4;
    // Most strings of a record are short ASCII (ids, names, reasons): copying their code units
    // costs less than the call into the encoder, which is what `str` spent most of its time on.
    let i = 0;
    if (n <= SHORT_STRING) for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[at + i] = c;
    }
    const bytes = i === n ? n : buf.write(s, at, 'utf8');
    buf[at - 4] = bytes;
    buf[at - 3] = bytes >>> 8;
    buf[at - 2] = bytes >>> 16;
    buf[at - 1] = bytes >>> 24;
    this.len = at + bytes;
  }
  /**
   * The bytes written, in an array that owns its whole buffer (movable to another thread). The
   * sink is spent: its buffer serves the next sink of this thread.
   */
  done(): Uint8Array {
    const out = new Uint8Array(this.len);
    out.set(this.buf.subarray(0, this.len));
    if (SPARE.length < MAX_SPARES) SPARE.push(this.buf);
    this.buf = EMPTY;
    this.len = 0;
    return out;
  }
}

/** Strings up to this many UTF-16 units are copied by hand when they are ASCII (see `str`). */
const SHORT_STRING = 32;

/** The length prefix of a null string: no string is 4 GiB long. */
export const NULL_LENGTH = 0xffffffff;

const EMPTY = Buffer.alloc(0);
/** A batch uses three sinks (staging, facts, dedup facts); each keeps its grown size for the next batch. */
const MAX_SPARES = 3;
const SPARE: Buffer[] = [];

/** Sinks are made in the same order every batch, so the first (the largest stream) gets the largest buffer. */
function takeLargestSpare(): Buffer | undefined {
  if (SPARE.length === 0) return undefined;
  let best = 0;
  for (let k = 1; k < SPARE.length; k++) if (SPARE[k].length > SPARE[best].length) best = k;
  return SPARE.splice(best, 1)[0];
}
