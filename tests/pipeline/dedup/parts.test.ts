import { describe, expect, it } from 'vitest';
import { resolveCluster, type ClusterMember } from '../../../pipeline/dedup/conflicts.ts';
import { rankMembers, sourceRank } from '../../../pipeline/dedup/keeper-policy.ts';
import { candidatePairs } from '../../../pipeline/dedup/lsh.ts';
import { PairBuffer } from '../../../pipeline/dedup/packed-sort.ts';
import { normalizeProblem } from '../../../pipeline/dedup/normalize.ts';
import { isTemplateSibling, valueTokens } from '../../../pipeline/dedup/template-siblings.ts';
import { UnionFind } from '../../../pipeline/dedup/union-find.ts';
import { ValueStore } from '../../../pipeline/dedup/value-store.ts';

const v = (s: string) => valueTokens(normalizeProblem(s), s);

describe('template siblings', () => {
  it('a replaced number or number word makes siblings', () => {
    expect(isTemplateSibling(v('A train goes 60 miles in 2 hours.'), v('A train goes 75 miles in 2 hours.'))).toBe(true);
    expect(isTemplateSibling(v('sum of any four consecutive odd numbers'), v('sum of any six consecutive odd numbers'))).toBe(true);
    expect(isTemplateSibling(v('$x+1=0$'), v('$x-1=0$'))).toBe(true);
    expect(isTemplateSibling(v('$x^2$'), v('$x^3$'))).toBe(true);
  });
  it('a replaced math letter makes siblings (a different question on the same setup)', () => {
    expect(isTemplateSibling(v('If $DP=18$, what is ${DE}$?'), v('If $DP=18$, what is ${DF}$?'))).toBe(true);
    expect(isTemplateSibling(v('Find $\\angle B$.'), v('Find $\\angle A$.'))).toBe(true);
    expect(isTemplateSibling(v('It costs \\$5 and \\$6.'), v('It costs \\$5 and \\$6'))).toBe(false);
    expect(isTemplateSibling(v('Let $x$ be 5.'), v('Let x be 5.'))).toBe(false);
  });
  it('added numbers (labels, points) and thousands separators are not siblings', () => {
    expect(isTemplateSibling(v('Find 2+3.'), v('3. (5 points) Find 2+3.'))).toBe(false);
    expect(isTemplateSibling(v('It costs 1,000 dollars'), v('It costs 1000 dollars'))).toBe(false);
    expect(isTemplateSibling(v('same 1 2 3'), v('same 1 2 3'))).toBe(false);
  });
});

describe('value store', () => {
  it('a view of its shared arrays (as another thread builds it) answers the same', () => {
    const s = new ValueStore(3);
    for (const v of [[1, 2, 3], [1, 2, 4], [1, 2]]) s.add(Uint32Array.from(v));
    s.trim();
    const a = s.arrays();
    expect(a.arena.buffer).toBeInstanceOf(SharedArrayBuffer);
    const view = new ValueStore(a);
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]]) expect(view.siblings(i, j)).toBe(s.siblings(i, j));
    expect([s.siblings(0, 1), s.siblings(0, 2)]).toEqual([true, false]);
    expect(Array.from(view.values(1))).toEqual([1, 2, 4]);
  });
});

describe('pair buffer', () => {
  it('toArray and pushAll carry pairs to another buffer', () => {
    const a = new PairBuffer(1);
    a.push(5, 1);
    a.push(2, 9);
    const flat = a.toArray();
    expect(Array.from(flat)).toEqual([5, 1, 2, 9]);
    const b = new PairBuffer(1);
    b.push(3, 3);
    b.pushAll(flat);
    b.sort();
    expect(Array.from(b.toArray())).toEqual([2, 9, 3, 3, 5, 1]);
  });
});

describe('union-find', () => {
  it('roots are the smallest index regardless of edge order', () => {
    const u = new UnionFind(6);
    u.union(5, 3);
    u.union(3, 4);
    u.union(2, 5);
    expect([2, 3, 4, 5].map((i) => u.find(i))).toEqual([2, 2, 2, 2]);
    expect(u.find(0)).toBe(0);
  });
});

describe('LSH candidates', () => {
  it('pairs records sharing any band, once, with i < j', () => {
    // 4 records x 2 bands
    const bands = new Uint32Array([1, 10, 1, 11, 2, 11, 3, 12]);
    const p = candidatePairs(bands, 2, new Uint32Array([0, 1, 2, 3]), 64);
    const got = Array.from({ length: p.length }, (_x, k) => [p.hi(k), p.lo(k)]);
    expect(got).toEqual([[0, 1], [1, 2]]);
  });
  it('bounds a big bucket by the window', () => {
    const n = 50;
    const p = candidatePairs(new Uint32Array(n).fill(7), 1, Uint32Array.from({ length: n }, (_x, i) => i), 3);
    expect(p.length).toBe(3 * n - 6);
  });
});

