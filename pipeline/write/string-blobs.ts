import duckdb from '@duckdb/node-bindings';

/**
 * The buffers a chunk's long strings are read from (the chunk's staging frames, the shard's
 * global fields, fixed strings), each copied into DuckDB once per chunk as one BLOB value of a
 * carrier column the scan's query leaves out. A long string's entry (DuckDB's string_t: length,
 * 4-byte prefix, pointer) then points into that copy, so the chunk's thousands of long strings
 * cost two native calls per buffer instead of one each (which also checked each string's UTF-8:
 * staged strings are encoded from JS strings, always valid).
 *
 * The copies live in the carrier vector's string heap, which DuckDB keeps until it resets the
 * chunk for the next scan call; the COPY's sink has copied the strings it keeps by then.
 */
export class StringBlobs {
  private readonly bufs: Uint8Array[] = [];
  /** Per buffer: the byte range its strings of this chunk use (the part copied). */
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  /** Per buffer, once flushed: the address of its byte 0 as DuckDB holds it (exact: user-space addresses are below 2^53). */
  private readonly base: number[] = [];

  /** Notes that `buf[start, end)` holds a long string of this chunk; returns the index of `buf`. */
  use(buf: Uint8Array, start: number, end: number): number {
    let k = 0;
    while (k < this.bufs.length && this.bufs[k] !== buf) k++;
    if (k === this.bufs.length) {
      this.bufs.push(buf);
      this.from.push(start);
      this.to.push(end);
    } else {
      if (start < this.from[k]) this.from[k] = start;
      if (end > this.to[k]) this.to[k] = end;
    }
    return k;
  }

  /**
   * Copies each buffer's range into row k of `carrier` (a BLOB vector of the chunk: no UTF-8
   * check) and reads back where DuckDB put it. Before the string columns flush.
   */
  flush(carrier: duckdb.Vector): void {
    for (let k = 0; k < this.bufs.length; k++) {
      duckdb.vector_assign_string_element_len(carrier, k, this.bufs[k].subarray(this.from[k], this.to[k]));
      const entry = duckdb.vector_get_data(carrier, (k + 1) * 16);
      const at = Number(new DataView(entry.buffer, entry.byteOffset).getBigUint64(k * 16 + 8, true)); // the entry's pointer
      this.base[k] = at - this.from[k];
    }
  }

  /** Address of byte `offset` of buffer `k`, after `flush`. */
  address(k: number, offset: number): number {
    return this.base[k] + offset;
  }

  reset(): void {
    this.bufs.length = 0;
    this.from.length = 0;
    this.to.length = 0;
    this.base.length = 0;
  }
}

