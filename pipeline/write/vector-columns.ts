import duckdb from '@duckdb/node-bindings';
import type { StringBlobs } from './string-blobs.ts';

/**
 * Column buffers that fill one DuckDB data chunk from JS with a handful of native calls per
 * column: values go into typed arrays laid out as DuckDB's vectors are (a string as 16 bytes,
 * a list entry as offset and length, validity as a bitmask) and are copied over in one call
 * each. A string of up to 12 bytes is stored inline in its 16 bytes; a longer one points into
 * the copy DuckDB holds of the buffer it was read from (string-blobs.ts).
 */

/** A string of at most this many bytes lives inside its 16-byte entry (DuckDB's string_t). */
const INLINE = 12;
const NULL_LENGTH = 0xffffffff;

/** Grows `a` to hold at least `n` items, keeping its contents. */
function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Every column holds rows 0..n-1 of the chunk being filled. `ensure(n)` makes room for n rows
 * (list owners call it for their children, whose count is known only row by row); `reset`
 * clears the rows ensured since the last reset (so, after it, `ensure` the rows again).
 */

/** A validity bitmask (bit set = valid), u64 words as DuckDB keeps it. */
class Validity {
  private bits = new Uint8Array(0);
  private used = 0;
  anyNull = false;
  ensure(rows: number): void {
    const bytes = Math.ceil(rows / 64) * 8;
    if (bytes > this.bits.length) {
      const old = this.bits.length;
      this.bits = grown(this.bits, bytes);
      this.bits.fill(0xff, old);
    }
    if (bytes > this.used) this.used = bytes;
  }
  reset(): void {
    this.bits.fill(0xff, 0, this.used);
    this.used = 0;
    this.anyNull = false;
  }
  setNull(row: number): void {
    this.bits[row >> 3] &= ~(1 << (row & 7));
    this.anyNull = true;
  }
  flush(vector: duckdb.Vector, rows: number): void {
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, this.bits.buffer, this.bits.byteOffset, Math.ceil(rows / 64) * 8);
  }
}

export class VarcharColumn {
  private entries = new Uint8Array(0);
  private used = 0;
  /** Per long string of the chunk: its row, and the buffer (in `blobs`) and offset of its bytes. */
  private longRows: number[] = [];
  private longBufs: number[] = [];
  private longAt: number[] = [];
  private readonly blobs: StringBlobs;
  private readonly validity = new Validity();

  /** `blobs`: where the chunk's long strings are copied to DuckDB, shared by its columns. */
  constructor(blobs: StringBlobs) {
    this.blobs = blobs;
  }

  ensure(rows: number): void {
    this.entries = grown(this.entries, rows * 16);
    if (rows * 16 > this.used) this.used = rows * 16;
    this.validity.ensure(rows);
  }
  reset(): void {
    this.entries.fill(0, 0, this.used); // inline strings are zero-padded
    this.used = 0;
    this.longRows.length = 0;
    this.longBufs.length = 0;
    this.longAt.length = 0;
    this.validity.reset();
  }

  /** Reads a staged string (u32 length and bytes, NULL_LENGTH for null) at `at`; returns where it ends. */
  read(row: number, buf: Uint8Array, at: number): number {
    const len = u32(buf, at);
    if (len === NULL_LENGTH) {
      this.validity.setNull(row);
      return at + 4;
    }
    this.set(row, buf, at + 4, len);
    return at + 4 + len;
  }

  /** `buf` must hold the bytes until the chunk is flushed (a long string is copied then). */
  set(row: number, buf: Uint8Array, start: number, len: number): void {
    const e = this.entries;
    const o = row * 16;
    putU32(e, o, len);
    if (len <= INLINE) {
      for (let k = 0; k < len; k++) e[o + 4 + k] = buf[start + k];
    } else {
      for (let k = 0; k < 4; k++) e[o + 4 + k] = buf[start + k]; // the prefix; the pointer comes at flush
      this.longRows.push(row);
      this.longBufs.push(this.blobs.use(buf, start, start + len));
      this.longAt.push(start);
    }
  }

  setNull(row: number): void {
    this.validity.setNull(row);
  }

  /**
   * `nullable` false for list children, which never hold a null: their mask is left as DuckDB
   * made it. After the chunk's `blobs` are flushed.
   */
  flush(vector: duckdb.Vector, rows: number, nullable = true): void {
    if (rows === 0) return;
    const e = this.entries;
    for (let k = 0; k < this.longRows.length; k++) {
      const address = this.blobs.address(this.longBufs[k], this.longAt[k]);
      const hi = Math.floor(address / 2 ** 32);
      const lo = address - hi * 2 ** 32;
      const o = this.longRows[k] * 16 + 8; // the pointer, a little-endian u64
      putU32(e, o, lo);
      putU32(e, o + 4, hi);
    }
    duckdb.copy_data_to_vector(vector, 0, e.buffer, e.byteOffset, rows * 16);
    if (nullable || this.validity.anyNull) this.validity.flush(vector, rows);
  }
}

