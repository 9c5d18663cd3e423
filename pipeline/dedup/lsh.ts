import { PairBuffer } from './packed-sort.ts';

/**
 * LSH banding without a hash table of buckets: for each band, sort (band hash, record) pairs and
 * read runs of equal band hash. Memory is one PairBuffer of the participating records per band
 * (8 bytes each), reused band after band; there is no "unseen band" case to crash on.
 *
 * A bucket of k records would give k(k-1)/2 pairs. To bound the work on huge buckets (boiler-
 * plate problems), each record is paired with at most `window` records before it in the bucket
 * (index order). Inside a big bucket of true duplicates the chain of confirmed pairs still
 * joins them all through union-find.
 *
 * Returns the unique candidate pairs (i < j) sorted by (i, j) as hi = i, lo = j.
 */
export function candidatePairs(
  bandHashes: Uint32Array,
  bands: number,
  members: Uint32Array,
  window: number,
): PairBuffer {
  const pairs = new PairBuffer(members.length);
  const byBand = new PairBuffer(members.length);
  for (let k = 0; k < bands; k++) {
    byBand.length = 0;
    for (let m = 0; m < members.length; m++) byBand.push(bandHashes[members[m] * bands + k], members[m]);
    byBand.sort();
    let runStart = 0;
    for (let r = 1; r <= byBand.length; r++) {
      if (r < byBand.length && byBand.hi(r) === byBand.hi(runStart)) continue;
      // Run [runStart, r): records in increasing index order (the low word).
      for (let q = runStart + 1; q < r; q++) {
        const j = byBand.lo(q);
        for (let p = Math.max(runStart, q - window); p < q; p++) pairs.push(byBand.lo(p), j);
      }
      runStart = r;
    }
    // The same pair shows up in several bands; compact now and then to bound the buffer.
    if (pairs.length > 1 << 22) pairs.sort(true);
  }
  pairs.sort(true);
  pairs.trim();
  return pairs;
}
