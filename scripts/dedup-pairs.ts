/**
 * Collects candidate pairs for the hand-labelled dedup pair set from a finished run
 * (`bigmath run ... --out DIR` over the shared data), so duplicate / sibling / different can be
 * labelled by reading each pair.
 *
 *   node scripts/dedup-pairs.ts DIR --out pairs.jsonl [--per-origin 80] [--seed 1]
 *
 * Origins (each pair is listed once, under its first origin in this order):
 *   conflict   a record rejected as answer_conflict with the record its evidence names
 *   near       a near_duplicate with the record it was joined to (evidence) or kept in favour of
 *   exact      an exact_duplicate with its kept copy
 *   sibling    Jaccard >= threshold, kept apart by the template-sibling rule (value replaced)
 *   band       Jaccard in [threshold - 0.2, threshold): just below the near-duplicate threshold
 * Pairs are found among all records (candidates: any shared 3-row band of a 40-band MinHash, so
 * pairs at Jaccard 0.5 are found with probability 0.995), then scored by exact shingle Jaccard.
 * The split (`tune` / `test`) is a fixed hash of the two ids: murmur3 < 0.4 * 2^32 is `test`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { withOutputs } from '../pipeline/audit/outputs.ts';
import { MinHasher } from '../pipeline/dedup/minhash.ts';
import { mulberry32, murmur3String } from '../pipeline/dedup/murmur3.ts';
import { normalizeProblem } from '../pipeline/dedup/normalize.ts';
import { jaccard, shingleSet } from '../pipeline/dedup/shingles.ts';
import { isTemplateSibling, valueTokens } from '../pipeline/dedup/template-siblings.ts';
import { DedupConfigSchema } from '../schemas/config.ts';

interface Rec {
  id: string;
  source: string;
  problem: string;
  answer: string | null;
  reason: string | null;
  evidence: string | null;
  duplicate_of: string | null;
}

export interface CandidatePair {
  pair: string;
  split: 'tune' | 'test';
  origin: 'conflict' | 'near' | 'exact' | 'sibling' | 'band';
  jaccard: number;
  a: { id: string; source: string; problem: string; answer: string | null; reason: string | null };
  b: { id: string; source: string; problem: string; answer: string | null; reason: string | null };
}

/** Fixed-hash split of a pair: 40% `test`. */
export function pairSplit(idA: string, idB: string): 'tune' | 'test' {
  const [x, y] = idA < idB ? [idA, idB] : [idB, idA];
  return murmur3String(`${x}|${y}`, 0x51ab1e) < 0.4 * 4294967296 ? 'test' : 'tune';
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, 'per-origin': { type: 'string', default: '80' }, seed: { type: 'string', default: '1' } },
  });
  const dir = positionals[0];
  if (!dir || !values.out) throw new Error('usage: node scripts/dedup-pairs.ts DIR --out pairs.jsonl');
  const perOrigin = Number(values['per-origin']);
  const cfg = DedupConfigSchema.parse({});
  const recs = await withOutputs(dir, (o) =>
    o.query<Rec>('SELECT id, source, problem, answer, reason, evidence, duplicate_of FROM records ORDER BY id'),
  );
  const byId = new Map(recs.map((r) => [r.id, r]));
  const norm = recs.map((r) => normalizeProblem(r.problem));
  const sets = norm.map((t) => shingleSet(t, { wordNgram: cfg.word_ngram, charNgram: cfg.char_ngram }));
  const vals = recs.map((r, i) => valueTokens(norm[i], r.problem));

  // Candidates: records sharing any 3-row band of a 120-value signature.
  const hasher = new MinHasher(120, 1);
  const bands = new Uint32Array(40);
  const buckets = new Map<string, number[]>();
  recs.forEach((_, i) => {
    MinHasher.bandHashes(hasher.signature(sets[i]), 40, 3, bands, 0);
    for (let k = 0; k < 40; k++) {
      const key = `${k}:${bands[k]}`;
      const b = buckets.get(key);
      if (b) b.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<string>();
  const scored: { i: number; j: number; J: number }[] = [];
  for (const members of buckets.values()) {
    if (members.length < 2 || members.length > 200) continue;
    for (let p = 0; p < members.length; p++) {
      for (let q = p + 1; q < members.length; q++) {
        const key = `${members[p]},${members[q]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const J = jaccard(sets[members[p]], sets[members[q]]);
        if (J >= cfg.near_dup_threshold - 0.2) scored.push({ i: members[p], j: members[q], J });
      }
    }
  }
  const index = new Map(recs.map((r, i) => [r.id, i]));
  const byOrigin = new Map<CandidatePair['origin'], [number, number][]>([
    ['conflict', []],
    ['near', []],
    ['exact', []],
    ['sibling', []],
    ['band', []],
  ]);
  const partnerOf = (r: Rec): string | null => {
    const m = /\(([0-9a-f]{16})\)|with ([0-9a-f]{16})|as ([0-9a-f]{16})/.exec(r.evidence ?? '');
    return m ? (m[1] ?? m[2] ?? m[3]) : r.duplicate_of;
  };
  recs.forEach((r, i) => {
    const origin = r.reason === 'answer_conflict' ? 'conflict' : r.reason === 'near_duplicate' ? 'near' : r.reason === 'exact_duplicate' ? 'exact' : null;
    if (!origin) return;
    const other = partnerOf(r);
    if (other && index.has(other)) byOrigin.get(origin)!.push([i, index.get(other)!]);
  });
  for (const { i, j, J } of scored) {
    if (J >= cfg.near_dup_threshold && isTemplateSibling(vals[i], vals[j])) byOrigin.get('sibling')!.push([i, j]);
    else if (J < cfg.near_dup_threshold) byOrigin.get('band')!.push([i, j]);
  }
  const rand = mulberry32(Number(values.seed));
  const taken = new Set<string>();
  const out: CandidatePair[] = [];
  for (const [origin, list] of byOrigin) {
    // conflicts: every one (the case the issue is about); others: a seeded sample
    const shuffled = list.map((p) => ({ p, k: rand() })).sort((x, y) => x.k - y.k).map((x) => x.p);
    let n = 0;
    for (const [i, j] of shuffled) {
      if (origin !== 'conflict' && n >= perOrigin) break;
      const [x, y] = recs[i].id < recs[j].id ? [i, j] : [j, i];
      const key = `${recs[x].id}|${recs[y].id}`;
      if (taken.has(key)) continue;
      taken.add(key);
      n++;
      const side = (k: number) => ({ id: recs[k].id, source: recs[k].source, problem: recs[k].problem, answer: recs[k].answer, reason: recs[k].reason });
      out.push({ pair: key, split: pairSplit(recs[x].id, recs[y].id), origin, jaccard: Math.round(jaccard(sets[x], sets[y]) * 1000) / 1000, a: side(x), b: side(y) });
    }
  }
  void byId;
  writeFileSync(values.out, out.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const count = (o: string) => out.filter((p) => p.origin === o).length;
  console.log(`${out.length} pairs (${[...byOrigin.keys()].map((o) => `${o} ${count(o)}`).join(', ')}; test ${out.filter((p) => p.split === 'test').length}) -> ${values.out}`);
  console.log(`available: ${[...byOrigin].map(([o, l]) => `${o} ${l.length}`).join(', ')}`);
}

await main();
