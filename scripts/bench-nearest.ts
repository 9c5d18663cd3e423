/**
 * Measures the nearest-neighbour search of `bigmath embed` (pipeline/embed/nearest.ts): the exact
 * scan over typed arrays against hnswlib-node's HNSW graph, and optionally the pure-TypeScript
 * `hnsw` package (pass its install folder: `--pure-js DIR`, it is not a dependency).
 *
 * Data: `N` unit vectors in 256 dimensions, random directions plus one planted near copy per 20
 * vectors (noise at cosine about 0.95), the shape of a corpus with paraphrases. Reported: build and
 * query time (one thread), peak RSS, recall of the planted pairs at threshold 0.9 and recall@10
 * against the exact scan on 500 sampled queries.
 *
 *   node scripts/bench-nearest.ts [N=20000] [--pure-js /path/with/node_modules]
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { nearest } from '../pipeline/embed/nearest.ts';
import { UnitVectors } from '../pipeline/embed/vectors.ts';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20_000);
const pureJs = process.argv.includes('--pure-js') ? process.argv[process.argv.indexOf('--pure-js') + 1] : null;
const DIM = 256;

let a = 1;
const rand = () => {
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), a | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const raw: Float32Array[] = [];
const planted: [number, number][] = [];
for (let i = 0; i < N; i++) {
  if (i % 20 === 19) {
    const src = raw[i - 7];
    raw.push(Float32Array.from(src, (x) => x + gauss() * 0.02));
    planted.push([i - 7, i]);
  } else raw.push(Float32Array.from({ length: DIM }, gauss));
}
const vecs = new UnitVectors(raw, DIM);
const pairSet = (ns: { query: number; item: number }[]) => new Set(ns.map((n) => (n.query < n.item ? `${n.query},${n.item}` : `${n.item},${n.query}`)));
const plantedRecall = (found: Set<string>) => planted.filter(([x, y]) => found.has(`${x},${y}`)).length / planted.length;

const sample = Array.from({ length: Math.min(500, N) }, (_, i) => Math.floor((i * N) / Math.min(500, N)));
const sampleVecs = new UnitVectors(sample.map((i) => vecs.row(i)), DIM);
let t = performance.now();
const truth = nearest(sampleVecs, vecs, { k: 11, threshold: -1, exactPairs: Infinity });
void (performance.now() - t); // the reference (every item kept and sorted) is not what the stage runs
t = performance.now();
nearest(sampleVecs, vecs, { k: 10, threshold: 0.9, exactPairs: Infinity });
const exactSampleMs = performance.now() - t;
const truthOf = (q: number) => truth.filter((n) => n.query === q && n.item !== sample[q]).slice(0, 10).map((n) => n.item);
const recallAt10 = (got: (q: number) => number[]) => {
  let hit = 0;
  for (let q = 0; q < sample.length; q++) {
    const g = new Set(got(q));
    hit += truthOf(q).filter((x) => g.has(x)).length;
  }
  return hit / (sample.length * 10);
};

const rows: string[] = [];
const report = (name: string, buildS: number, queryS: number, planted: number, r10: number) =>
  rows.push(`| ${name} | ${N.toLocaleString('en')} | ${buildS.toFixed(1)} | ${queryS.toFixed(1)} | ${planted.toFixed(3)} | ${r10.toFixed(3)} |`);

// Exact scan: time on the 500 sampled queries, scaled to N queries (it is N x N work).
report('exact scan (typed arrays)', 0, (exactSampleMs / 1000) * (N / sample.length), 1, 1);

// hnswlib-node through nearest(): build + all N self-queries.
t = performance.now();
const hn = nearest(vecs, vecs, { k: 10, threshold: 0.9, exactPairs: 0, self: true });
const hnS = (performance.now() - t) / 1000;
{
  const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node');
  const idx = new HierarchicalNSW('ip', DIM);
  const tb = performance.now();
  idx.initIndex(N, 16, 200, 100);
  for (let i = 0; i < N; i++) idx.addPoint(Array.from(vecs.row(i)), i);
  const buildS = (performance.now() - tb) / 1000;
  idx.setEf(64);
  report('hnswlib-node 3.0 (C++, built by node-gyp)', buildS, hnS - buildS, plantedRecall(pairSet(hn)), recallAt10((q) => idx.searchKnn(Array.from(vecs.row(sample[q])), 11).neighbors.filter((x: number) => x !== sample[q]).slice(0, 10)));
}

if (pureJs) {
  const { HNSW } = createRequire(join(pureJs, 'package.json'))('hnsw');
  const idx = new HNSW(16, 200, DIM, 'cosine', 64);
  const tb = performance.now();
  await idx.buildIndex(Array.from({ length: N }, (_, i) => ({ id: i, vector: vecs.row(i) })));
  const buildS = (performance.now() - tb) / 1000;
  const tq = performance.now();
  const found: { query: number; item: number }[] = [];
  for (let q = 0; q < N; q++) for (const r of idx.searchKNN(vecs.row(q), 11)) if (r.id !== q && vecs.cosine(q, vecs, r.id) >= 0.9) found.push({ query: q, item: r.id });
  const queryS = (performance.now() - tq) / 1000;
  report('hnsw 1.1 (pure TypeScript)', buildS, queryS, plantedRecall(pairSet(found)), recallAt10((q) => idx.searchKNN(vecs.row(sample[q]), 11).map((r: { id: number }) => r.id).filter((x: number) => x !== sample[q]).slice(0, 10)));
}

console.log(`| library | vectors | build s | query s (N self-queries) | planted-pair recall @0.9 | recall@10 vs exact |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
