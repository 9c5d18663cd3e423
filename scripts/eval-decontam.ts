/**
 * Measures decontamination on a finished run over the shared data (its records' problem texts
 * are the training inputs) against the bundled benchmarks.
 *
 *   node scripts/eval-decontam.ts DIR --ngrams 8,13,32 [--sample 20] [--samples-out FILE]
 *       per n-gram length: boilerplate n-grams derived from the inputs, records flagged by kind
 *       and by benchmark, and a seeded sample of `ngram` flags (problem, item, span) to read.
 *   node scripts/eval-decontam.ts DIR --planted 300
 *       planted number-changed copies of MATH-500, OlympiadBench and AIME 2025 items (one to
 *       three numbers changed, wording kept): share flagged; and training problems that share
 *       only boilerplate (an instruction sentence of a benchmark item added): share flagged.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { withOutputs } from '../pipeline/audit/outputs.ts';
import { BoilerplateCounter } from '../pipeline/decontam/boilerplate.ts';
import { ContaminationIndex, contaminationEvidence, defaultBenchmarkSpecs, loadBenchmarks, type BenchmarkItem } from '../pipeline/decontam/decontaminate.ts';
import { mulberry32 } from '../pipeline/dedup/murmur3.ts';
import { normalizeProblem } from '../pipeline/dedup/normalize.ts';
import { PROJECT_ROOT } from '../pipeline/version.ts';
import { rate } from './wilson.ts';

interface Rec {
  id: string;
  source: string;
  problem: string;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ngrams: { type: 'string', default: '13' },
    sample: { type: 'string', default: '20' },
    'samples-out': { type: 'string' },
    planted: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'min-docs': { type: 'string', default: '3' },
    show: { type: 'boolean', default: false },
  },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: node scripts/eval-decontam.ts DIR [--ngrams 8,13,32] [--planted 300]');
const records = await withOutputs(dir, (o) => o.query<Rec>('SELECT id, source, problem FROM records ORDER BY id'));
const items = loadBenchmarks(defaultBenchmarkSpecs(PROJECT_ROOT));
const byKey = new Map(items.map((it) => [`${it.benchmark} ${it.item}`, it]));

function indexFor(n: number, training: readonly string[]): { index: ContaminationIndex; boilerplate: string[] } {
  const counter = new BoilerplateCounter(new ContaminationIndex(items, { ngram: n, template: false }), Number(values['min-docs']));
  for (const p of training) counter.add(p);
  const boilerplate = counter.result();
  return { index: new ContaminationIndex(items, { ngram: n, boilerplate }), boilerplate };
}

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  return xs.map((x) => ({ x, k: rnd() })).sort((a, b) => a.k - b.k).map((p) => p.x);
}

const training = records.map((r) => r.problem);

if (values.planted === undefined) {
  const lines: string[] = [];
  for (const n of values.ngrams!.split(',').map(Number)) {
    const { index, boilerplate } = indexFor(n, training);
    const plain = new ContaminationIndex(items, { ngram: n, template: false });
    const kinds = new Map<string, number>();
    const bench = new Map<string, number>();
    const ngramFlags: { rec: Rec; evidence: string; item: BenchmarkItem }[] = [];
    let plainNgram = 0;
    for (const r of records) {
      const c = index.check(r.problem);
      const p = plain.check(r.problem);
      if (p?.kind === 'ngram') plainNgram++;
      if (!c) continue;
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      bench.set(c.benchmark, (bench.get(c.benchmark) ?? 0) + 1);
      if (c.kind === 'ngram') ngramFlags.push({ rec: r, evidence: contaminationEvidence(c), item: byKey.get(`${c.benchmark} ${c.item}`)! });
    }
    console.log(`n=${n}: ${boilerplate.length} boilerplate n-grams; flagged ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')} (ngram without the boilerplate list: ${plainNgram})`);
    console.log(`  by benchmark: ${[...bench].sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const sample = shuffle(ngramFlags, mulberry32(Number(values.seed))) // keys only: uint32 is fine.slice(0, Number(values.sample));
    lines.push(`## n=${n}`);
    sample.forEach((f, k) => lines.push(`#${k} ${f.rec.source} ${f.rec.id}\n  TRAIN: ${f.rec.problem.replace(/\s+/g, ' ').slice(0, 400)}\n  BENCH: ${f.item.problem.replace(/\s+/g, ' ').slice(0, 400)}\n  ${f.evidence}`));
  }
  if (values['samples-out']) writeFileSync(values['samples-out'], lines.join('\n') + '\n');
} else {
  // The planted problems are training problems: the boilerplate list is derived from the real
  // inputs plus both planted sets, as a run over them would.
  const count = Number(values.planted);
  const next = mulberry32(Number(values.seed));
  const rnd = () => next() / 4294967296; // mulberry32 gives uint32
  const { index: realIndex } = indexFor(13, training);
  // number-changed copies: items with a number, 1-3 of their numbers replaced
  const pool = (b: string) => shuffle(items.filter((it) => it.benchmark === b && /[0-9]/.test(it.problem)), rnd);
  const aime = pool('aime_2025');
  const rest = Math.ceil((count - aime.length) / 2);
  const chosen = [...aime, ...pool('math500').slice(0, rest), ...pool('olympiadbench').slice(0, count - aime.length - rest)];
  const copies = chosen.map((it) => ({ it, text: changeNumbers(it.problem, 1 + Math.floor(rnd() * 3), rnd) }));
  // boilerplate only: training problems no benchmark matches, with a benchmark instruction sentence added
  const sentences = instructionSentences(items);
  const clean = shuffle(records.filter((r) => realIndex.check(r.problem) === null), rnd).slice(0, count);
  const boiler = clean.map((r, k) => `${r.problem} ${sentences[k % sentences.length]}`);
  const { index } = indexFor(13, [...training, ...copies.map((c) => c.text), ...boiler]);
  const perBench = new Map<string, [number, number]>();
  let flagged = 0;
  const kinds = new Map<string, number>();
  for (const { it, text } of copies) {
    const c = index.check(text);
    const ok = c !== null && c.benchmark === it.benchmark;
    if (!ok && values.show) console.log(`  missed ${it.benchmark} ${it.item}: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    if (ok) {
      flagged++;
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    }
    const e = perBench.get(it.benchmark) ?? [0, 0];
    perBench.set(it.benchmark, [e[0] + (ok ? 1 : 0), e[1] + 1]);
  }
  console.log(`number-changed copies flagged: ${rate(flagged, copies.length)}; by kind ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [b, [k, n]] of perBench) console.log(`  ${b}: ${rate(k, n)}`);
  let falsely = 0;
  for (const text of boiler) {
    const c = index.check(text);
    if (c === null) continue;
    falsely++;
    if (values.show) console.log(`  flagged: ${contaminationEvidence(c)}`);
  }
  console.log(`boilerplate-only problems flagged: ${rate(falsely, boiler.length)} (${sentences.length} instruction sentences from benchmark items)`);
}

/** Replaces `k` of the text's numbers (outside `\command` names) with other values of the same size. */
function changeNumbers(text: string, k: number, rnd: () => number): string {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/(?<![\\A-Za-z_^])[0-9]+/g)) spans.push([m.index!, m.index! + m[0].length]);
  const pick = new Set(shuffle(spans.map((_, i) => i), rnd).slice(0, Math.min(k, spans.length)));
  let out = '';
  let last = 0;
  spans.forEach(([s, e], i) => {
    out += text.slice(last, s);
    const v = Number(text.slice(s, e));
    out += pick.has(i) ? String(v + 1 + Math.floor(rnd() * 9)) : text.slice(s, e);
    last = e;
  });
  return out + text.slice(last);
}

