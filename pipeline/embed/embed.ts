import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigSchema, type DedupConfig } from '../../schemas/config.ts';
import { openOutputs } from '../audit/outputs.ts';
import { defaultBenchmarkSpecs, loadBenchmarks, type BenchmarkItem } from '../decontam/benchmarks.ts';
import { pairRelation } from '../dedup/pair-relation.ts';
import { UnionFind } from '../dedup/union-find.ts';
import type { Equivalent } from '../dedup/types.ts';
import { UsageError } from '../errors.ts';
import { fleetFor, type ModelRetryPolicy } from '../model/fleet.ts';
import { runFileName } from '../model/response-cache.ts';
import { PROJECT_ROOT, TOOL_VERSION } from '../version.ts';
import { ParquetShardWriter, type ShardInfo } from '../write/parquet-shards.ts';
import { EMBED_COLUMNS } from './embed-columns.ts';
import { embedBatch } from './embeddings-api.ts';
import { nearest, usesExactScan } from './nearest.ts';
import { pairsReport } from './pairs-report.ts';
import { VectorCache, vectorKey } from './vector-cache.ts';
import { UnitVectors } from './vectors.ts';

export interface EmbedOptions {
  /** Output folder of a finished `bigmath run`. */
  dir: string;
  endpoints: string[];
  model: string;
  batchSize: number;
  concurrency: number;
  /** Cosine similarity at or above which a pair is flagged. */
  threshold: number;
  /** Neighbours looked at per record. */
  k: number;
  /** While queries x items is at most this, the neighbour search is exact; above, HNSW. */
  exactPairs: number;
  timeoutMs: number;
  apiKey?: string;
  retry?: ModelRetryPolicy;
  equivalent: Equivalent;
  log?: (line: string) => void;
}

export interface EmbedSummary {
  records: number;
  benchmark_items: number;
  texts: number;
  cached: number;
  embedded: number;
  failed: number;
  requests_sent: number;
  duplicate: number;
  sibling: number;
  contamination: number;
  wall_s: number;
  shards: ShardInfo[];
}

interface Rec {
  id: string;
  source: string;
  problem: string;
  answer: string | null;
}

interface PairRow {
  kind: 'duplicate' | 'sibling' | 'contamination';
  id: string;
  source: string;
  other: string;
  other_source: string;
  similarity: number;
  relation: string;
  evidence: string | null;
  cluster: string | null;
}

