/**
 * Evaluates dedup on a planted-duplicates set built deterministically from real rows of
 * /work/shared/data (MATH train+test, HARP, Omni-MATH, GSM8K train), and measures dedup and
 * decontamination on the real rows themselves.
 *
 *   node scripts/eval-dedup.ts                 # full planted set + real-data figures
 *   node scripts/eval-dedup.ts --bases 300 --write-fixture tests/fixtures/dedup/planted-small.jsonl
 *
 * Planted families (one per chosen base row, variant kind assigned round-robin):
 *   exact        the same text under another source label
 *   reformatted  `$..$`->`\(..\)`, `\frac`->`\dfrac`, `(`->`\left(`, extra spaces/newlines, capitalised
 *                first word, trailing full stop toggled
 *   para90/80/70 word-level edits of the prose (synonyms, filler words, deletions, swaps; never
 *                digits or math) until the measured shingle Jaccard drops just below 0.93/0.83/0.73;
 *                the measured value is recorded and pairs are scored by it
 *   sibling      the same text with one or two numbers changed: a different problem (must be kept)
 * Recall: planted pairs (Jaccard >= 0.8) whose two records share a cluster and one was removed.
 * Precision: removed records with another member of their cluster from the same family.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dedup, dedupSummary, type DedupDecision, type DedupInput } from '../pipeline/dedup/dedup.ts';
import { mulberry32 } from '../pipeline/dedup/murmur3.ts';
import { normalizeProblem } from '../pipeline/dedup/normalize.ts';
import { jaccard, shingleSet } from '../pipeline/dedup/shingles.ts';
import { ContaminationIndex, contaminationEvidence, defaultBenchmarkSpecs, loadBenchmarks } from '../pipeline/decontam/decontaminate.ts';
import { DedupConfigSchema, type DedupConfig } from '../schemas/config.ts';

const DATA = new URL('../../shared/data/sources', import.meta.url).pathname;

export interface EvalRow extends DedupInput {
  family: string; // base id for planted families; own id otherwise
  kind: 'background' | 'base' | 'exact' | 'reformatted' | 'para90' | 'para80' | 'para70' | 'sibling';
  pair_jaccard: number | null; // measured Jaccard with the base (planted copies)
  base_id: string | null; // the real row a planted row was made from
}

interface RealRow {
  id: string;
  source: string;
  subset: string | null;
  problem: string;
  answer: string | null;
}

function jsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function lastBoxed(s: string): string | null {
  const k = s.lastIndexOf('\\boxed');
  if (k < 0) return null;
  let i = s.indexOf('{', k);
  if (i < 0) return null;
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return s.slice(i + 1, j);
  }
  return null;
}

export function loadRealRows(): RealRow[] {
  const rows: RealRow[] = [];
  for (const split of ['train', 'test']) {
    jsonl(`${DATA}/math/${split}.jsonl`).forEach((r, k) =>
      rows.push({ id: `math-${split}-${k + 1}`, source: 'math', subset: String(r.type), problem: String(r.problem), answer: lastBoxed(String(r.solution)) }),
    );
  }
  jsonl(`${DATA}/harp/HARP.jsonl`).forEach((r) =>
    rows.push({ id: `harp-${r.year}/${r.contest}/${r.number}`, source: 'harp', subset: String(r.contest), problem: String(r.problem), answer: String(r.answer) }),
  );
  jsonl(`${DATA}/omni-math/omni_math_rule.jsonl`).forEach((r, k) =>
    rows.push({ id: `omni-${k + 1}`, source: 'omni_math', subset: String(r.source), problem: String(r.problem), answer: String(r.answer) }),
  );
  // GSM8K train stands in for NuminaMath's gsm8k subset (NuminaMath rows are not available).
  jsonl(`${DATA}/gsm8k/train.jsonl`).forEach((r, k) =>
    rows.push({ id: `gsm8k-train-${k + 1}`, source: 'numinamath', subset: 'gsm8k', problem: String(r.question), answer: String(r.answer).split('####').pop()!.trim() }),
  );
  return rows;
}

const SHINGLES = { wordNgram: 3, charNgram: 5 };
const SYNONYMS: Record<string, string> = {
  find: 'determine', compute: 'calculate', what: 'which', number: 'count', many: 'numerous', value: 'amount',
  each: 'every', total: 'overall', integer: 'whole number', positive: 'strictly positive', sum: 'total',
  such: 'so', that: 'which', given: 'provided', if: 'when', has: 'possesses', are: 'be', is: 'equals',
  the: 'this', of: 'for', and: 'plus', how: 'in what way', let: 'suppose', there: 'here', all: 'every one of',
  with: 'having', in: 'within', to: 'towards', for: 'regarding', a: 'one', an: 'one', be: 'become',
};
const FILLERS = ['then', 'also', 'exactly', 'now', 'please', 'here', 'indeed', 'simply'];

/** Indices of prose words (letters only, outside `$...$`, `\(...\)`, `\[...\]`). */
function proseWordSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const math = /\$\$[\s\S]*?\$\$|\$[^$]*\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]|\[asy\][\s\S]*?\[\/asy\]|\\[a-zA-Z]+|\{[^{}]*\}/g;
  const blocked: [number, number][] = [];
  for (let m = math.exec(text); m; m = math.exec(text)) blocked.push([m.index, m.index + m[0].length]);
  const word = /\b[A-Za-z]{2,}\b/g;
  let b = 0;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    while (b < blocked.length && blocked[b][1] <= m.index) b++;
    if (b < blocked.length && blocked[b][0] <= m.index) continue;
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