function member(over: Partial<ClusterMember> & { index: number; id: string }): ClusterMember {
  return { source: 'numinamath', subset: null, eligible: true, hasClosedForm: true, answer: '5', answer_canonical: '5', exactRep: over.index, edgePartnerId: null, edgeJaccard: 0.9, ...over };
}

describe('keeper policy', () => {
  const rank = sourceRank(['math', 'harp', 'omni_math', 'numinamath/amc_aime', 'numinamath', 'openmathinstruct2']);
  it('orders by eligibility, source (subset entries first), closed form, id', () => {
    const ms = [
      member({ index: 0, id: 'a', source: 'openmathinstruct2' }),
      member({ index: 1, id: 'b', source: 'numinamath', subset: 'cn_k12' }),
      member({ index: 2, id: 'c', source: 'numinamath', subset: 'amc_aime' }),
      member({ index: 3, id: 'd', source: 'math', eligible: false }),
      member({ index: 4, id: 'e', source: 'zzz' }),
    ];
    expect(rankMembers(ms, rank).map((m) => m.id)).toEqual(['c', 'b', 'a', 'e', 'd']);
    const tie = [member({ index: 0, id: 'y', hasClosedForm: false }), member({ index: 1, id: 'z' }), member({ index: 2, id: 'x' })];
    expect(rankMembers(tie, rank).map((m) => m.id)).toEqual(['x', 'z', 'y']);
  });
});

describe('answer conflicts', () => {
  const eq = (a: string, b: string) => a === b;
  it('agreeing copies are exact or near duplicates of the keeper', () => {
    const ds = resolveCluster([member({ index: 0, id: 'k' }), member({ index: 1, id: 'x', exactRep: 0 }), member({ index: 2, id: 'y', edgePartnerId: 'k', edgeJaccard: 0.864 })], 'majority', eq);
    expect(ds.map((d) => d.reason)).toEqual([null, 'exact_duplicate', 'near_duplicate']);
    expect(ds[1]).toMatchObject({ duplicate_of: 'k', dup_cluster: 'k', dup_cluster_size: 3, evidence: 'same normalised text as k' });
    expect(ds[2]).toMatchObject({ evidence: 'Jaccard 0.86 with k', jaccard: 0.86 });
  });
  it('majority keeps the keeper and flags the dissenter', () => {
    const ds = resolveCluster(
      [member({ index: 0, id: 'k' }), member({ index: 1, id: 'x' }), member({ index: 2, id: 'y', answer: '7', answer_canonical: '7' }), member({ index: 3, id: 'z', answer: '5.0', answer_canonical: '5' })],
      'majority',
      eq,
    );
    expect(ds.map((d) => d.reason)).toEqual([null, 'near_duplicate', 'answer_conflict', 'near_duplicate']);
    expect(ds[2].evidence).toBe('answer 7 vs 5 (kept k)');
    expect(ds[2].duplicate_of).toBe('k');
    // One of two others agreeing is not a majority: the cluster is dropped.
    const tie = resolveCluster([member({ index: 0, id: 'k' }), member({ index: 1, id: 'x' }), member({ index: 2, id: 'y', answer: '7', answer_canonical: '7' })], 'majority', eq);
    expect(tie.every((d) => d.reason === 'answer_conflict')).toBe(true);
  });
  it('no majority or drop_cluster drops everyone', () => {
    const two = [member({ index: 0, id: 'k' }), member({ index: 1, id: 'y', answer: '7', answer_canonical: '7' })];
    expect(resolveCluster(two, 'majority', eq).map((d) => d.reason)).toEqual(['answer_conflict', 'answer_conflict']);
    const three = [member({ index: 0, id: 'k' }), member({ index: 1, id: 'x' }), member({ index: 2, id: 'y', answer: '7', answer_canonical: '7' })];
    const ds = resolveCluster(three, 'drop_cluster', eq);
    expect(ds.every((d) => d.reason === 'answer_conflict' && d.duplicate_of === null)).toBe(true);
  });
  it('uses the equivalence function when canonicals differ', () => {
    const ds = resolveCluster([member({ index: 0, id: 'k', answer: '1/2', answer_canonical: null }), member({ index: 1, id: 'x', answer: '\\frac12', answer_canonical: null })], 'majority', () => true);
    expect(ds[1].reason).toBe('near_duplicate');
  });
  it('a cluster without an eligible member gives no reasons; ineligible members do not vote', () => {
    const none = resolveCluster([member({ index: 0, id: 'k', eligible: false }), member({ index: 1, id: 'x', eligible: false })], 'majority', eq);
    expect(none.map((d) => [d.reason, d.dup_cluster, d.dup_cluster_size])).toEqual([[null, 'k', 2], [null, 'k', 2]]);
    const ds = resolveCluster([member({ index: 0, id: 'k' }), member({ index: 1, id: 'x', eligible: false, answer: '9', answer_canonical: null })], 'majority', eq);
    expect(ds[1].reason).toBe('near_duplicate');
  });
});
