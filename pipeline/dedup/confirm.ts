import type { IndexedDedupFacts } from './facts.ts';
import { PairBuffer } from './packed-sort.ts';
import { questionChanged } from './question-tokens.ts';
import { jaccardAtLeast } from './shingles.ts';

/**
 * Confirms LSH candidate pairs with the exact Jaccard of their shingle sets, re-streaming the
 * records' dedup facts (never holding every set).
 *
 * Pairs are sorted by (i, j), i < j. A pass keeps copies of the shingle sets of a chunk of left
 * records i (chosen so their sets fit `budgetBytes`, sizes known from pass 1), and when a right
 * record j arrives compares its set with each of its left partners in the chunk. A left set is
 * freed after its last partner. If all left sets fit, one pass suffices; otherwise more passes
 * follow, each streaming only up to its last needed index.
 *
 * A pair is confirmed when its Jaccard is at or above the threshold (template siblings were
 * dropped before, see template-siblings.ts and value-store.ts); `onEdge` is also told whether
 * the two texts differ in what they ask (question-tokens.ts), which the caller settles with the
 * answers.
 */
export interface ConfirmOptions {
  threshold: number;
  budgetBytes: number;
  /** Apply the "two problems, not one" rule to pairs at or above the threshold (question-tokens.ts). */
  questionRule: boolean;
}

export interface ConfirmStats {
  passes: number;
  compared: number;
  confirmed: number;
  belowThreshold: number;
  /** Confirmed pairs whose wording differs in what is asked (an edge only if their answers agree). */
  questionChanged: number;
  /** Largest number of bytes of shingle sets held at once. */
  peakHeldBytes: number;
}

interface Held {
  set: Uint32Array;
  question: Uint32Array;
  pending: number;
}

/** Bytes a held record costs beyond its set (values, object, map entry). */
const HELD_OVERHEAD = 256;

export async function confirmPairs(
  features: (wanted: Uint8Array) => AsyncIterable<readonly IndexedDedupFacts[]>,
  pairs: PairBuffer,
  setSize: Uint32Array,
  opts: ConfirmOptions,
  onEdge: (i: number, j: number, jaccard: number, questionChanged: boolean) => void,
): Promise<ConfirmStats> {
  const stats: ConfirmStats = { passes: 0, compared: 0, confirmed: 0, belowThreshold: 0, questionChanged: 0, peakHeldBytes: 0 };
  const wanted = new Uint8Array(setSize.length); // the records of a pass: its lefts and rights
  let p0 = 0;
  while (p0 < pairs.length) {
    // Chunk: whole left records, in pair order, until the budget is spent (at least one).
    const lefts = new Map<number, number>(); // left index -> pairs still to compare
    let bytes = 0;
    let p1 = p0;
    while (p1 < pairs.length) {
      const i = pairs.hi(p1);
      if (!lefts.has(i)) {
        // the question tokens are never more than the set (one per word; the set has a 3-gram per word and more)
        const cost = setSize[i] * 8 + HELD_OVERHEAD;
        if (lefts.size > 0 && bytes + cost > opts.budgetBytes) break;
        bytes += cost;
        lefts.set(i, 0);
      }
      lefts.set(i, lefts.get(i)! + 1);
      p1++;
    }
    // Right partners of the chunk, ordered by j (hi = j, lo = left i).
    const rights = new PairBuffer(p1 - p0);
    wanted.fill(0);
    for (let p = p0; p < p1; p++) {
      rights.push(pairs.lo(p), pairs.hi(p));
      wanted[pairs.hi(p)] = wanted[pairs.lo(p)] = 1;
    }
    rights.sort();
    stats.passes++;

    const held = new Map<number, Held>();
    let heldBytes = 0;
    let r = 0;
    for await (const batch of features(wanted)) {
      for (const f of batch) {
        const idx = f.index;
        if (!wanted[idx]) continue; // the stream may give every record
        if (r < rights.length && idx === rights.hi(r)) {
          const set = f.set.slice().sort(); // stored unsorted; the merge needs order
          for (; r < rights.length && rights.hi(r) === idx; r++) {
            const i = rights.lo(r);
            const left = held.get(i)!;
            compare(i, left, idx, set, f.question);
            if (--left.pending === 0) {
              held.delete(i);
              heldBytes -= (left.set.length + left.question.length) * 4;
            }
          }
        }
        const pending = lefts.get(idx);
        if (pending !== undefined) {
          // the stream's arrays are views into a reused buffer: keep a (sorted) copy
          held.set(idx, { set: f.set.slice().sort(), question: f.question.slice(), pending });
          heldBytes += (f.set.length + f.question.length) * 4;
          if (heldBytes > stats.peakHeldBytes) stats.peakHeldBytes = heldBytes;
        }
      }
      if (r === rights.length) break; // the rest of the stream is not needed
    }
    if (r < rights.length) throw new Error(`dedup: stream ended before record ${rights.hi(r)} (re-stream must give the same records)`);
    p0 = p1;
  }
  return stats;

  function compare(i: number, a: Held, j: number, b: Uint32Array, question: Uint32Array): void {
    stats.compared++;
    const J = jaccardAtLeast(a.set, b, opts.threshold);
    if (J < opts.threshold) {
      stats.belowThreshold++;
      return;
    }
    const changed = opts.questionRule && questionChanged(a.question, question);
    if (changed) stats.questionChanged++;
    stats.confirmed++;
    onEdge(i, j, J, changed);
  }
}
