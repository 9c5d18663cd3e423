/**
 * A stable LSD radix sort of uint32 keys carrying uint32 values, three passes of 11 bits over
 * reused arrays. LSH sorts (band hash, record) of every record once per band; its records come
 * in increasing index order, so sorting by the hash alone, stably, gives (hash, index) order,
 * in a few linear passes instead of a comparison sort of 64-bit lanes (~5x faster at 1.4M).
 */
const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
const PASSES = 3; // 3 x 11 >= 32

export class KeyedRadixSort {
  /** Fill `keys[0..length)` and `values[0..length)`, then `sort()`; the sorted pairs are in `sortedKeys`, `sortedValues`. */
  readonly keys: Uint32Array;
  readonly values: Uint32Array;
  readonly sortedKeys: Uint32Array;
  readonly sortedValues: Uint32Array;
  readonly length: number;
  private readonly counts = new Uint32Array(PASSES * BUCKETS);

  constructor(length: number) {
    this.length = length;
    this.keys = new Uint32Array(length);
    this.values = new Uint32Array(length);
    // after an odd number of passes the result lies in the second pair of arrays
    this.sortedKeys = new Uint32Array(length);
    this.sortedValues = new Uint32Array(length);
  }

  sort(): void {
    const counts = this.counts;
    counts.fill(0);
    const n = this.length;
    const k0 = this.keys;
    for (let x = 0; x < n; x++) {
      const key = k0[x];
      counts[key & MASK]++;
      counts[BUCKETS + ((key >>> BITS) & MASK)]++;
      counts[2 * BUCKETS + (key >>> (2 * BITS))]++;
    }
    // bucket counts -> start offsets
    for (let p = 0; p < PASSES; p++) {
      let sum = 0;
      for (let b = p * BUCKETS; b < (p + 1) * BUCKETS; b++) {
        const c = counts[b];
        counts[b] = sum;
        sum += c;
      }
    }
    let fromK = this.keys;
    let fromV = this.values;
    let toK = this.sortedKeys;
    let toV = this.sortedValues;
    for (let p = 0; p < PASSES; p++) {
      const shift = p * BITS;
      const base = p * BUCKETS;
      for (let x = 0; x < n; x++) {
        const key = fromK[x];
        const at = counts[base + ((key >>> shift) & MASK)]++;
        toK[at] = key;
        toV[at] = fromV[x];
      }
      [fromK, toK] = [toK, fromK];
      [fromV, toV] = [toV, fromV];
    }
  }
}
