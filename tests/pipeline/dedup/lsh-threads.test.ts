import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { candidateFilter, type FilterArrays } from '../../../pipeline/dedup/candidate-filter.ts';
import { dedupFacts } from '../../../pipeline/dedup/facts.ts';
import { candidatePairs, pairsInBands } from '../../../pipeline/dedup/lsh.ts';
import { candidatePairsOnThreads, lshThreadCount, LSH_THREADS_MIN_RECORDS, startWorker, type LshJob } from '../../../pipeline/dedup/lsh-threads.ts';
import { PairBuffer } from '../../../pipeline/dedup/packed-sort.ts';
import { sharedUint32, sharedUint8 } from '../../../pipeline/dedup/shared-arrays.ts';
import { ValueStore } from '../../../pipeline/dedup/value-store.ts';
import { DedupConfigSchema, type DedupConfig } from '../../../schemas/config.ts';

// Real rows with planted exact copies, paraphrases and template siblings (see its README).
const problems = readFileSync(new URL('../../fixtures/dedup/planted-small.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { problem: string }).problem);

/** The dedup stage's LSH inputs for the fixture, every record taking part (exact copies too). */
function jobFor(cfg: DedupConfig, shared = true): LshJob {
  const n = problems.length;
  const u32 = shared ? sharedUint32 : (k: number) => new Uint32Array(k);
  const stride = (cfg.num_perm + 3) & ~3;
  const bandHashes = u32(n * cfg.bands);
  const setSize = u32(n);
  const sketches = shared ? sharedUint8(n * stride) : new Uint8Array(n * stride);
  const values = new ValueStore(n);
  problems.forEach((p, i) => {
    const f = dedupFacts(p, cfg);
    bandHashes.set(f.bands, i * cfg.bands);
    setSize[i] = f.set.length;
    sketches.set(f.sketch, i * stride);
    values.add(f.values);
  });
  values.trim();
  const members = u32(n);
  members.set(Array.from({ length: n }, (_x, i) => i));
  const filter: FilterArrays = { sketches, perm: cfg.num_perm, stride, setSize, floor: cfg.near_dup_threshold - cfg.sketch_margin, values: cfg.template_siblings ? values.arrays() : null };
  return { banding: { bandHashes, bands: cfg.bands, members, window: cfg.lsh_window, minBands: cfg.min_matching_bands }, filter };
}

const list = (p: PairBuffer) => Array.from({ length: p.length }, (_x, k) => [p.hi(k), p.lo(k)]);

/** The single-call result the threaded search must reproduce. */
function reference(job: LshJob) {
  const f = candidateFilter(job.filter);
  const { bandHashes, bands, members, window, minBands } = job.banding;
  const pairs = candidatePairs(bandHashes, bands, members, window, minBands, f.accept);
  return { pairs: list(pairs), siblingPairs: f.siblingPairs() };
}

const configs: [string, DedupConfig][] = [
  ['defaults', DedupConfigSchema.parse({})],
  ['one band, window 3, no sketch filter or sibling rule', DedupConfigSchema.parse({ min_matching_bands: 1, lsh_window: 3, sketch_margin: 0.8, template_siblings: false })],
];

describe.each(configs)('LSH on threads (%s)', (_name, cfg) => {
  const job = jobFor(cfg);
  const want = reference(job);

  it('finds pairs and siblings on the fixture', () => {
    expect(want.pairs.length).toBeGreaterThan(50);
    if (cfg.template_siblings) expect(want.siblingPairs).toBeGreaterThan(30);
  });

  it('gives the same pairs and sibling count on 1, 2 and 3 threads', async () => {
    for (const threads of [1, 2, 3]) {
      const got = await candidatePairsOnThreads(job, threads);
      expect({ pairs: list(got.pairs), siblingPairs: got.siblingPairs }).toEqual(want);
    }
  });

  it('a worker taking the last half of the bands and this thread the first give the same union', async () => {
    const half = cfg.bands >> 1;
    const claims = new Int32Array(new SharedArrayBuffer(8));
    claims[0] = half;
    const theirs = await startWorker({ job, claims, slot: 1 }).result;
    expect(claims[1]).toBe(1);
    const f = candidateFilter(job.filter);
    const pairs = new PairBuffer();
    pairsInBands(job.banding, Array.from({ length: half }, (_x, k) => k), f.accept, pairs);
    expect(theirs.pairs.length).toBeGreaterThan(0);
    pairs.pushAll(theirs.pairs);
    pairs.sort(true);
    expect({ pairs: list(pairs), siblingPairs: f.siblingPairs() + theirs.siblingPairs }).toEqual(want);
  });
});

describe('LSH on threads: inputs and thread count', () => {
  it('arrays that are not shared are copied to a worker, same result', async () => {
    const job = jobFor(DedupConfigSchema.parse({}), false);
    const theirs = await startWorker({ job, claims: new Int32Array(new SharedArrayBuffer(8)), slot: 1 }).result;
    const pairs = new PairBuffer();
    pairs.pushAll(theirs.pairs);
    pairs.sort(true);
    expect({ pairs: list(pairs), siblingPairs: theirs.siblingPairs }).toEqual(reference(job));
  });

  it('a failing worker rejects (the search throws, nothing hangs)', async () => {
    const broken = { banding: null, filter: null } as unknown as LshJob;
    await expect(startWorker({ job: broken, claims: new Int32Array(new SharedArrayBuffer(8)), slot: 1 }).result).rejects.toThrow();
  });

  it('one thread for small inputs or one allowed thread', () => {
    expect(lshThreadCount(2, LSH_THREADS_MIN_RECORDS - 1)).toBe(1);
    expect(lshThreadCount(2, LSH_THREADS_MIN_RECORDS)).toBe(2);
    expect(lshThreadCount(1, 10 * LSH_THREADS_MIN_RECORDS)).toBe(1);
    expect(lshThreadCount(0, 10 * LSH_THREADS_MIN_RECORDS)).toBe(1);
  });
});
