import { inlineFeaturizer, type Featurizer, type ShingleFeatures } from './features.ts';
import { PairBuffer } from './packed-sort.ts';
import { jaccard, type ShingleOptions } from './shingles.ts';
import { isTemplateSibling } from './template-siblings.ts';

/**
 * Confirms LSH candidate pairs with the exact Jaccard of their shingle sets, re-streaming the
 * records (never holding all texts).
 *
 * Pairs are sorted by (i, j), i < j. A pass keeps the shingle sets of a chunk of left records i
 * (chosen so their sets fit `budgetBytes`, sizes known from pass 1), and when a right record j
 * arrives computes its set once and compares it with each of its left partners in the chunk. A
 * left set is freed after its last partner. If all left sets fit, one pass suffices; otherwise
 * more passes follow, each streaming only up to its last needed index.
 *
 * A pair at or above the threshold is a near duplicate unless the template-sibling rule says a
 * value was replaced (see template-siblings.ts).
 */
export interface ConfirmOptions {
  shingles: ShingleOptions;
  threshold: number;
  templateSiblings: boolean;
  budgetBytes: number;
  /** Computes shingle features of the records in pairs (worker threads in the pipeline). */
  featurize?: Featurizer;
}

const FEATURE_BATCH = 512;
const FEATURE_BATCHES_IN_FLIGHT = 4;

export interface ConfirmStats {
  passes: number;
  compared: number;
  confirmed: number;
  belowThreshold: number;
  templateSiblings: number;
  /** Largest number of bytes of shingle sets held at once. */
  peakHeldBytes: number;
}

interface Held extends ShingleFeatures {
  pending: number;
}

/**
 * The records a pass needs, with their features, in index order: batches go to the featurizer
 * several at a time (so worker threads stay busy) and come back in order.
 */
async function* neededFeatures(
  stream: () => AsyncIterable<{ index: number; problem: string }>,
  needed: (index: number) => boolean,
  lastNeeded: number,
  shingles: ShingleOptions,
  featurize: Featurizer,
): AsyncGenerator<{ index: number; features: ShingleFeatures }> {
  const queue: { indexes: number[]; features: Promise<ShingleFeatures[]> }[] = [];
  let indexes: number[] = [];
  let problems: string[] = [];
  const send = () => {
    if (!indexes.length) return;
    const features = featurize(problems, shingles);
    features.catch(() => {}); // awaited below; never an unhandled rejection if the pass aborts
    queue.push({ indexes, features });
    indexes = [];
    problems = [];
  };
  let expected = 0;
  for await (const rec of stream()) {
    if (rec.index !== expected) throw new Error(`dedup: stream out of order (got index ${rec.index}, expected ${expected})`);
    expected++;
    if (needed(rec.index)) {
      indexes.push(rec.index);
      problems.push(rec.problem);
      if (indexes.length >= FEATURE_BATCH) send();
      while (queue.length >= FEATURE_BATCHES_IN_FLIGHT) {
        const b = queue.shift()!;
        const fs = await b.features;
        for (let k = 0; k < b.indexes.length; k++) yield { index: b.indexes[k], features: fs[k] };
      }
    }
    if (rec.index >= lastNeeded) break;
  }
  send();
  for (const b of queue) {
    const fs = await b.features;
    for (let k = 0; k < b.indexes.length; k++) yield { index: b.indexes[k], features: fs[k] };
  }
}

export async function confirmPairs(
  stream: () => AsyncIterable<{ index: number; problem: string }>,
  pairs: PairBuffer,
  setSize: Uint32Array,
  opts: ConfirmOptions,
  onEdge: (i: number, j: number, jaccard: number) => void,
): Promise<ConfirmStats> {
  const stats: ConfirmStats = { passes: 0, compared: 0, confirmed: 0, belowThreshold: 0, templateSiblings: 0, peakHeldBytes: 0 };
  let p0 = 0;
  while (p0 < pairs.length) {
    // Chunk: whole left records, in pair order, until the budget is spent (at least one).
    const lefts = new Map<number, number>(); // left index -> pairs still to compare
    let bytes = 0;
    let p1 = p0;
    while (p1 < pairs.length) {
      const i = pairs.hi(p1);
      if (!lefts.has(i)) {
        const cost = setSize[i] * 4 + 256;
        if (lefts.size > 0 && bytes + cost > opts.budgetBytes) break;
        bytes += cost;
        lefts.set(i, 0);
      }
      lefts.set(i, lefts.get(i)! + 1);
      p1++;
    }
    // Right partners of the chunk, ordered by j (hi = j, lo = left i).
    const rights = new PairBuffer(p1 - p0);
    let lastNeeded = 0;
    for (let p = p0; p < p1; p++) {
      rights.push(pairs.lo(p), pairs.hi(p));
      if (pairs.lo(p) > lastNeeded) lastNeeded = pairs.lo(p);
    }
    rights.sort();
    stats.passes++;

    const held = new Map<number, Held>();
    let heldBytes = 0;
    let r = 0;
    const rightSet = new Set<number>();
    for (let k = 0; k < rights.length; k++) rightSet.add(rights.hi(k));
    const needed = (idx: number) => lefts.has(idx) || rightSet.has(idx);
    for await (const { index: idx, features } of neededFeatures(stream, needed, lastNeeded, opts.shingles, opts.featurize ?? inlineFeaturizer)) {
      const isLeft = lefts.has(idx);
      const mine: Held = { set: features.set, values: features.values, pending: 0 };
      for (; r < rights.length && rights.hi(r) === idx; r++) {
        const i = rights.lo(r);
        const left = held.get(i)!;
        compare(i, left, idx, mine);
        if (--left.pending === 0) {
          held.delete(i);
          heldBytes -= left.set.length * 4;
        }
      }
      if (isLeft) {
        mine.pending = lefts.get(idx)!;
        held.set(idx, mine);
        heldBytes += mine.set.length * 4;
        if (heldBytes > stats.peakHeldBytes) stats.peakHeldBytes = heldBytes;
      }
    }
    if (r < rights.length) throw new Error(`dedup: stream ended before record ${rights.hi(r)} (re-stream must give the same records)`);
    p0 = p1;
  }
  return stats;

  function compare(i: number, a: Held, j: number, b: Held): void {
    stats.compared++;
    const J = jaccard(a.set, b.set);
    if (J < opts.threshold) {
      stats.belowThreshold++;
      return;
    }
    if (opts.templateSiblings && isTemplateSibling(a.values, b.values)) {
      stats.templateSiblings++;
      return;
    }
    stats.confirmed++;
    onEdge(i, j, J);
  }
}
