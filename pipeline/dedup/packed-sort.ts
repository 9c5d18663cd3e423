/**
 * Sorting (hi, lo) pairs of uint32 by hi, then lo, in a native typed-array sort.
 *
 * Each pair is stored as one 64-bit lane (little-endian: lo in the low word, hi in the high word)
 * of a BigUint64Array viewed as Uint32Array, so `BigUint64Array#sort` (numeric, in C++) orders
 * them without creating a BigInt or calling a JS comparator per element. This is what keeps LSH
 * bucketing and pair de-duplication fast and lean at millions of records.
 */
export class PairBuffer {
  private words: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.words = new Uint32Array(new BigUint64Array(Math.max(1, capacity)).buffer);
  }

  push(hi: number, lo: number): void {
    if (this.length * 2 === this.words.length) {
      const bigger = new Uint32Array(new BigUint64Array(this.length * 2).buffer);
      bigger.set(this.words);
      this.words = bigger;
    }
    this.words[this.length * 2] = lo;
    this.words[this.length * 2 + 1] = hi;
    this.length++;
  }

  /** Appends pairs given as [hi, lo, hi, lo, ...] (`toArray` of another buffer). */
  pushAll(flat: ArrayLike<number>): void {
    for (let k = 0; k + 1 < flat.length; k += 2) this.push(flat[k], flat[k + 1]);
  }

  /** The pairs as [hi, lo, hi, lo, ...], a copy (for another thread). */
  toArray(): Uint32Array<ArrayBuffer> {
    const out = new Uint32Array(2 * this.length);
    for (let k = 0; k < this.length; k++) {
      out[2 * k] = this.hi(k);
      out[2 * k + 1] = this.lo(k);
    }
    return out;
  }

  /** Sorts by (hi, lo) and, when `unique`, drops repeated pairs. */
  sort(unique = false): void {
    new BigUint64Array(this.words.buffer, 0, this.length).sort();
    if (!unique) return;
    const w = this.words;
    let out = 0;
    for (let r = 0; r < this.length; r++) {
      if (out > 0 && w[2 * r] === w[2 * out - 2] && w[2 * r + 1] === w[2 * out - 1]) continue;
      w[2 * out] = w[2 * r];
      w[2 * out + 1] = w[2 * r + 1];
      out++;
    }
    this.length = out;
  }

  hi(k: number): number {
    return this.words[2 * k + 1];
  }

  lo(k: number): number {
    return this.words[2 * k];
  }

  /** Frees unused capacity (after the last push). */
  trim(): void {
    if (this.length * 2 < this.words.length) this.words = this.words.slice(0, Math.max(2, this.length * 2));
  }
}
