import { PairBuffer } from './packed-sort.ts';
import { KeyedRadixSort } from './radix-sort.ts';

/**
 * LSH banding without a hash table of buckets: for each band, sort (band hash, record) pairs and
 * read runs of equal band hash (a radix sort, radix-sort.ts). Memory is 16 bytes per participating
 * record, reused band after band; there is no "unseen band" case to crash on.
 *
 * A bucket of k records would give k(k-1)/2 pairs. To bound the work on huge buckets (boiler-
 * plate problems), each record is paired with at most `window` records before it in the bucket
 * (index order). Inside a big bucket of true duplicates the chain of confirmed pairs still
 * joins them all through union-find.
 *
 * A pair is a candidate when it shares at least `minBands` band hashes. It is emitted once, in
 * the band where its count of shared bands reaches `minBands` (counted over the earlier bands'
 * hashes), so the same pair never piles up once per shared band and no de-duplication sort is
 * needed; `accept` (the sketch prefilter) drops it there before it takes any memory.
 *
 * Returns the candidate pairs (i < j) sorted by (i, j) as hi = i, lo = j.
 */
export function candidatePairs(
  bandHashes: Uint32Array,
  bands: number,
  members: Uint32Array,
  window: number,
  minBands = 1,
  accept: (i: number, j: number) => boolean = () => true,
): PairBuffer {
  const pairs = new PairBuffer(members.length);
  const all = Array.from({ length: bands }, (_x, k) => k);
  pairsInBands({ bandHashes, bands, members, window, minBands }, all, accept, pairs);
  return sortedPairs(pairs);
}

/** What banding reads: the records' band hashes (`bands` per record) and who takes part. */
export interface Banding {
  bandHashes: Uint32Array;
  bands: number;
  members: Uint32Array;
  window: number;
  minBands: number;
}

/**
 * Appends to `pairs` the candidates emitted in the bands `which` (unsorted). A pair is emitted
 * in one band only (see `candidatePairs`), and that band depends on the hashes alone, so any
 * split of the bands over threads yields together exactly the pairs of all bands (`which` may
 * hand out bands as the threads claim them).
 */
export function pairsInBands(b: Banding, which: Iterable<number>, accept: (i: number, j: number) => boolean, pairs: PairBuffer): void {
  const { bandHashes, bands, window } = b;
  // in increasing index order, so that a stable sort by band hash orders each run by index
  const members = isIncreasing(b.members) ? b.members : b.members.slice().sort();
  const m = members.length;
  const byBand = new KeyedRadixSort(m);
  const { keys, values } = byBand;
  const need = b.minBands - 1;
  for (const k of which) {
    for (let x = 0; x < m; x++) keys[x] = bandHashes[members[x] * bands + k];
    values.set(members);
    byBand.sort();
    const hash = byBand.sortedKeys;
    const record = byBand.sortedValues;
    let runStart = 0;
    for (let r = 1; r <= m; r++) {
      if (r < m && hash[r] === hash[runStart]) continue;
      // Run [runStart, r): records in increasing index order.
      for (let q = runStart + 1; q < r; q++) {
        const j = record[q];
        const oj = j * bands;
        for (let p = Math.max(runStart, q - window); p < q; p++) {
          const i = record[p];
          if (need > 0) {
            const oi = i * bands;
            let shared = 0;
            for (let c = 0; c < k && shared <= need; c++) if (bandHashes[oi + c] === bandHashes[oj + c]) shared++;
            if (shared !== need) continue;
          }
          if (accept(i, j)) pairs.push(i, j);
        }
      }
      runStart = r;
    }
  }
}

function isIncreasing(a: Uint32Array): boolean {
  for (let x = 1; x < a.length; x++) if (a[x] <= a[x - 1]) return false;
  return true;
}

/** The pairs sorted by (i, j), unique (already so, unless a record appears twice in `members`). */
export function sortedPairs(pairs: PairBuffer): PairBuffer {
  pairs.sort(true);
  pairs.trim();
  return pairs;
}