function paraphrase(text: string, target: number, rnd: () => number): { text: string; j: number } | null {
  const base = shingleSet(normalizeProblem(text), SHINGLES);
  let cur = text;
  for (let step = 0; step < 200; step++) {
    const spans = proseWordSpans(cur);
    if (spans.length === 0) return null;
    const [s, e] = spans[Math.floor(rnd() * spans.length)];
    const w = cur.slice(s, e);
    const op = rnd();
    let rep: string;
    if (op < 0.5) rep = SYNONYMS[w.toLowerCase()] ?? `${w}s`;
    else if (op < 0.7) rep = `${FILLERS[Math.floor(rnd() * FILLERS.length)]} ${w}`;
    else if (op < 0.85) rep = '';
    else rep = w.split('').reverse().join('');
    const next = (cur.slice(0, s) + rep + cur.slice(e)).replace(/  +/g, ' ');
    const j = jaccard(base, shingleSet(normalizeProblem(next), SHINGLES));
    if (j < target - 0.05) continue; // overshot: try another edit on the current text
    cur = next;
    if (j < target + 0.03) return { text: cur, j };
  }
  return null;
}

function reformat(text: string): string {
  let t = text.replace(/(?<![\\$])\$((?:[^$\\]|\\.)+)\$(?!\$)/g, (_m, x: string) => {
    const paren = x.replace(/(?<!\\)\(/g, '\\left(').replace(/(?<!\\)\)/g, '\\right)');
    return `\\( ${paren} \\)`;
  });
  t = t.replace(/\\frac/g, '\\dfrac');
  t = t.replace(/([=+])/g, ' $1 ').replace(/\. /g, '.  \n');
  t = t.charAt(0).toUpperCase() + t.slice(1);
  t = /\.\s*$/.test(t) ? t.replace(/\.\s*$/, '') : `${t}.`;
  return t;
}

function changeNumbers(text: string, rnd: () => number): string | null {
  const nums = [...text.matchAll(/(?<![\d.])\d+(?![\d.])/g)];
  if (nums.length === 0) return null;
  const pick = new Set<number>([Math.floor(rnd() * nums.length)]);
  if (nums.length > 2 && rnd() < 0.5) pick.add(Math.floor(rnd() * nums.length));
  let out = '';
  let last = 0;
  nums.forEach((m, k) => {
    out += text.slice(last, m.index);
    out += pick.has(k) ? String(Number(m[0]) + 1 + Math.floor(rnd() * 9)) : m[0];
    last = m.index! + m[0].length;
  });
  return out + text.slice(last);
}