/**
 * Boilerplate sentences of the benchmarks: instruction or answer-format sentences (marker words)
 * found in at least two items of one benchmark file (by word tokens; one file holds distinct
 * problems, while two files can hold the same AIME problem), so no single item's content.
 */
function instructionSentences(all: readonly BenchmarkItem[]): string[] {
  const marker = /express your answer|enter your answer|relatively prime positive integers|reminder|considered the same|greatest integer less than or equal|in simplest (?:radical )?form|as a common fraction|round(?:ed)? to the nearest|enter the|in the form/i;
  const items = new Map<string, Set<string>>();
  const text = new Map<string, string>();
  for (const it of all) {
    for (const s of it.problem.split(/(?<=[.?!)])\s+/)) {
      if (!marker.test(s) || s.length > 300) continue;
      const key = ContaminationIndex.tokens(normalizeProblem(s)).join(' ');
      if (key.split(' ').length < 6) continue;
      if (!items.has(key)) items.set(key, new Set());
      items.get(key)!.add(`${it.benchmark}\u0000${it.item}`);
      if (!text.has(key) || s < text.get(key)!) text.set(key, s.trim());
    }
  }
  const inOneFile = (ids: Set<string>) => {
    const per = new Map<string, number>();
    for (const id of ids) per.set(id.split('\u0000')[0], (per.get(id.split('\u0000')[0]) ?? 0) + 1);
    return Math.max(...per.values()) >= 2;
  };
  return [...items].filter(([, ids]) => inOneFile(ids)).map(([k]) => text.get(k)!).sort();
}