async function loadRun(dir: string): Promise<{ records: Rec[]; bench: BenchmarkItem[]; dedup: DedupConfig }> {
  const out = await openOutputs(dir);
  try {
    const records = await out.query<Rec>('SELECT id, source, problem, answer FROM corpus ORDER BY id');
    const parsed = ConfigSchema.safeParse(out.manifest.config ?? {});
    const config = parsed.success ? parsed.data : ConfigSchema.parse({});
    const specs = config.decontamination.benchmarks.length ? config.decontamination.benchmarks : defaultBenchmarkSpecs(PROJECT_ROOT);
    let bench: BenchmarkItem[];
    try {
      bench = loadBenchmarks(specs);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    return { records, bench, dedup: config.dedup };
  } finally {
    out.close();
  }
}

/**
 * `bigmath embed`: embeds every corpus problem of a finished run and every benchmark problem
 * through OpenAI-compatible `/embeddings` servers, caching each vector by (model, text hash) as it
 * arrives, so a re-run after a kill sends only what no cache file holds. Then the nearest
 * neighbours by cosine similarity: a record close to a benchmark item is flagged as
 * contamination (evidence `embedding`); two close records are judged by the dedup stage's pair
 * rule (template siblings and changed questions stay two problems) and duplicates are joined into
 * clusters. Writes the flagged pairs to `DIR/embed/` in a fixed order, so the same cache gives
 * the same bytes.
 */
export async function runEmbed(o: EmbedOptions): Promise<EmbedSummary> {
  const t0 = performance.now();
  const { records, bench, dedup } = await loadRun(o.dir);
  const outDir = join(o.dir, 'embed');
  const texts = [...records.map((r) => r.problem), ...bench.map((b) => b.problem)];
  const keys = texts.map((t) => vectorKey(o.model, t));
  const cache = new VectorCache(join(outDir, 'cache'), runFileName('vec'));

  // 1. What the cache holds, then the missing texts (each once) in batches.
  const vectors = cache.load(new Set(keys));
  const cached = new Set(keys.filter((k) => vectors.has(k))).size;
  const missing: number[] = [];
  const queued = new Set<string>();
  keys.forEach((k, i) => {
    if (!vectors.has(k) && !queued.has(k)) {
      queued.add(k);
      missing.push(i);
    }
  });
  const counters = { sent: 0, embedded: 0, failed: 0 };
  const fleet = fleetFor('embed', o);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < missing.length) {
      const batch = missing.slice(next, (next += o.batchSize));
      counters.sent++;
      try {
        const got = await embedBatch(fleet, o.model, batch.map((i) => texts[i]));
        const batchKeys = batch.map((i) => keys[i]);
        cache.append(batchKeys, got);
        batchKeys.forEach((k, j) => vectors.set(k, got[j]));
        counters.embedded += batch.length;
      } catch (e) {
        counters.failed += batch.length;
        o.log?.(`embed: batch of ${batch.length} failed: ${(e as Error).message}`);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  } finally {
    cache.close();
    await fleet.close();
  }
  const summaryBase = { records: records.length, benchmark_items: bench.length, texts: queued.size + cached, cached, embedded: counters.embedded, failed: counters.failed, requests_sent: counters.sent };
  if (counters.failed > 0) {
    // No partial report: the pairs would depend on which requests failed. A re-run resumes.
    return { ...summaryBase, duplicate: 0, sibling: 0, contamination: 0, wall_s: (performance.now() - t0) / 1000, shards: [] };
  }

  // 2. Neighbours: records against benchmark items, records against records.
  const dims = new Set([...vectors.values()].map((v) => v.length));
  if (dims.size > 1) throw new UsageError(`the cache holds vectors of ${[...dims].join(' and ')} dimensions for model ${o.model}: delete ${join(outDir, 'cache')} and re-run`);
  const dim = dims.size ? [...dims][0] : 0;
  const recVecs = new UnitVectors(records.map((r, i) => vectors.get(keys[i])!), dim);
  const benchVecs = new UnitVectors(bench.map((_, j) => vectors.get(keys[records.length + j])!), dim);
  const rows: PairRow[] = [];
  const search = { threshold: o.threshold, exactPairs: o.exactPairs };
  for (const n of nearest(recVecs, benchVecs, { ...search, k: 1 })) {
    const r = records[n.query];
    const b = bench[n.item];
    rows.push({ kind: 'contamination', id: r.id, source: r.source, other: b.item, other_source: b.benchmark, similarity: n.similarity, relation: 'embedding', evidence: 'embedding', cluster: null });
  }
  const uf = new UnionFind(records.length);
  const pairs: { a: number; b: number; similarity: number; relation: string; duplicate: boolean }[] = [];
  const seen = new Set<string>();
  for (const n of nearest(recVecs, recVecs, { ...search, k: o.k, self: true })) {
    const [a, b] = n.query < n.item ? [n.query, n.item] : [n.item, n.query];
    if (seen.has(`${a},${b}`)) continue;
    seen.add(`${a},${b}`);
    // The dedup stage's rule with the Jaccard gate open: the embedding found the pair.
    const { relation } = pairRelation(records[a], records[b], { ...dedup, near_dup_threshold: 0 }, o.equivalent);
    const duplicate = relation === 'exact' || relation === 'near';
    if (duplicate) uf.union(a, b);
    pairs.push({ a, b, similarity: n.similarity, relation, duplicate });
  }
  for (const p of pairs) {
    const ra = records[p.a];
    const rb = records[p.b];
    rows.push({
      kind: p.duplicate ? 'duplicate' : 'sibling',
      id: ra.id,
      source: ra.source,
      other: rb.id,
      other_source: rb.source,
      similarity: p.similarity,
      relation: p.relation,
      evidence: null,
      cluster: p.duplicate ? records[uf.find(p.a)].id : null,
    });
  }
  const order = { contamination: 0, duplicate: 1, sibling: 2 };
  rows.sort((x, y) => order[x.kind] - order[y.kind] || cmp(x.id, y.id) || cmp(x.other_source, y.other_source) || cmp(x.other, y.other));

  // 3. Outputs: Parquet of the pairs, a manifest of what decides them (bytes fixed by the cache
  // and settings) and stats.json of this run's traffic and timing.
  await mkdir(outDir, { recursive: true });
  for (const f of await readdir(outDir)) if (/^part-\d+\.parquet$/.test(f)) await rm(join(outDir, f));
  const writer = new ParquetShardWriter(outDir, EMBED_COLUMNS, 1_000_000);
  for (const r of rows) await writer.write({ ...r });
  const shards = await writer.close();
  const count = (k: PairRow['kind']) => rows.filter((r) => r.kind === k).length;
  const summary: EmbedSummary = { ...summaryBase, duplicate: count('duplicate'), sibling: count('sibling'), contamination: count('contamination'), wall_s: (performance.now() - t0) / 1000, shards };
  const clusters = new Set(rows.filter((r) => r.cluster).map((r) => r.cluster)).size;
  const manifest = {
    tool_version: TOOL_VERSION,
    model: o.model,
    dimensions: dim,
    threshold: o.threshold,
    k: o.k,
    search: {
      benchmarks: usesExactScan(recVecs, benchVecs, o) ? 'exact' : 'hnsw',
      records: usesExactScan(recVecs, recVecs, o) ? 'exact' : 'hnsw',
    },
    records: records.length,
    benchmark_items: bench.length,
    pairs: { contamination: summary.contamination, duplicate: summary.duplicate, sibling: summary.sibling },
    duplicate_clusters: clusters,
    records_in_duplicate_clusters: rows.length ? new Set(rows.filter((r) => r.cluster).flatMap((r) => [r.id, r.other])).size : 0,
    shards,
  };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const textOf = new Map<string, string>([...records.map((r) => [r.id, r.problem] as const), ...bench.map((b) => [`${b.benchmark}\x1f${b.item}`, b.problem] as const)]);
  const readable = rows.map((r) => ({ ...r, text: textOf.get(r.id) ?? '', otherText: textOf.get(r.kind === 'contamination' ? `${r.other_source}\x1f${r.other}` : r.other) ?? '' }));
  await writeFile(join(outDir, 'pairs.md'), pairsReport(o.model, o.threshold, readable));
  await writeFile(
    join(outDir, 'stats.json'),
    JSON.stringify({ wall_s: summary.wall_s, requests_sent: counters.sent, retries: fleet.retries, cached, embedded: counters.embedded, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2) + '\n',
  );
  return summary;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