/** Builds the planted set: all real rows as background/base plus planted copies and siblings. */
export function buildPlanted(real: RealRow[], bases: number, seed = 7): EvalRow[] {
  const next = mulberry32(seed);
  const rnd = () => next() / 0x100000000;
  const order = real.map((_r, k) => k);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rnd() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  const kinds = ['exact', 'reformatted', 'para90', 'para80', 'para70', 'sibling'] as const;
  const targets: Record<string, number> = { para90: 0.9, para80: 0.8, para70: 0.7 };
  const rows: EvalRow[] = real.map((r) => ({ ...r, index: 0, answer_canonical: null, eligible: true, family: r.id, kind: 'background', pair_jaccard: null, base_id: null }));
  const baseSet = new Set<number>();
  let made = 0;
  for (const k of order) {
    if (made >= bases) break;
    const r = real[k];
    if (r.problem.length < 40 || r.problem.length > 1500) continue;
    const kind = kinds[made % kinds.length];
    let text: string | null = null;
    let j: number | null = null;
    if (kind === 'exact') text = r.problem;
    else if (kind === 'reformatted') text = reformat(r.problem);
    else if (kind === 'sibling') text = changeNumbers(r.problem, rnd);
    else {
      const p = paraphrase(r.problem, targets[kind], rnd);
      if (p) ({ text, j } = p);
    }
    if (text === null || baseSet.has(k)) continue;
    if (j === null && kind !== 'sibling') j = jaccard(shingleSet(normalizeProblem(r.problem), SHINGLES), shingleSet(normalizeProblem(text), SHINGLES));
    baseSet.add(k);
    rows[k].kind = 'base';
    rows.push({
      id: `planted-${kind}-${made}`,
      source: kind === 'exact' || kind === 'reformatted' ? 'numinamath' : 'openmathinstruct2',
      subset: kind,
      problem: text,
      answer: kind === 'sibling' ? `${r.answer}+1` : r.answer,
      answer_canonical: null,
      eligible: true,
      index: 0,
      family: kind === 'sibling' ? `planted-${kind}-${made}` : r.id,
      kind,
      pair_jaccard: j,
      base_id: r.id,
    });
    made++;
  }
  rows.forEach((r, i) => (r.index = i));
  return rows;
}

/**
 * A stand-in for the checker's isEquivalent (the pipeline passes the real one): equal after
 * removing `$`, spaces, degree marks, `\text{}` and writing `a/b` as `\frac{a}{b}`.
 */
export const simpleEquivalent = (a: string, b: string): boolean => {
  const n = (s: string) =>
    s
      .replace(/\\[dt]frac/g, '\\frac')
      .replace(/\s+|\$|\\!|\\,|\^\{?\\circ\}?|\\%|%/g, '')
      .replace(/\\text\{([^{}]*)\}/g, '$1')
      .replace(/^(-?\d+)\/(\d+)$/, '\\frac{$1}{$2}')
      .replace(/^\{(.*)\}$/, '$1')
      .replace(/\.0+$/, '');
  return n(a) === n(b);
};

export interface EvalFigures {
  recallAt08: number;
  pairsAt08: number;
  recallByKind: Record<string, string>;
  precision: number;
  removed: number;
  removedBackgroundOnly: number;
  precisionPlantedOnly: number;
  siblingsRemoved: number;
  siblings: number;
}

