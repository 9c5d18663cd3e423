import { describe, expect, it } from 'vitest';
import { nearest } from '../../../pipeline/embed/nearest.ts';
import { UnitVectors } from '../../../pipeline/embed/vectors.ts';

/** 600 pseudo-random 32-dim vectors; every 10th is a near copy of the one 3 before it. */
function planted(): { vecs: UnitVectors; pairs: string[] } {
  let a = 7;
  const rand = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  const raw: Float32Array[] = [];
  const pairs: string[] = [];
  for (let i = 0; i < 600; i++) {
    if (i % 10 === 9) {
      raw.push(Float32Array.from(raw[i - 3], (x) => x + rand() * 0.02));
      pairs.push(`${i - 3},${i}`);
    } else raw.push(Float32Array.from({ length: 32 }, rand));
  }
  return { vecs: new UnitVectors(raw, 32), pairs };
}

const found = (ns: { query: number; item: number }[]) => [...new Set(ns.map((n) => [n.query, n.item].sort((x, y) => x - y).join(',')))].sort();

describe('nearest', () => {
  const { vecs, pairs } = planted();
  it('the exact scan finds exactly the planted pairs above the threshold, never a row with itself', () => {
    const ns = nearest(vecs, vecs, { k: 5, threshold: 0.95, exactPairs: Infinity, self: true });
    expect(found(ns)).toEqual([...pairs].sort());
    for (const n of ns) expect(n.query).not.toBe(n.item);
    // Both directions, in query order.
    expect(ns.map((n) => n.query)).toEqual([...ns.map((n) => n.query)].sort((x, y) => x - y));
  });

  it('HNSW gives the same neighbours and similarities here, and the same on a second build', () => {
    const exact = nearest(vecs, vecs, { k: 5, threshold: 0.95, exactPairs: Infinity, self: true });
    const hnsw = nearest(vecs, vecs, { k: 5, threshold: 0.95, exactPairs: 0, self: true });
    expect(hnsw).toEqual(exact);
    expect(nearest(vecs, vecs, { k: 5, threshold: 0.95, exactPairs: 0, self: true })).toEqual(hnsw);
  });

  it('keeps at most k per query, most similar first', () => {
    const ns = nearest(vecs, vecs, { k: 2, threshold: -1, exactPairs: Infinity, self: true });
    expect(ns).toHaveLength(600 * 2);
    for (let i = 0; i < ns.length; i += 2) expect(ns[i].similarity).toBeGreaterThanOrEqual(ns[i + 1].similarity);
  });
});
