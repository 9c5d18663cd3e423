import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dedupFacts } from '../../../pipeline/dedup/facts.ts';
import { encodeDedupFacts, readDedupFacts } from '../../../pipeline/dedup/facts-file.ts';
import { describe, expect, it } from 'vitest';
import { dedup, dedupSummary, type DedupInput, type DedupStats } from '../../../pipeline/dedup/dedup.ts';
import { DedupConfigSchema } from '../../../schemas/config.ts';
import { evaluate, simpleEquivalent, type EvalRow } from '../../../scripts/eval-dedup.ts';

const cfg = DedupConfigSchema.parse({});
const eq = (a: string, b: string) => a.trim() === b.trim();

function rec(index: number, id: string, source: string, problem: string, answer: string | null, extra: Partial<DedupInput> = {}): DedupInput {
  return { index, id, source, subset: null, problem, answer, answer_canonical: answer, eligible: true, ...extra };
}

function streamOf(rows: DedupInput[]) {
  return async function* () {
    yield* rows;
  };
}

/** The rows' dedup facts in two binary files, split after the third row, as two read tasks would write them. */
function factsFilesOf(rows: DedupInput[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dedup-facts-'));
  const files = [join(dir, 'a.bin'), join(dir, 'b.bin')];
  const facts = rows.map((r) => dedupFacts(r.problem!, cfg));
  writeFileSync(files[0], encodeDedupFacts(facts.slice(0, 3)));
  writeFileSync(files[1], encodeDedupFacts(facts.slice(3)));
  return files;
}

const TRAIN = 'A train leaves the station at noon and travels at a constant speed of 60 miles per hour. How many miles has the train travelled by three o\'clock in the afternoon?';

describe('dedup', () => {
  const rows = [
    rec(0, 'n1', 'numinamath', 'What is $\\dfrac{1}{2}+\\frac{1}{3}$?', '5/6'),
    rec(1, 'm1', 'math', 'What is \\(\\frac{1}{2} + \\frac{1}{3}\\)', '5/6'),
    rec(2, 'o1', 'openmathinstruct2', TRAIN, '180'),
    rec(3, 'h1', 'harp', TRAIN.replace('travelled', 'traveled'), '180'),
    rec(4, 'x1', 'omni_math', TRAIN.replace('60 miles', '45 miles'), '135'),
    rec(5, 's1', 'numinamath', 'Compute $2^{10}$.', '1024'),
    rec(6, 's2', 'numinamath', 'Compute $2^{10}$', '1000'),
    rec(7, 'i1', 'math', 'Find the number of positive divisors of 3600.', '45', { eligible: false }),
    rec(8, 'i2', 'harp', 'Find the number of positive divisors of 3600', '45', { eligible: false }),
  ];

  it('removes exact and near duplicates, keeps template siblings, flags conflicts', async () => {
    let stats: DedupStats | undefined;
    const d = await dedup(streamOf(rows), rows.length, cfg, eq, { onStats: (s) => (stats = s) });
    expect(d.map((x) => x.index)).toEqual(rows.map((r) => r.index));
    // exact copy after normalisation, keeper by source priority (math before numinamath)
    expect(d[0]).toMatchObject({ reason: 'exact_duplicate', duplicate_of: 'm1', dup_cluster: 'm1', dup_cluster_size: 2 });
    expect(d[1]).toMatchObject({ reason: null, dup_cluster: 'm1' });
    // near duplicate, harp kept over openmathinstruct2
    expect(d[2].reason).toBe('near_duplicate');
    expect(d[2].duplicate_of).toBe('h1');
    expect(d[2].evidence).toMatch(/^Jaccard 0\.\d\d with h1$/);
    expect(d[2].jaccard).toBeGreaterThanOrEqual(0.8);
    // the 45-miles sibling is another problem
    expect(d[4]).toMatchObject({ reason: null, dup_cluster: null, dup_cluster_size: 1 });
    expect(stats!.siblingPairs).toBeGreaterThan(0);
    // conflicting answers on the same text: two members, no majority -> both dropped
    expect([d[5].reason, d[6].reason]).toEqual(['answer_conflict', 'answer_conflict']);
    // no eligible member: cluster info, no reasons
    expect(d[7]).toMatchObject({ reason: null, dup_cluster: 'i1', dup_cluster_size: 2, duplicate_of: null });
    expect(d[8]).toMatchObject({ reason: null, dup_cluster: 'i1' });

    const s = dedupSummary(d, (i) => rows[i].source);
    expect(s.clusters).toBe(4);
    expect(s.clusters_by_size).toEqual({ '2': 4 });
    expect(s.overlap.math.numinamath).toBe(1);
    expect(s.overlap.numinamath.numinamath).toBe(1);
    expect(s.overlap.harp.openmathinstruct2).toBe(1);
    expect(s.removed_by_reason).toEqual({ exact_duplicate: 1, near_duplicate: 1, answer_conflict: 2 });
  });

  // a second near-duplicate pair (a word changed, no value), so confirmation has two left records
  const MARBLES = 'A bag holds only red and blue marbles. The ratio of red marbles to blue marbles is 3 to 4, and there are 28 marbles in all. How many red marbles are in the bag?';
  const more = [...rows, rec(9, 'p1', 'math', MARBLES, '12'), rec(10, 'p2', 'harp', MARBLES.replace('in all', 'altogether'), '12')];

  it('gives the same decisions with a tiny confirmation budget (many passes)', async () => {
    const a = await dedup(streamOf(more), more.length, cfg, eq);
    expect(a[9].dup_cluster).toBe('p1');
    let passes = 0;
    const b = await dedup(streamOf(more), more.length, { ...cfg, confirm_memory_mb: 1e-6 }, eq, { onStats: (s) => (passes = s.confirm.passes) });
    expect(b).toEqual(a);
    expect(passes).toBeGreaterThan(1);
  });

  it('gives the same decisions from precomputed facts read back from the binary files', async () => {
    const a = await dedup(streamOf(more), more.length, cfg, eq);
    const files = factsFilesOf(more);
    let passes = 0;
    const features = () => {
      passes++;
      return readDedupFacts(files);
    };
    const withoutText = more.map(({ problem: _, ...r }) => r);
    const b = await dedup(streamOf(withoutText), more.length, { ...cfg, confirm_memory_mb: 1e-6 }, eq, { features });
    expect(b).toEqual(a);
    expect(passes).toBeGreaterThan(2); // pass 1 and several confirmation passes
  });

  it('gives the same decisions when passes read only the records they want (features and select)', async () => {
    const a = await dedup(streamOf(more), more.length, cfg, eq);
    const files = factsFilesOf(more);
    const withoutText = more.map(({ problem: _, ...r }) => r);
    const selected: number[] = [];
    const select = async function* (wanted: Uint8Array) {
      const batch = withoutText.filter((r) => wanted[r.index]);
      selected.push(...batch.map((r) => r.index));
      yield batch;
    };
    const features = (wanted?: Uint8Array) => readDedupFacts(files, wanted);
    const b = await dedup(streamOf([]), more.length, { ...cfg, confirm_memory_mb: 1e-6 }, eq, { features, select });
    expect(b).toEqual(a);
    // pass 3 asked for the clustered records only, and dedup took each exactly once
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.length).toBeLessThan(more.length);
    expect(new Set(selected)).toEqual(new Set(a.filter((d) => d.dup_cluster !== null).map((d) => d.index)));
    // a selection that gives a record not asked for is an error, not a silent extra
    const sloppy = async function* () {
      yield withoutText;
    };
    await expect(dedup(streamOf([]), more.length, cfg, eq, { features, select: sloppy })).rejects.toThrow(/not wanted or twice/);
  });

  it('decodes only the wanted entries of the binary files, with their indexes, and stops after the last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedup-facts-'));
    const files = [join(dir, 'a.bin'), join(dir, 'b.bin'), join(dir, 'missing.bin')];
    const entries = Array.from({ length: 7 }, (_, k) => ({ ...dedupFacts(`What is ${k} + ${k}?`, cfg), hi: 100 + k }));
    writeFileSync(files[0], encodeDedupFacts(entries.slice(0, 4)));
    writeFileSync(files[1], encodeDedupFacts(entries.slice(4)));
    const wanted = new Uint8Array(7);
    wanted[1] = wanted[4] = wanted[5] = 1;
    const got: [number, number][] = [];
    // the third file does not exist: reading past the last wanted entry would throw
    for await (const batch of readDedupFacts(files, wanted)) for (const f of batch) got.push([f.index, f.hi]);
    expect(got).toEqual([[1, 101], [4, 104], [5, 105]]);
    const all: number[] = [];
    for await (const batch of readDedupFacts(files.slice(0, 2))) for (const f of batch) all.push(f.index);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reads back entries that straddle its read buffer, and entries larger than it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedup-facts-'));
    const base = dedupFacts('What is the sum of the first 100 positive integers?', cfg);
    // ~12 MB of 4 KB entries (crossing the 8 MB buffer mid-entry), then one 40 MB entry
    const entries = Array.from({ length: 3000 }, (_, k) => ({ ...base, hi: k, set: new Uint32Array(1000).fill(k) }));
    entries.push({ ...base, hi: 3000, set: new Uint32Array(10_000_000).fill(7) });
    const file = join(dir, 'big.bin');
    writeFileSync(file, encodeDedupFacts(entries));
    let k = 0;
    for await (const batch of readDedupFacts([file])) {
      for (const f of batch) {
        expect(f.hi).toBe(k);
        expect(f.set.length).toBe(entries[k].set.length);
        expect(f.set[f.set.length - 1]).toBe(entries[k].set[0]);
        expect(Array.from(f.sketch)).toEqual(Array.from(base.sketch));
        k++;
      }
    }
    expect(k).toBe(3001);
  });

  it('works with a signature length that is not a multiple of four', async () => {
    const odd = { ...cfg, num_perm: 121 };
    const d = await dedup(streamOf(more), more.length, odd, eq);
    expect(d[2].duplicate_of).toBe('h1');
    expect(d[9].dup_cluster).toBe('p1');
    expect(d[4].dup_cluster).toBeNull();
  });

  it('rejects a truncated or corrupt dedup facts file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedup-facts-'));
    const bytes = encodeDedupFacts([dedupFacts('What is 1+1?', cfg), dedupFacts('What is 2+2?', cfg)]);
    const cut = join(dir, 'cut.bin');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 8));
    const read = async (p: string) => {
      for await (const _ of readDedupFacts([p]));
    };
    await expect(read(cut)).rejects.toThrow(/ends inside an entry/);
    const bad = join(dir, 'bad.bin');
    const copy = bytes.slice();
    new Uint32Array(copy.buffer)[5] += 1; // set size no longer adds up
    writeFileSync(bad, copy);
    await expect(read(bad)).rejects.toThrow(/corrupt/);
  });

  it('rejects out-of-order streams and bad banding', async () => {
    const shuffled = [rows[1], rows[0]];
    await expect(dedup(streamOf(shuffled), 2, cfg, eq)).rejects.toThrow(/out of order/);
    await expect(dedup(streamOf(rows), rows.length, { ...cfg, bands: 30, rows: 6 }, eq)).rejects.toThrow(/num_perm/);
  });

  it('returns singletons when disabled', async () => {
    const d = await dedup(streamOf(rows), rows.length, { ...cfg, enabled: false }, eq);
    expect(d.every((x) => x.reason === null && x.dup_cluster_size === 1)).toBe(true);
  });
});