export function evaluate(rows: EvalRow[], decisions: DedupDecision[]): EvalFigures {
  const byCluster = new Map<string, number[]>();
  for (const d of decisions) if (d.dup_cluster) (byCluster.get(d.dup_cluster) ?? byCluster.set(d.dup_cluster, []).get(d.dup_cluster)!).push(d.index);
  const baseIndex = new Map<string, number>();
  for (const r of rows) if (r.kind === 'base') baseIndex.set(r.id, r.index);
  const hit: Record<string, [number, number]> = {};
  let pairs08 = 0;
  let found08 = 0;
  let siblings = 0;
  let siblingsRemoved = 0;
  for (const r of rows) {
    if (r.kind === 'background' || r.kind === 'base') continue;
    const b = rows[baseIndex.get(r.base_id!)!];
    if (r.kind === 'sibling') {
      siblings++;
      const d = decisions[r.index];
      if (d.reason !== null || (d.dup_cluster !== null && d.dup_cluster === decisions[b.index].dup_cluster)) siblingsRemoved++;
      continue;
    }
    const dr = decisions[r.index];
    const db = decisions[b.index];
    const together = dr.dup_cluster !== null && dr.dup_cluster === db.dup_cluster && (dr.reason !== null || db.reason !== null);
    const bucket = r.kind === 'exact' || r.kind === 'reformatted' ? r.kind : r.pair_jaccard! >= 0.9 ? 'J>=0.9' : r.pair_jaccard! >= 0.8 ? 'J[0.8,0.9)' : r.pair_jaccard! >= 0.7 ? 'J[0.7,0.8)' : 'J<0.7';
    hit[bucket] ??= [0, 0];
    hit[bucket][1]++;
    if (together) hit[bucket][0]++;
    if (r.pair_jaccard! >= 0.8) {
      pairs08++;
      if (together) found08++;
    }
  }
  let removed = 0;
  let correct = 0;
  let bgOnly = 0;
  for (const d of decisions) {
    if (d.reason === null) continue;
    removed++;
    const r = rows[d.index];
    const members = byCluster.get(d.dup_cluster!) ?? [];
    if (members.some((m) => m !== d.index && rows[m].family === r.family)) correct++;
    else if (members.every((m) => rows[m].kind === 'background' || rows[m].kind === 'base')) bgOnly++;
  }
  const recallByKind: Record<string, string> = {};
  for (const [k, [f, t]] of Object.entries(hit).sort()) recallByKind[k] = `${f}/${t} = ${(f / t).toFixed(4)}`;
  return {
    recallAt08: found08 / pairs08,
    pairsAt08: pairs08,
    recallByKind,
    precision: correct / removed,
    removed,
    removedBackgroundOnly: bgOnly,
    precisionPlantedOnly: correct / Math.max(1, removed - bgOnly),
    siblingsRemoved,
    siblings,
  };
}

