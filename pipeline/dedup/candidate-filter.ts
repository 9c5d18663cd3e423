import { ValueStore, type ValueArrays } from './value-store.ts';

/**
 * What the LSH candidate filter reads per record. Plain typed arrays (over shared memory in the
 * dedup stage), so the LSH worker thread builds the same filter over the same bytes.
 */
export interface FilterArrays {
  /** 8-bit MinHash sketches, `stride` bytes per record (`perm` used, zero padding). */
  sketches: Uint8Array;
  perm: number;
  stride: number;
  /** Shingle-set size per record. */
  setSize: Uint32Array;
  /** Lowest Jaccard a kept pair may have by its sketch (near_dup_threshold - sketch_margin). */
  floor: number;
  /** The value-token hashes when the template-sibling rule is on, else null. */
  values: ValueArrays | null;
}

export interface CandidateFilter {
  accept: (i: number, j: number) => boolean;
  /** Pairs `accept` dropped as template siblings so far (a dedup statistic). */
  siblingPairs: () => number;
}

/**
 * The sketch prefilter and, with the values given, the template-sibling rule: a sibling pair is
 * no edge whatever its Jaccard, so it is dropped before its sets are read.
 */
export function candidateFilter(a: FilterArrays): CandidateFilter {
  const similar = sketchFilter(a.sketches, a.perm, a.stride, a.setSize, a.floor);
  if (a.values === null) return { accept: similar, siblingPairs: () => 0 };
  const values = new ValueStore(a.values);
  let siblingPairs = 0;
  return {
    accept: (i, j) => {
      if (!similar(i, j)) return false;
      if (!values.siblings(i, j)) return true;
      siblingPairs++;
      return false;
    },
    siblingPairs: () => siblingPairs,
  };
}

/**
 * Drops candidate pairs whose Jaccard is surely below the threshold, before the exact (costly)
 * confirmation: by set sizes (J <= min/max) and by the 8-bit MinHash sketches (agreement rate
 * a estimates J as (a - 1/256) / (1 - 1/256); at 120 signature values its standard deviation is
 * under 0.045, so with the default margin of 0.2 a pair at J >= 0.8 is dropped with probability
 * below 1e-5). Template-heavy corpora give millions of candidates at J 0.3-0.6: this removes most.
 */
function sketchFilter(sketches: Uint8Array, perm: number, stride: number, setSize: Uint32Array, floor: number): (i: number, j: number) => boolean {
  if (floor <= 0) return () => true;
  const needAgree = Math.ceil(perm * (floor + (1 - floor) / 256));
  const maxDiffer = perm - needAgree;
  // Four sketch bytes per step: count the non-zero bytes of the XOR of two words.
  const words = new Uint32Array(sketches.buffer, sketches.byteOffset, sketches.length >>> 2);
  const w = stride >>> 2;
  return (i, j) => {
    const a = setSize[i];
    const b = setSize[j];
    if (Math.min(a, b) < floor * Math.max(a, b)) return false;
    let differ = 0;
    const oi = i * w;
    const oj = j * w;
    for (let k = 0; k < w; k++) {
      const x = words[oi + k] ^ words[oj + k];
      // bit 7 of each byte of y is set iff that byte of x is not zero
      const y = (((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
      differ += Math.imul(y >>> 7, 0x01010101) >>> 24;
      if (differ > maxDiffer) return false; // the rest cannot make up for it
    }
    return true;
  };
}