describe('planted duplicates from real rows (tests/fixtures/dedup/planted-small.jsonl)', () => {
  const plantedRows = () =>
    readFileSync(new URL('../../fixtures/dedup/planted-small.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l, i) => ({ ...(JSON.parse(l) as EvalRow), index: i }));

  it('recall >= 0.95 at Jaccard >= 0.8, precision >= 0.99, siblings kept', async () => {
    const rows = plantedRows();
    const decisions = await dedup(streamOf(rows), rows.length, cfg, simpleEquivalent);
    const f = evaluate(rows, decisions);
    expect(f.pairsAt08).toBeGreaterThan(100);
    expect(f.recallAt08).toBeGreaterThanOrEqual(0.95);
    expect(f.precision).toBeGreaterThanOrEqual(0.99);
    expect(f.siblings).toBeGreaterThan(30);
    expect(f.siblingsRemoved).toBe(0);
  });

  it('LSH on two threads gives the same decisions and counts as on one', async () => {
    const rows = plantedRows();
    const run = async (lshThreads: number) => {
      let stats: DedupStats | undefined;
      const decisions = await dedup(streamOf(rows), rows.length, cfg, simpleEquivalent, { onStats: (s) => (stats = s), lshThreads });
      return { decisions, stats: { ...stats!, ms: null } };
    };
    const one = await run(1);
    expect(one.stats.siblingPairs).toBeGreaterThan(0);
    expect(await run(2)).toEqual(one);
  });
});
