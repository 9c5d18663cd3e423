/**
 * Dedup throughput and memory on synthetic records.
 *
 *   node scripts/bench-dedup.ts [--n 1500000] [--sig-only] [--lsh-threads N]
 *
 * Texts are generated from the record index (so the stream never holds them all): ~40 words
 * from a 6,000-word vocabulary with numbers and a LaTeX fragment, ~260 characters, like a
 * typical competition problem. Every 20th record is an exact copy of its predecessor, every
 * 20th+1 a near copy (one word changed), every 20th+2 a template sibling (a number changed).
 * Prints MinHash signatures/s on one core (shingling + signature, and the full pass-1 record
 * cost), the dedup stage's wall time per pass, and peak RSS (process maxRSS) minus the
 * baseline before the stage. LSH runs on as many threads as the pipeline's would on this machine
 * (`--lsh-threads` sets it).
 */
import { availableParallelism } from 'node:os';
import { dedup, lshThreadCount, type DedupInput } from '../pipeline/dedup/dedup.ts';
import { MinHasher } from '../pipeline/dedup/minhash.ts';
import { mulberry32 } from '../pipeline/dedup/murmur3.ts';
import { normalizeProblem } from '../pipeline/dedup/normalize.ts';
import { shingleSet } from '../pipeline/dedup/shingles.ts';
import { DedupConfigSchema } from '../schemas/config.ts';

const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : def;
};
const N = Number(arg('--n', '1500000'));
const lshThreads = Number(arg('--lsh-threads', String(lshThreadCount(availableParallelism(), N))));

const SYL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'po', 'qua', 'der', 'ing', 'ter', 'on', 'al'];
const VOCAB: string[] = [];
{
  const r = mulberry32(3);
  for (let i = 0; i < 6000; i++) {
    let w = '';
    const len = 1 + (r() % 3);
    for (let k = 0; k < len; k++) w += SYL[r() % SYL.length];
    VOCAB.push(w);
  }
}
const MATH = ['$x^2+3x-4=0$', '$\\frac{a}{b}$', '$\\sqrt{n}$', '$f(x)=2x+1$', '$\\angle ABC$', '$a_n$'];

function baseText(seed: number, bump = -1): string {
  const r = mulberry32(seed * 2654435761);
  const words: string[] = [];
  const len = 32 + (r() % 16);
  for (let k = 0; k < len; k++) {
    const x = r() % 100;
    if (x < 8) words.push(String(r() % 1000));
    else if (x < 11) words.push(MATH[r() % MATH.length]);
    else words.push(VOCAB[r() % VOCAB.length]);
  }
  if (bump >= 0) {
    const nums = words.flatMap((w, k) => (/^\d+$/.test(w) ? [k] : []));
    if (nums.length > 0) words[nums[bump % nums.length]] = String(Number(words[nums[bump % nums.length]]) + 1);
    else words.push('17');
  }
  return `${words.join(' ')}?`;
}

function textOf(i: number): string {
  const m = i % 20;
  if (m === 1) return baseText(i - 1); // exact copy
  if (m === 2) {
    const w = baseText(i - 2).split(' ');
    w[5] = 'changed';
    return w.join(' '); // near copy
  }
  if (m === 3) return baseText(i - 3, 0); // template sibling
  return baseText(i);
}

function* records(n: number): Generator<DedupInput> {
  for (let i = 0; i < n; i++) {
    yield { index: i, id: `r${i.toString(36).padStart(5, '0')}`, source: i % 3 ? 'numinamath' : 'math', subset: null, problem: textOf(i), answer: String(i % 20 === 2 ? i - 2 : i % 20 === 1 ? i - 1 : i), answer_canonical: null, eligible: true };
  }
}

const cfg = DedupConfigSchema.parse({});
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

// 1. Signatures per second on one core (this thread), 50k records.
{
  const texts = Array.from({ length: 50_000 }, (_x, i) => normalizeProblem(textOf(i)));
  const h = new MinHasher(cfg.num_perm, cfg.seed);
  const sets = texts.map((t) => shingleSet(t, { wordNgram: cfg.word_ngram, charNgram: cfg.char_ngram }));
  // Rates per CPU second of this thread (process.cpuUsage), so a busy shared machine does not
  // distort the per-core figure; wall-clock rates are printed too.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let t = performance.now();
  let c = cpu();
  for (const s of sets) h.signature(s);
  const sigOnly = (sets.length / (cpu() - c)) * 1000;
  const sigOnlyWall = (sets.length / (performance.now() - t)) * 1000;
  const avg = sets.reduce((a, s) => a + s.length, 0) / sets.length;
  t = performance.now();
  c = cpu();
  for (let i = 0; i < 50_000; i++) {
    const s = shingleSet(normalizeProblem(textOf(i)), { wordNgram: cfg.word_ngram, charNgram: cfg.char_ngram });
    h.signature(s);
  }
  const full = (50_000 / (cpu() - c)) * 1000;
  const fullWall = (50_000 / (performance.now() - t)) * 1000;
  console.log(
    `signatures per CPU-second (${cfg.num_perm} values, avg ${avg.toFixed(0)} shingles): MinHash alone ${sigOnly.toFixed(0)} (wall ${sigOnlyWall.toFixed(0)}/s); ` +
      `generate+normalise+shingle+MinHash ${full.toFixed(0)} (wall ${fullWall.toFixed(0)}/s)`,
  );
}
if (args.includes('--sig-only')) process.exit(0);

// 2. The dedup stage on N records.
if (global.gc) global.gc();
const base = process.memoryUsage().rss;
const baseMax = process.resourceUsage().maxRSS * 1024;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const decisions = await dedup(
  async function* () {
    yield* records(N);
  },
  N,
  cfg,
  (a, b) => a === b,
  { onStats: (s) => console.log('stats', JSON.stringify(s)), lshThreads },
);
const wall = performance.now() - t0;
const cpuUsed = process.cpuUsage(cpu0);
const peak = process.resourceUsage().maxRSS * 1024;
const removed = decisions.filter((d) => d.reason !== null).length;
const byReason: Record<string, number> = {};
for (const d of decisions) if (d.reason) byReason[d.reason] = (byReason[d.reason] ?? 0) + 1;
console.log(`dedup of ${N} records (LSH on ${lshThreads} threads): ${(wall / 1000).toFixed(1)} s wall, ${((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(1)} s CPU, removed ${removed} ${JSON.stringify(byReason)}`);
console.log(`RSS before ${mb(base)} (max so far ${mb(baseMax)}), peak RSS ${mb(peak)}, stage peak ~${mb(peak - base)}; heap now ${mb(process.memoryUsage().heapUsed)}`);
