/**
 * The strings of one column and chunk by content, so a value met again can reuse the string
 * DuckDB already holds instead of costing a native call of its own (a few hundred ns each:
 * filter names and reason codes are most of a chunk's long strings, and few distinct).
 */
export class RepeatedStrings {
  /** Open addressing: index into `views`, -1 for empty. */
  private slots = new Int32Array(64).fill(-1);
  private views: Uint8Array[] = [];
  private rows: number[] = [];
  private hashes: number[] = [];

  reset(): void {
    if (this.views.length === 0) return;
    this.slots.fill(-1);
    this.views.length = 0;
    this.rows.length = 0;
    this.hashes.length = 0;
  }

  /**
   * The first row holding `buf[start, start + len)` since the last reset; when there is none,
   * `row` becomes that first row and is returned.
   */
  firstRow(buf: Uint8Array, start: number, len: number, row: number): number {
    let h = len;
    for (let k = 0; k < len; k++) h = Math.imul(h ^ buf[start + k], 0x01000193);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i];
      if (e < 0) {
        this.slots[i] = this.views.length;
        this.views.push(buf.subarray(start, start + len));
        this.rows.push(row);
        this.hashes.push(h);
        if (this.views.length * 2 > this.slots.length) this.grow();
        return row;
      }
      if (this.hashes[e] === h && same(this.views[e], buf, start, len)) return this.rows[e];
    }
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let e = 0; e < this.hashes.length; e++) {
      let i = this.hashes[e] & mask;
      while (this.slots[i] >= 0) i = (i + 1) & mask;
      this.slots[i] = e;
    }
  }
}

function same(a: Uint8Array, buf: Uint8Array, start: number, len: number): boolean {
  if (a.length !== len) return false;
  for (let k = 0; k < len; k++) if (a[k] !== buf[start + k]) return false;
  return true;
}
