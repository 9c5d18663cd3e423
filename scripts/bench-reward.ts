/**
 * The RL loop: `reward(gold, response)` over 10,000 whole model-style responses on one core, with the
 * checker's caches cleared first, as a trainer scoring fresh rollouts would see it. Responses are real
 * worked solutions (MATH-500, MATH, HARP, OpenMathInstruct, GSM8K); half are scored against their own
 * gold answer, half against another problem's, so both verdicts are exercised.
 * Usage: node scripts/bench-reward.ts [--n N] [--fixtures]   (--fixtures: ignore ../shared, as in a fresh clone)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearCheckerCaches, extractLastBoxed, reward } from '../checker/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'data');

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

interface Pair { gold: string; response: string }

function loadPairs(): { pairs: Pair[]; source: string } {
  const out: Pair[] = [];
  const add = (gold: unknown, response: unknown) => {
    if (typeof gold === 'string' && gold.trim() && typeof response === 'string' && response.trim()) out.push({ gold, response });
  };
  if (existsSync(shared) && !process.argv.includes('--fixtures')) {
    const at = (f: string) => join(shared, f);
    if (existsSync(at('benchmarks/math-500/test.jsonl'))) for (const r of readJsonl(at('benchmarks/math-500/test.jsonl'))) add(r.answer, r.solution);
    if (existsSync(at('sources/math/train.jsonl'))) {
      for (const r of readJsonl(at('sources/math/train.jsonl'))) add(extractLastBoxed(String(r.solution ?? '')), r.solution);
    }
    if (existsSync(at('sources/harp/HARP.jsonl'))) for (const r of readJsonl(at('sources/harp/HARP.jsonl'))) add(r.answer, r.solution_1);
    for (const f of ['sources/openmathinstruct-1/openmathinstruct1_100.jsonl', 'sources/openmathinstruct-2/openmathinstruct2_100.jsonl']) {
      if (existsSync(at(f))) for (const r of readJsonl(at(f))) add(r.expected_answer, r.generated_solution);
    }
    if (existsSync(at('benchmarks/gsm8k/test.jsonl'))) {
      for (const r of readJsonl(at('benchmarks/gsm8k/test.jsonl'))) add(String(r.answer ?? '').split('####')[1]?.trim(), r.answer);
    }
    if (out.length) return { pairs: out, source: '../shared/data' };
  }
  for (const r of readJsonl(join(root, 'tests', 'fixtures', 'checker', 'math-500.jsonl'))) add(r.answer, r.solution);
  return { pairs: out, source: 'tests/fixtures/checker' };
}

const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 10_000;
const { pairs: pool, source } = loadPairs();
// A fixed interleaving of sources (deterministic), each response once per run where the pool allows.
const calls: Pair[] = [];
for (let i = 0; calls.length < N; i++) {
  const p = pool[(i * 7919) % pool.length];
  const gold = i % 2 === 0 ? p.gold : pool[(i * 7919 + 104_729) % pool.length].gold;
  calls.push({ gold, response: p.response });
}
console.log(`reward bench: ${N} responses from ${source} (${pool.length} in the pool), node ${process.version}, one core, caches cleared`);

const RUNS = 3;
const rates: number[] = [];
let worstMs = 0;
let worstText = '';
for (let run = 0; run < RUNS; run++) {
  clearCheckerCaches();
  const lat = new Float64Array(calls.length);
  let equal = 0;
  const t0 = performance.now();
  for (let i = 0; i < calls.length; i++) {
    const t = performance.now();
    if (reward(calls[i].gold, calls[i].response).equal) equal++;
    lat[i] = performance.now() - t;
  }
  const ms = performance.now() - t0;
  const sorted = Float64Array.from(lat).sort();
  const rate = Math.round((calls.length / ms) * 1000);
  rates.push(rate);
  let w = 0;
  for (let i = 1; i < lat.length; i++) if (lat[i] > lat[w]) w = i;
  // Re-time the slowest call with cold caches: a GC pause or descheduling is not the input's doing.
  clearCheckerCaches();
  let best = Infinity;
  for (let k = 0; k < 3; k++) { const t = performance.now(); reward(calls[w].gold, calls[w].response); best = Math.min(best, performance.now() - t); clearCheckerCaches(); }
  if (best > worstMs) { worstMs = best; worstText = calls[w].response.slice(-80).replace(/\s+/g, ' '); }
  console.log(`run ${run + 1}: ${rate.toLocaleString('en-US')}/s  p50=${(sorted[sorted.length >> 1] * 1000).toFixed(1)}µs  `
    + `p99=${(sorted[Math.floor(sorted.length * 0.99)] * 1000).toFixed(1)}µs  max=${sorted[sorted.length - 1].toFixed(2)}ms `
    + `(re-timed ${best.toFixed(2)}ms)  ${equal} rewarded`);
}
rates.sort((a, b) => a - b);
console.log(`median of ${RUNS} runs: ${rates[RUNS >> 1].toLocaleString('en-US')} rewards/s; slowest call re-timed ${worstMs.toFixed(2)}ms (…${worstText})`);
