/**
 * Checker throughput on real answers: canonicalisations/s and comparisons/s on one core, latency
 * percentiles and the slowest single call. Reads ../shared/data when present, else tests/fixtures.
 * Usage: node scripts/bench-checker.ts [--limit N] [--fixtures]   (--fixtures: ignore ../shared, as in a fresh clone)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseUncached } from '../checker/parse.ts';
import { classifyParsed } from '../checker/classify.ts';
import { compareAnswers, DEFAULT_OPTIONS } from '../checker/compare.ts';
import { extractLastBoxed, isEquivalent } from '../checker/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'data');

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function loadAnswers(): { answers: string[]; source: string } {
  const out: string[] = [];
  if (existsSync(shared) && !process.argv.includes('--fixtures')) {
    for (const f of ['sources/math/train.jsonl', 'sources/math/test.jsonl']) {
      const p = join(shared, f);
      if (existsSync(p)) for (const r of readJsonl(p)) out.push(extractLastBoxed(String(r.solution ?? '')) ?? '');
    }
    for (const f of ['sources/harp/HARP.jsonl', 'sources/omni-math/omni_math_rule.jsonl', 'benchmarks/math-500/test.jsonl']) {
      const p = join(shared, f);
      if (existsSync(p)) for (const r of readJsonl(p)) out.push(String(r.answer ?? ''));
    }
    if (out.length) return { answers: out, source: '../shared/data' };
  }
  const fx = join(root, 'tests', 'fixtures', 'checker');
  for (const r of readJsonl(join(fx, 'math-500.jsonl'))) {
    out.push(String(r.answer ?? ''));
    out.push(extractLastBoxed(String(r.solution ?? '')) ?? '');
  }
  for (const r of readJsonl(join(fx, 'dev-cases.jsonl'))) if (r.shape === 'answer') out.push(String(r.gold), String(r.pred));
  return { answers: out, source: 'tests/fixtures/checker' };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * The slowest call is re-run a few times: on a shared machine one slow sample is often a GC pause or
 * the process being descheduled, and the re-timed value tells that apart from a slow input.
 */
function report(name: string, lat: Float64Array, totalMs: number, rerun: (i: number) => void): void {
  const s = Float64Array.from(lat).sort();
  let worst = 0;
  for (let i = 1; i < lat.length; i++) if (lat[i] > lat[worst]) worst = i;
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    rerun(worst);
    best = Math.min(best, performance.now() - t);
  }
  console.log(`${name.padEnd(16)} n=${lat.length}  ${Math.round((lat.length / totalMs) * 1000).toLocaleString('en-US')}/s  `
    + `p50=${(percentile(s, 0.5) * 1000).toFixed(1)}µs  p99=${(percentile(s, 0.99) * 1000).toFixed(1)}µs  max=${s[s.length - 1].toFixed(2)}ms  `
    + `(slowest call re-timed: ${best.toFixed(2)}ms)`);
}

const limitArg = process.argv.indexOf('--limit');
const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;
const { answers: all, source } = loadAnswers();
const answers = all.slice(0, limit);
console.log(`checker bench: ${answers.length} real answers from ${source}, node ${process.version}, one core`);

// 0. Cold pass: the first answers pay for JIT compilation; reported, then steady state is measured.
{
  const t0 = performance.now();
  for (const a of answers) classifyParsed(parseUncached(a));
  const ms = performance.now() - t0;
  console.log(`cold first pass  ${Math.round((answers.length / ms) * 1000).toLocaleString('en-US')}/s (includes JIT warm-up)`);
  for (let i = 0; i < Math.min(answers.length, 4000); i++) {
    const pa = parseUncached(answers[i]), pb = parseUncached(answers[(i * 7919 + 13) % answers.length]);
    compareAnswers(pa, pb, DEFAULT_OPTIONS);
  }
}

// 1. Canonicalisation, uncached (parse + classify + canonical string of each answer).
{
  const lat = new Float64Array(answers.length);
  const t0 = performance.now();
  for (let i = 0; i < answers.length; i++) {
    const t = performance.now();
    classifyParsed(parseUncached(answers[i]));
    lat[i] = performance.now() - t;
  }
  report('canonicalize', lat, performance.now() - t0, (i) => classifyParsed(parseUncached(answers[i])));
}

// 2. Comparisons, uncached: each answer against a re-written copy (true pairs) and a neighbour (mostly false pairs).
{
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    pairs.push([a, `$${a.replace(/\\frac/g, '\\dfrac')}$`]);
    pairs.push([a, answers[(i * 7919 + 13) % answers.length]]);
  }
  const lat = new Float64Array(pairs.length);
  let equal = 0;
  const t0 = performance.now();
  for (let i = 0; i < pairs.length; i++) {
    const t = performance.now();
    const pa = parseUncached(pairs[i][0]), pb = parseUncached(pairs[i][1]);
    const ca = classifyParsed(pa).canonical, cb = classifyParsed(pb).canonical;
    if ((ca !== null && ca === cb) || compareAnswers(pa, pb, DEFAULT_OPTIONS)) equal++;
    lat[i] = performance.now() - t;
  }
  report('compare', lat, performance.now() - t0, (i) => {
    const pa = parseUncached(pairs[i][0]), pb = parseUncached(pairs[i][1]);
    compareAnswers(pa, pb, DEFAULT_OPTIONS);
  });
  console.log(`                 (${equal} of ${pairs.length} pairs judged equal)`);
}

// 3. The public, cached entry point as dedup uses it.
{
  const lat = new Float64Array(answers.length);
  const t0 = performance.now();
  for (let i = 0; i < answers.length; i++) {
    const t = performance.now();
    isEquivalent(answers[i], answers[(i + 1) % answers.length]);
    lat[i] = performance.now() - t;
  }
  report('isEquivalent', lat, performance.now() - t0, (i) => isEquivalent(answers[i], answers[(i + 1) % answers.length]));
}