/** Fixed-width values, in a typed array laid out as the vector's data (`perRow` items a row). */
class FixedColumn<T extends Uint8Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>> {
  protected values: T;
  private readonly perRow: number;
  private readonly validity: Validity | null;
  constructor(values: T, perRow: number, nullable: boolean) {
    this.values = values;
    this.perRow = perRow;
    this.validity = nullable ? new Validity() : null;
  }
  ensure(rows: number): void {
    this.values = grown(this.values, rows * this.perRow);
    this.validity?.ensure(rows);
  }
  reset(): void {
    this.validity?.reset();
  }
  setNull(row: number): void {
    this.values.fill(0, row * this.perRow, (row + 1) * this.perRow);
    this.validity!.setNull(row);
  }
  flush(vector: duckdb.Vector, rows: number): void {
    if (rows === 0) return;
    duckdb.copy_data_to_vector(vector, 0, this.values.buffer, this.values.byteOffset, rows * this.perRow * this.values.BYTES_PER_ELEMENT);
    this.validity?.flush(vector, rows);
  }
}

/** DOUBLE; a non-finite staged value is null (as JSON.stringify made it before). */
export class DoubleColumn extends FixedColumn<Float64Array<ArrayBuffer>> {
  constructor() {
    super(new Float64Array(0), 1, true);
  }
  set(row: number, v: number): void {
    if (Number.isFinite(v)) this.values[row] = v;
    else this.setNull(row);
  }
}

export class IntegerColumn extends FixedColumn<Int32Array<ArrayBuffer>> {
  constructor() {
    super(new Int32Array(0), 1, true);
  }
  set(row: number, v: number): void {
    this.values[row] = v;
  }
}

/** BIGINT: each value as two 32-bit halves, low first (a little-endian int64). */
export class BigintColumn extends FixedColumn<Int32Array<ArrayBuffer>> {
  constructor() {
    super(new Int32Array(0), 2, true);
  }
  /** A safe integer (staged as an f64). */
  set(row: number, v: number): void {
    const hi = Math.floor(v / 2 ** 32);
    this.values[row * 2] = v - hi * 2 ** 32; // stored modulo 2^32: the low half's bits
    this.values[row * 2 + 1] = hi;
  }
}

/** BOOLEAN list children (never null). */
export class BooleanColumn extends FixedColumn<Uint8Array<ArrayBuffer>> {
  constructor() {
    super(new Uint8Array(0), 1, false);
  }
  set(row: number, v: number): void {
    this.values[row] = v ? 1 : 0;
  }
}

/**
 * The list part of a LIST column: each row's offset and length in the child rows, which are
 * appended row after row; `size` counts the child rows so far.
 */
export class ListEntries {
  /** Per row: offset low, offset high, length low, length high (two little-endian u64). */
  private entries = new Uint32Array(0);
  private readonly validity = new Validity();
  size = 0;
  ensure(rows: number): void {
    this.entries = grown(this.entries, rows * 4);
    this.validity.ensure(rows);
  }
  reset(): void {
    this.validity.reset();
    this.size = 0;
  }
  /** Starts row `row` with `n` children; returns the index of its first child. */
  add(row: number, n: number): number {
    const first = this.size;
    const e = this.entries;
    e[row * 4] = first;
    e[row * 4 + 1] = 0;
    e[row * 4 + 2] = n;
    e[row * 4 + 3] = 0;
    this.size += n;
    return first;
  }
  setNull(row: number): void {
    this.add(row, 0);
    this.validity.setNull(row);
  }
  /** Sizes the child vector and copies the entries; returns the child vector to fill. */
  flush(vector: duckdb.Vector, rows: number): duckdb.Vector {
    duckdb.list_vector_reserve(vector, this.size);
    duckdb.list_vector_set_size(vector, this.size);
    if (rows > 0) {
      duckdb.copy_data_to_vector(vector, 0, this.entries.buffer, this.entries.byteOffset, rows * 16);
      this.validity.flush(vector, rows);
    }
    return duckdb.list_vector_get_child(vector);
  }
}

/** VARCHAR[]: a list of non-null strings. */
export class VarcharListColumn {
  private readonly list = new ListEntries();
  private readonly items: VarcharColumn;
  constructor(blobs: StringBlobs) {
    this.items = new VarcharColumn(blobs);
  }
  ensure(rows: number): void {
    this.list.ensure(rows);
  }
  reset(): void {
    this.list.reset();
    this.items.reset();
  }
  /** Reads a staged list of strings (u32 count, then the strings) at `at`; returns where it ends. */
  read(row: number, buf: Uint8Array, at: number): number {
    const n = u32(buf, at);
    at += 4;
    const first = this.list.add(row, n);
    this.items.ensure(this.list.size);
    for (let k = 0; k < n; k++) at = this.items.read(first + k, buf, at);
    return at;
  }
  /** A list of fixed strings (UTF-8). */
  setFixed(row: number, values: readonly Uint8Array[]): void {
    const first = this.list.add(row, values.length);
    this.items.ensure(this.list.size);
    for (let k = 0; k < values.length; k++) this.items.set(first + k, values[k], 0, values[k].length);
  }
  setNull(row: number): void {
    this.list.setNull(row);
  }
  flush(vector: duckdb.Vector, rows: number): void {
    const child = this.list.flush(vector, rows);
    this.items.flush(child, this.list.size, false);
  }
}

/**
 * Little-endian u32 at `at` (bounds are the caller's: frames are length-checked when read).
 */
export function u32(buf: Uint8Array, at: number): number {
  return (buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24)) >>> 0;
}

/** Writes `value` (0 .. 2^32 - 1) as a little-endian u32 at `at`: `u32`'s inverse. */
function putU32(buf: Uint8Array, at: number, value: number): void {
  buf[at] = value & 0xff;
  buf[at + 1] = (value >>> 8) & 0xff;
  buf[at + 2] = (value >>> 16) & 0xff;
  buf[at + 3] = value >>> 24;
}
