import { createRequire } from 'node:module';
import type { UnitVectors } from './vectors.ts';

/** One neighbour found for a query row: the item's row and the exact cosine similarity. */
export interface Neighbour {
  query: number;
  item: number;
  similarity: number;
}

export interface NearestOptions {
  /** Neighbours asked for per query. */
  k: number;
  /** Only neighbours at or above this cosine similarity are returned. */
  threshold: number;
  /** While queries x items is at most this, the search is exact (a scan); above, HNSW. */
  exactPairs: number;
  /** When queries and items are the same set: skip a row's match with itself. */
  self?: boolean;
}

/** HNSW parameters: M = 16 links, efConstruction 200, fixed seed (same index every run). */
const HNSW = { m: 16, efConstruction: 200, seed: 100 };

/**
 * The `k` nearest items of every query row at or above `threshold`, by cosine similarity. While
 * queries x items is at most `exactPairs`, an exact scan over typed arrays; above, an HNSW graph (hnswlib-node, the C++
 * hnswlib built from source at install) whose candidates are then re-scored exactly, so the
 * similarity reported never depends on the index's float arithmetic. The HNSW graph is built
 * single-threaded in item order with a fixed seed: the same inputs give the same neighbours.
 * Results in (query, similarity descending, item) order.
 */
export function nearest(queries: UnitVectors, items: UnitVectors, o: NearestOptions): Neighbour[] {
  const k = Math.min(o.k, items.count - (o.self ? 1 : 0));
  if (k <= 0 || !queries.count) return [];
  const out: Neighbour[] = [];
  const keep = (q: number, candidates: Iterable<number>) => {
    const found: Neighbour[] = [];
    for (const it of candidates) {
      if (o.self && it === q) continue;
      const s = queries.cosine(q, items, it);
      if (s >= o.threshold) found.push({ query: q, item: it, similarity: s });
    }
    found.sort((a, b) => b.similarity - a.similarity || a.item - b.item);
    out.push(...found.slice(0, k));
  };
  if (usesExactScan(queries, items, o)) {
    const all = Array.from({ length: items.count }, (_, i) => i);
    for (let q = 0; q < queries.count; q++) keep(q, all);
    return out;
  }
  const index = hnswIndex(items);
  // ef >= k; a wider beam costs little and raises recall on near-identical clusters.
  index.setEf(Math.max(64, 2 * (k + 1)));
  const want = Math.min(items.count, k + (o.self ? 1 : 0));
  for (let q = 0; q < queries.count; q++) keep(q, index.searchKnn(Array.from(queries.row(q)), want).neighbors);
  return out;
}

/** Whether `nearest` scans (exact) rather than building an HNSW graph. */
export function usesExactScan(queries: UnitVectors, items: UnitVectors, o: Pick<NearestOptions, 'exactPairs'>): boolean {
  return queries.count * items.count <= o.exactPairs;
}

interface Hnsw {
  initIndex(maxElements: number, m?: number, efConstruction?: number, randomSeed?: number): void;
  addPoint(point: number[], label: number): void;
  setEf(ef: number): void;
  searchKnn(query: number[], k: number): { distances: number[]; neighbors: number[] };
}

/** Loaded on first use: the exact path (and every test of small sets) needs no native module. */
function hnswIndex(items: UnitVectors): Hnsw {
  const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node') as { HierarchicalNSW: new (space: string, dim: number) => Hnsw };
  const index = new HierarchicalNSW('ip', items.dim);
  index.initIndex(items.count, HNSW.m, HNSW.efConstruction, HNSW.seed);
  for (let i = 0; i < items.count; i++) index.addPoint(Array.from(items.row(i)), i);
  return index;
}