export async function runDedup(rows: DedupInput[], cfg: DedupConfig = DedupConfigSchema.parse({})) {
  let stats: unknown;
  const decisions = await dedup(
    async function* () {
      yield* rows;
    },
    rows.length,
    cfg,
    simpleEquivalent,
    { onStats: (s) => (stats = s) },
  );
  return { decisions, stats };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const bases = Number(arg('--bases') ?? 3000);
  const real = loadRealRows();

  // 1. Real rows alone: cross-source overlaps among MATH / HARP / Omni-MATH (+ GSM8K train).
  const realRows: EvalRow[] = real.map((r, i) => ({ ...r, index: i, answer_canonical: null, eligible: true, family: r.id, kind: 'background', pair_jaccard: null, base_id: null }));
  let t = performance.now();
  const res = await runDedup(realRows);
  const clustered = new Set(res.decisions.filter((d) => d.dup_cluster !== null).map((d) => realRows[d.index].id));
  const fixture = arg('--write-fixture');
  if (fixture) {
    // The fixture keeps base rows, their copies and siblings, and every 80th other real row.
    const keep = buildPlanted(real.filter((r) => !clustered.has(r.id)), bases).filter((r, k) => r.kind !== 'background' || k % 80 === 0);
    writeFileSync(fixture, keep.map((r) => JSON.stringify({ ...r, index: undefined })).join('\n') + '\n');
    console.log(`wrote ${keep.length} rows to ${fixture}`);
    return;
  }
  console.log('== real rows only ==');
  console.log(`${real.length} rows; dedup ${(performance.now() - t).toFixed(0)} ms`, JSON.stringify(res.stats));
  const summary = dedupSummary(res.decisions, (i) => realRows[i].source);
  console.log(JSON.stringify(summary));
  const byId = new Map(realRows.map((r) => [r.id, r]));
  const removedPairs = res.decisions.filter((d) => d.reason !== null);
  const sampleN = Number(arg('--sample') ?? 20);
  const step = Math.max(1, Math.floor(removedPairs.length / sampleN));
  console.log(`\n${removedPairs.length} removed; every ${step}th of them for hand-checking:`);
  for (let k = 0; k < removedPairs.length && k / step < sampleN; k += step) {
    const d = removedPairs[k];
    const r = realRows[d.index];
    const o = d.duplicate_of ? byId.get(d.duplicate_of)! : realRows.find((x) => x.id !== r.id && res.decisions[x.index].dup_cluster === d.dup_cluster)!;
    console.log(`- [${d.reason}] ${r.id} -> ${d.duplicate_of ?? '(dropped)'}: ${d.evidence}`);
    console.log(`    A: ${r.problem!.replace(/\s+/g, ' ').slice(0, 220)}  => ${r.answer}`);
    console.log(`    B: ${o.problem!.replace(/\s+/g, ' ').slice(0, 220)}  => ${o.answer}`);
  }

  // 2. Planted set over the real rows that have no real duplicate (so every pair's truth is known;
  //    the real duplicates are judged by the hand check above).
  const background = real.filter((r) => !clustered.has(r.id));
  const rows = buildPlanted(background, bases);
  const planted = rows.filter((r) => r.kind !== 'background' && r.kind !== 'base');
  const count: Record<string, number> = {};
  for (const r of planted) count[r.kind] = (count[r.kind] ?? 0) + 1;
  console.log(`\n== planted set ==\n${rows.length} records (${background.length} real rows without a real duplicate, ${planted.length} planted: ${JSON.stringify(count)})`);
  t = performance.now();
  const { decisions, stats } = await runDedup(rows);
  console.log(`dedup ${(performance.now() - t).toFixed(0)} ms`, JSON.stringify(stats));
  console.log(JSON.stringify(evaluate(rows, decisions), null, 1));

  console.log('\n== decontamination: MATH test vs bundled benchmarks ==');
  const items = loadBenchmarks(defaultBenchmarkSpecs(resolve(fileURLToPath(import.meta.url), '../..')));
  const index = new ContaminationIndex(items, 13);
  const m500 = new Set(jsonl(new URL('../../shared/data/benchmarks/math-500/test.jsonl', import.meta.url).pathname).map((r) => String(r.problem)));
  const mathTest = jsonl(`${DATA}/math/test.jsonl`).map((r) => String(r.problem));
  t = performance.now();
  let caught500 = 0;
  const other: Record<string, number> = {};
  for (const p of mathTest) {
    const c = index.check(p);
    if (c && m500.has(p) && c.benchmark === 'math500') caught500++;
    else if (c) other[`${c.benchmark}:${c.kind}`] = (other[`${c.benchmark}:${c.kind}`] ?? 0) + 1;
  }
  console.log(`MATH test: ${mathTest.length} problems, ${[...m500].filter((p) => mathTest.includes(p)).length} of them in MATH-500; caught as math500: ${caught500}/500; other hits: ${JSON.stringify(other)} (${(mathTest.length / (performance.now() - t)) * 1000 | 0} checks/s)`);
  const perSource: Record<string, Record<string, number>> = {};
  for (const r of real) {
    const c = index.check(r.problem);
    if (!c) continue;
    perSource[r.source + (r.source === 'math' ? `-${r.id.split('-')[1]}` : '')] ??= {};
    perSource[r.source + (r.source === 'math' ? `-${r.id.split('-')[1]}` : '')][c.benchmark] = (perSource[r.source + (r.source === 'math' ? `-${r.id.split('-')[1]}` : '')][c.benchmark] ?? 0) + 1;
  }
  console.log('contaminated rows per source x benchmark:', JSON.stringify(perSource));
  const ex = real.find((r) => r.source === 'harp' && index.check(r.problem));
  if (ex) console.log('example evidence:', ex.id, contaminationEvidence(index.check(ex.problem)!));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
