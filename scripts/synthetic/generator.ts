/**
 * The synthetic corpus: every row is a pure function of (seed, source, index), so a planted
 * duplicate re-derives its original instead of keeping it in memory, OpenMathInstruct-2
 * solution rows can be emitted far from their problem's other rows, and output is streamed.
 */
import { join } from 'node:path';
import { extractLastBoxed } from '../../checker/boxed.ts';
import { fmix32, hash01, hashString, itemRng, mix, type Rng } from './prng.ts';
import { amcMultipleChoice, chinese, cnMultipleChoice, forumAttribution, hyperlink, multiPart, proof, proseAnswer } from './styles.ts';
import type { HarpRow, MathRow, OmniRow, Pools, Template } from './templates.ts';
import { answerKind, applyNumbers, applyWords, nearEdit, numberMap, perturb, reboxLast, unbox, wordHits, wordMap } from './text.ts';
import { LineWriter, ParquetShards, pyJson, type FileInfo } from './writer.ts';
import { mkdir } from 'node:fs/promises';

/** Real row counts (NuminaMath-CoT train subsets; the other sources' full sizes). */
export const NUMINA_SUBSETS: readonly (readonly [string, number])[] = [
  ['cn_k12', 276591],
  ['synthetic_math', 167895],
  ['orca_math', 153334],
  ['olympiads', 150581],
  ['synthetic_amc', 62111],
  ['aops_forum', 30201],
  ['math', 7478],
  ['gsm8k', 7345],
  ['amc_aime', 4072],
];
export const FULL = { omiProblems: 600_000, mathTrain: 7500, mathTest: 5000, harp: 4780, omni: 4428 } as const;

/** Planting rates (fractions of rows of the sources they apply to). */
export const RATES = {
  /** exact copies of another row (within the subset, across subsets, across sources) */
  exactDuplicate: 0.03,
  /** light edits of another row */
  nearDuplicate: 0.02,
  /** share of exact duplicates whose answer was changed (same problem, conflicting answers) */
  answerConflict: 0.05,
  /** verbatim or lightly edited benchmark problems (MATH-500, GSM8K test, AIME, AMC) */
  contamination: 0.002,
  multipleChoice: { cn_k12: 0.1, synthetic_amc: 0.1, amc_aime: 0.1 } as Record<string, number>,
  multiPart: { cn_k12: 0.08 } as Record<string, number>,
  proof: { olympiads: 0.05, aops_forum: 0.05 } as Record<string, number>,
  chinese: { cn_k12: 0.03, olympiads: 0.005 } as Record<string, number>,
  proseAnswer: { cn_k12: 0.01, olympiads: 0.01, aops_forum: 0.01 } as Record<string, number>,
  forumAttribution: { aops_forum: 0.15 } as Record<string, number>,
  hyperlink: { aops_forum: 0.01, olympiads: 0.001 } as Record<string, number>,
  harpMultipleChoiceOnly: 0.03,
  /** OpenMathInstruct-2 problem_source mix */
  omiSources: [
    ['augmented_math', 0.7],
    ['augmented_gsm8k', 0.275],
    ['math', 0.0125], // fixed slots, see omiSourceOf
    ['gsm8k', 0.0125],
  ] as [string, number][],
  /** share of an OMI2 problem's extra solution rows written far from the others (often another shard) */
  omiSpread: 0.25,
};

export interface GenOptions {
  out: string;
  scale: number;
  seed: number;
  omiRowsPerProblem: number;
  omiOnlyRows: number | null;
  shardRows: number;
}

type Item = Template & { tags: string[] };

export interface Snapshot {
  stats: [string, [string, Counter][]][];
  kinds: [string, Counter][];
  accidental: number;
  redrawn: number;
  omiSpreadRows: number;
}
export type Counter = Record<string, number>;

// `messages` repeats problem and solution: built by DuckDB from the staged columns, not staged twice
const NUMINA_COLUMNS = `{source: 'VARCHAR', problem: 'VARCHAR', solution: 'VARCHAR'}`;
const NUMINA_SELECT = `source, problem, solution, [{'role': 'user', 'content': problem}, {'role': 'assistant', 'content': solution}] AS messages`;
const OMI_COLUMNS = `{problem: 'VARCHAR', generated_solution: 'VARCHAR', expected_answer: 'VARCHAR', problem_source: 'VARCHAR'}`;

/** OMI2 original (non-augmented) problems: one MATH and one GSM8K problem in every 80. */
const ORIGINAL_EVERY = 80;

const count = (full: number, scale: number) => (scale <= 0 ? 0 : Math.max(1, Math.round(full * scale)));

/** A permutation of [0, n): i → (i·stride + offset) mod n with stride coprime to n. */
function permuter(n: number, seed: number): (i: number) => number {
  if (n <= 1) return () => 0;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = (mix(seed, 1) % n) | 1;
  while (gcd(stride, n) !== 1) stride = (stride + 1) % n || 1;
  const offset = mix(seed, 2) % n;
  return (i) => (Number((BigInt(i) * BigInt(stride)) % BigInt(n)) + offset) % n;
}

/** Ensures a solution states its answer in a final `\boxed{}`, as NuminaMath and OMI2 solutions do. */
function withBox(solution: string, answer: string): string {
  if (!answer || extractLastBoxed(solution) !== null) return solution;
  return `${solution.trimEnd()}\n\nThus, the answer is $\\boxed{${answer}}$.`;
}

export class Generator {
  readonly opts: GenOptions;
  readonly pools: Pools;
  readonly n: {
    numina: Map<string, number>;
    omiProblems: number;
    mathTrain: number;
    mathTest: number;
    harp: number;
    omni: number;
  };
  /** planted categories: source → subset → tag → rows */
  readonly stats = new Map<string, Map<string, Counter>>();
  readonly kinds = new Map<string, Counter>();
  private readonly seen = new Set<number>();
  /** Keys of the fresh problems written while tracking (to count duplicates across workers). */
  tracked: number[] | null = null;
  accidental = 0;
  private readonly mathPool: MathRow[];
  private readonly hardPool: Template[];
  private readonly permMath: (i: number) => number;
  private readonly permGsm: (i: number) => number;
  private readonly permGsmOmi: (i: number) => number;
  private readonly permMathOmi: (i: number) => number;
  private readonly numinaWeights: number[];
  private readonly numinaNames: string[];
  private readonly omiBySource = new Map<string, Template[]>();

  constructor(opts: GenOptions, pools: Pools) {
    this.opts = opts;
    this.pools = pools;
    const s = opts.omiOnlyRows !== null ? 0 : opts.scale;
    this.n = {
      numina: new Map(NUMINA_SUBSETS.map(([k, v]) => [k, count(v, s)])),
      omiProblems: opts.omiOnlyRows !== null ? Math.ceil(opts.omiOnlyRows / opts.omiRowsPerProblem) : count(FULL.omiProblems, opts.scale),
      mathTrain: count(FULL.mathTrain, s),
      mathTest: count(FULL.mathTest, s),
      harp: count(FULL.harp, s),
      omni: count(FULL.omni, s),
    };
    // MATH templates for synthetic_math / cn_k12: train and test, but not the MATH-500 problems
    // (the benchmark reaches the corpus only through the planted contamination)
    const math500 = new Set(pools.benchmarks.filter((b) => b.name === 'math500').map((b) => b.problem));
    this.mathPool = [...pools.mathTrain, ...pools.mathTest.filter((m) => !math500.has(m.problem))];
    // olympiad-style templates: Omni-MATH and the harder AMC problems (AIME problems, which the
    // AIME benchmark holds, stay with the amc_aime / synthetic_amc subsets)
    this.hardPool = [...pools.omni, ...pools.harp.filter((h) => /AMC_12|USAMO/.test(String(h.raw.contest)))];
    if (this.hardPool.length === 0) this.hardPool = [...pools.omni, ...pools.harp];
    this.permMath = permuter(Math.max(1, this.n.mathTrain), mix(opts.seed, 11));
    this.permGsm = permuter(Math.max(1, pools.gsm8k.length), mix(opts.seed, 12));
    this.permGsmOmi = permuter(Math.max(1, pools.gsm8k.length), mix(opts.seed, 13));
    this.permMathOmi = permuter(Math.max(1, this.n.mathTrain), mix(opts.seed, 14));
    for (const o of pools.omi2) {
      if (!this.omiBySource.has(o.source)) this.omiBySource.set(o.source, []);
      this.omiBySource.get(o.source)!.push(o);
    }
    this.numinaNames = NUMINA_SUBSETS.map(([k]) => k);
    this.numinaWeights = this.numinaNames.map((k) => this.n.numina.get(k)!);
  }

  // ------------------------------------------------------------------------------ accounting

  private tag(source: string, subset: string, tags: readonly string[], answer: string | null, row = true): void {
    let bySubset = this.stats.get(source);
    if (!bySubset) this.stats.set(source, (bySubset = new Map()));
    let c = bySubset.get(subset);
    if (!c) bySubset.set(subset, (c = {}));
    if (row) c.rows = (c.rows ?? 0) + 1;
    for (const t of tags) c[t] = (c[t] ?? 0) + 1;
    if (answer !== null) {
      let k = this.kinds.get(source);
      if (!k) this.kinds.set(source, (k = {}));
      const kind = answer.trim() === '' ? 'none' : answerKind(answer);
      k[kind] = (k[kind] ?? 0) + 1;
    }
  }

  /** Records a freshly generated problem; counts it when it accidentally equals an earlier one. */
  private fresh(problem: string): boolean {
    // two FNV-1a hashes of the text, lower-cased, whitespace runs folded, trailing dots/space dropped
    let end = problem.length;
    while (end > 0 && /[\s.]/.test(problem[end - 1])) end--;
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    let space = false;
    for (let i = 0; i < end; i++) {
      let c = problem.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) {
        space = true;
        continue;
      }
      if (space) {
        h1 = Math.imul(h1 ^ 32, 0x01000193);
        h2 = Math.imul(h2 ^ 32, 0x5bd1e995);
        space = false;
      }
      if (c >= 65 && c <= 90) c += 32;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    const key = (fmix32(h1 >>> 0) >>> 0) * 2097152 + (fmix32(h2 >>> 0) >>> 11);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.tracked?.push(key);
    return true;
  }

  // ------------------------------------------------------------------------------ MATH, HARP, Omni

  /** MATH rows: the real rows (spread evenly over the pool) while they last, then perturbed ones. */
  mathRow(split: 'train' | 'test', i: number): { row: MathRow; verbatim: boolean } {
    const pool = split === 'train' ? this.pools.mathTrain : this.pools.mathTest;
    const total = split === 'train' ? this.n.mathTrain : this.n.mathTest;
    if (total <= pool.length) return { row: pool[Math.floor((i * pool.length) / total)], verbatim: true };
    if (i < pool.length) return { row: pool[i], verbatim: true };
    const rng = itemRng(this.opts.seed, `math/${split}`, i);
    const t = pool[rng.int(0, pool.length - 1)];
    const p = perturb(t, rng, 0);
    const row = { problem: p.problem, level: t.level, type: t.type, solution: p.solution, answer: p.answer, line: '' };
    row.line = pyJson({ problem: row.problem, level: row.level, type: row.type, solution: row.solution });
    return { row, verbatim: false };
  }

  harpRow(i: number): { line: string; item: Template; verbatim: boolean; tags: string[] } {
    const pool = this.pools.harp;
    const total = this.n.harp;
    const real = total <= pool.length ? Math.floor((i * pool.length) / total) : i < pool.length ? i : -1;
    if (real >= 0 && pool[real].line !== null) return { line: pool[real].line!, item: pool[real], verbatim: true, tags: ['verbatim'] };
    const rng = itemRng(this.opts.seed, 'harp', i);
    const t: HarpRow = pool[rng.int(0, pool.length - 1)];
    const numbers = numberMap(t.problem, rng);
    const words = wordMap(t.problem, rng);
    const f = (s: string) => applyNumbers(applyWords(s, words), numbers);
    const k = i - Math.min(pool.length, total);
    const raw: Record<string, unknown> = {};
    const tags = ['perturbed'];
    let problem = f(t.problem);
    const answer = f(String(t.raw.answer));
    let mco = t.raw.multiple_choice_only === true;
    if (rng.chance(RATES.harpMultipleChoiceOnly)) {
      mco = true;
      problem = amcMultipleChoice({ problem, solution: '', answer: answer.replace(/^\$|\$$/g, '') }, rng, () => this.borrowAnswer(rng)).problem;
      tags.push('multiple_choice_only');
    }
    for (const [key, v] of Object.entries(t.raw)) {
      if (key === 'year') raw.year = String(2023 + Math.floor(k / 400));
      else if (key === 'number') raw.number = (k % 400) + 1;
      else if (key === 'problem') raw.problem = problem;
      else if (key === 'answer') raw.answer = answer;
      else if (key === 'multiple_choice_only') raw.multiple_choice_only = mco;
      else if (/^solution_\d+$/.test(key) && typeof v === 'string') raw[key] = f(v);
      else raw[key] = v;
    }
    return { line: pyJson(raw), item: { problem, solution: String(raw.solution_1 ?? ''), answer: answer.replace(/^\$|\$$/g, '') }, verbatim: false, tags };
  }

  omniRow(i: number): { line: string; item: Template; verbatim: boolean } {
    const pool = this.pools.omni;
    const total = this.n.omni;
    const real = total <= pool.length ? Math.floor((i * pool.length) / total) : i < pool.length ? i : -1;
    if (real >= 0 && pool[real].line !== null) return { line: pool[real].line!, item: pool[real], verbatim: true };
    const rng = itemRng(this.opts.seed, 'omni', i);
    const t: OmniRow = pool[rng.int(0, pool.length - 1)];
    const p = perturb(t, rng, 0);
    const raw: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(t.raw)) {
      raw[key] = key === 'problem' ? p.problem : key === 'solution' ? p.solution : key === 'answer' ? p.answer : v;
    }
    return { line: pyJson(raw, ['difficulty']), item: p, verbatim: false };
  }

  // ------------------------------------------------------------------------------ NuminaMath

  private borrowAnswer(rng: Rng): string {
    return this.mathPool[rng.int(0, this.mathPool.length - 1)].answer;
  }

  /** The problem a NuminaMath row of this subset holds when nothing is planted on it. */
  numinaFresh(subset: string, j: number, salt = 0): Item {
    const rng = itemRng(this.opts.seed, `numina/${subset}`, j, salt);
    const tags: string[] = [];
    const has = (r: Record<string, number>) => rng.chance(r[subset] ?? 0);
    const mathTpl = () => perturb(this.mathPool[rng.int(0, this.mathPool.length - 1)], rng);
    const hardTpl = () => perturb(this.hardPool[rng.int(0, this.hardPool.length - 1)], rng, 0.1);
    const harpTpl = () => perturb(this.pools.harp[rng.int(0, this.pools.harp.length - 1)], rng, 0.1);
    let t: Template;
    switch (subset) {
      case 'math': {
        // NuminaMath's `math` subset holds MATH train problems: copy the rows the MATH output has
        const m = this.mathRow('train', this.permMath(j % Math.max(1, this.n.mathTrain))).row;
        return { problem: m.problem, solution: m.solution, answer: m.answer, tags: ['copy_of_math_train'] };
      }
      case 'gsm8k': {
        const pool = this.pools.gsm8k;
        if (j < pool.length) {
          const g = pool[this.permGsm(j)];
          return { ...g, tags: ['copy_of_gsm8k_train'] };
        }
        t = perturb(pool[rng.int(0, pool.length - 1)], rng, 0);
        tags.push('perturbed');
        break;
      }
      case 'orca_math':
        t = perturb(this.pools.gsm8k[rng.int(0, this.pools.gsm8k.length - 1)], rng, 0.15);
        break;
      case 'synthetic_math':
        t = mathTpl();
        break;
      case 'cn_k12':
        if (has(RATES.chinese)) {
          t = chinese(rng);
          tags.push('non_english');
        } else if (has(RATES.multiPart)) {
          t = multiPart(mathTpl(), mathTpl(), rng);
          tags.push('multi_part');
        } else if (has(RATES.multipleChoice)) {
          t = cnMultipleChoice(mathTpl(), rng, () => this.borrowAnswer(rng));
          tags.push('multiple_choice');
        } else t = mathTpl();
        break;
      case 'olympiads':
      case 'aops_forum':
        if (has(RATES.chinese)) {
          t = chinese(rng);
          tags.push('non_english');
        } else if (has(RATES.proof)) {
          t = proof(hardTpl(), rng);
          tags.push('proof');
        } else t = hardTpl();
        if (has(RATES.forumAttribution)) {
          t = { ...t, problem: forumAttribution(t.problem, rng) };
          tags.push('forum_attribution');
        }
        if (has(RATES.hyperlink)) {
          t = { ...t, problem: hyperlink(t.problem, rng) };
          tags.push('hyperlink');
        }
        break;
      default: // synthetic_amc, amc_aime
        t = harpTpl();
        if (has(RATES.multipleChoice)) {
          t = amcMultipleChoice(t, rng, () => this.borrowAnswer(rng));
          tags.push('multiple_choice');
        }
    }
    if (!tags.includes('proof') && has(RATES.proseAnswer)) {
      t = proseAnswer(t, rng);
      tags.push('prose_answer');
    }
    const solution = tags.includes('proof') ? t.solution : withBox(t.solution, t.answer);
    return { problem: t.problem, solution, answer: tags.includes('proof') ? (extractLastBoxed(solution) ?? '') : t.answer, tags };
  }

  /** Which planted category (if any) a row of a stream gets: a pure function of the index. */
  private plant(stream: string, j: number): 'contamination' | 'exact' | 'near' | null {
    const u = hash01(this.opts.seed, hashString(`plant/${stream}`), j);
    if (u < RATES.contamination) return 'contamination';
    if (u < RATES.contamination + RATES.exactDuplicate) return 'exact';
    if (u < RATES.contamination + RATES.exactDuplicate + RATES.nearDuplicate) return 'near';
    return null;
  }

  private numinaPlantable(subset: string): boolean {
    return subset !== 'math' && subset !== 'gsm8k';
  }

  /** An unplanted NuminaMath row (its emitted text equals numinaFresh). */
  private numinaTarget(subset: string, j: number): Item {
    const n = this.n.numina.get(subset)!;
    for (let k = 0; k < 50 && this.numinaPlantable(subset) && this.plant(`numina/${subset}`, j) !== null; k++) j = (j + 1) % n;
    return this.numinaFresh(subset, j);
  }

  private omiTarget(p: number): Item {
    for (let k = 0; k < 50 && this.plant('omi', p) !== null; k++) p = (p + 1) % this.n.omiProblems;
    return this.omiFresh(p);
  }

  /** The original of a planted copy: same stream (earlier row), another NuminaMath subset, or another source. */
  private target(rng: Rng, from: { source: 'numina'; subset: string; j: number } | { source: 'omi'; p: number }): { item: Item; scope: string } {
    const u = rng.next();
    const omiOk = this.n.omiProblems > 0;
    const numinaOk = this.numinaWeights.some((w) => w > 0);
    if (from.source === 'numina') {
      if (u < 0.5 && from.j > 0) return { item: this.numinaTarget(from.subset, rng.int(0, from.j - 1)), scope: 'within_subset' };
      if (u < 0.7 || !omiOk) return { item: this.randomNumina(rng), scope: 'cross_subset' };
    } else {
      if (u < 0.5 && from.p > 0) return { item: this.omiTarget(rng.int(0, from.p - 1)), scope: 'within_source' };
      if (u < 0.85 && numinaOk) return { item: this.randomNumina(rng), scope: 'cross_source' };
    }
    const v = rng.next();
    if (from.source === 'numina' && v < 0.5) return { item: this.omiTarget(rng.int(0, this.n.omiProblems - 1)), scope: 'cross_source' };
    if (v < 0.7 && this.n.harp > 0) return { item: { ...this.harpRow(rng.int(0, this.n.harp - 1)).item, tags: [] }, scope: 'cross_source' };
    if (v < 0.9 && this.n.omni > 0) return { item: { ...this.omniRow(rng.int(0, this.n.omni - 1)).item, tags: [] }, scope: 'cross_source' };
    if (this.n.mathTrain > 0) return { item: { ...this.mathRow('train', rng.int(0, this.n.mathTrain - 1)).row, tags: [] }, scope: 'cross_source' };
    return { item: this.omiTarget(rng.int(0, Math.max(0, from.source === 'omi' ? from.p - 1 : this.n.omiProblems - 1))), scope: 'within_source' };
  }

  private randomNumina(rng: Rng): Item {
    const s = rng.weighted(this.numinaWeights);
    const subset = this.numinaNames[s];
    return this.numinaTarget(subset, rng.int(0, this.n.numina.get(subset)! - 1));
  }

  /** A planted row: copy (exact or edited) of another row or of a benchmark problem. */
  private planted(kind: 'contamination' | 'exact' | 'near', rng: Rng, base: () => Item, from: Parameters<Generator['target']>[1]): Item {
    if (kind === 'contamination' && this.pools.benchmarks.length > 0) {
      const b = rng.pick(this.pools.benchmarks);
      const filler = base();
      const edited = rng.chance(0.3);
      const problem = edited ? nearEdit(b.problem, rng).text : b.problem;
      const solution = reboxLast(withBox(filler.solution, b.answer), b.answer);
      return { problem, solution, answer: b.answer, tags: [edited ? 'contamination_near' : 'contamination_exact', `contamination_${b.name}`] };
    }
    const target = this.target(rng, from);
    const scope = target.scope;
    const item = { ...target.item, solution: withBox(target.item.solution, target.item.answer) };
    if (kind === 'near') {
      const e = nearEdit(item.problem, rng);
      return { problem: e.text, solution: item.solution, answer: item.answer, tags: [`near_duplicate`, `near_duplicate_${e.kind}`, `near_duplicate_${scope}`] };
    }
    const tags = ['exact_duplicate', `exact_duplicate_${scope}`];
    if (rng.chance(RATES.answerConflict) && /\d/.test(item.answer)) {
      let answer = applyNumbers(item.answer, numberMap(item.answer, rng));
      if (answer === item.answer) answer = `${item.answer}+1`;
      return { problem: item.problem, solution: reboxLast(item.solution, answer), answer, tags: [...tags, 'answer_conflict'] };
    }
    return { ...item, tags };
  }

  numinaRow(subset: string, j: number, salt = 0): Item {
    const kind = this.numinaPlantable(subset) ? this.plant(`numina/${subset}`, j) : null;
    if (kind === null) return this.numinaFresh(subset, j, salt);
    const rng = itemRng(this.opts.seed, `numina-plant/${subset}`, j);
    return this.planted(kind, rng, () => this.numinaFresh(subset, j), { source: 'numina', subset, j });
  }

  // ------------------------------------------------------------------------------ OpenMathInstruct-2

  /**
   * Problem source of OMI2 problem p. The original MATH / GSM8K problems take fixed slots (every
   * 80th problem, 1.25% each), so slot rank → a permutation of the MATH train rows / GSM8K
   * problems: each original appears once, as upstream; the rest are augmented at random.
   */
  private omiSourceOf(p: number): string {
    if (p % ORIGINAL_EVERY === ORIGINAL_EVERY - 1) return 'math';
    if (p % ORIGINAL_EVERY === ORIGINAL_EVERY / 2 - 1) return 'gsm8k';
    const aug = RATES.omiSources.filter(([name]) => name.startsWith('augmented_'));
    const total = aug.reduce((a, [, w]) => a + w, 0);
    const u = hash01(this.opts.seed, hashString('omi-source'), p) * total;
    let acc = 0;
    for (const [name, w] of aug) if (u < (acc += w)) return name;
    return aug[0][0];
  }

  omiFresh(p: number, salt = 0): Item {
    const rng = itemRng(this.opts.seed, 'omi', p, salt);
    const source = this.omiSourceOf(p);
    const omiReal = this.omiBySource.get(source) ?? [];
    const rank = Math.floor(p / ORIGINAL_EVERY);
    if (source === 'math' && this.n.mathTrain > 0) {
      const m = this.mathRow('train', this.permMathOmi(rank % this.n.mathTrain)).row;
      return { problem: m.problem, solution: m.solution, answer: m.answer, tags: [source, 'copy_of_math_train'] };
    }
    if (source === 'gsm8k' && this.pools.gsm8k.length > 0) {
      const g = this.pools.gsm8k[this.permGsmOmi(rank % this.pools.gsm8k.length)];
      return { ...g, tags: [source, 'copy_of_gsm8k_train'] };
    }
    let t: Template;
    if (omiReal.length > 0 && rng.chance(0.12)) t = perturb(omiReal[rng.int(0, omiReal.length - 1)], rng, 0);
    else if (source === 'augmented_gsm8k' || source === 'gsm8k') t = perturb(this.pools.gsm8k[rng.int(0, this.pools.gsm8k.length - 1)], rng, 0);
    else t = perturb(this.pools.mathTrain[rng.int(0, this.pools.mathTrain.length - 1)], rng, 0.1);
    return { problem: t.problem, solution: withBox(t.solution, t.answer), answer: t.answer, tags: [source] };
  }

  omiProblem(p: number, salt = 0): Item & { source: string } {
    const source = this.omiSourceOf(p);
    const kind = this.plant('omi', p);
    if (kind === null) return { ...this.omiFresh(p, salt), source };
    const rng = itemRng(this.opts.seed, 'omi-plant', p);
    const item = this.planted(kind, rng, () => this.omiFresh(p), { source: 'omi', p });
    // OMI2 rows always carry an expected answer: a copied proof falls back to the fresh problem
    if (item.answer.trim() === '') return { ...this.omiFresh(p), source };
    return { ...item, tags: [source, ...item.tags], source };
  }

  /** Solution row s of problem p: the first is the base solution, others are rephrased variants. */
  omiSolution(base: Template, p: number, s: number): string {
    if (s === 0) return base.solution;
    const rng = itemRng(this.opts.seed, 'omi-solution', p, s);
    const opener = rng.pick(['', "Let's solve this step by step.\n\n", 'We work through the problem carefully.\n\n', 'To answer this, we set up the computation.\n\n', "Let's break it down.\n\n", '']);
    const hits = wordHits(base.solution);
    const body = applyWords(base.solution, wordMap(base.solution, rng, 0.6, hits), hits);
    const tail = rng.chance(0.3) ? `\n\nSo, the answer is $\\boxed{${base.answer}}$.` : '';
    // base solutions already end in a box (withBox in omiFresh / planted)
    return opener + (tail ? unbox(body) : body) + tail;
  }

  omiRowsOf(p: number): number {
    const k = this.opts.omiRowsPerProblem;
    return 1 + Math.floor(hash01(this.opts.seed, hashString('omi-k'), p) * Math.max(1, 2 * k - 1));
  }

  /**
   * A freshly generated problem equal to an earlier one is drawn again (new salt, up to 4 times);
   * planted copies are exempt. Deterministic, since rows are generated in a fixed order.
   */
  private uniqueItem<T extends Item>(make: (salt: number) => T): { item: T; salt: number } {
    let item = make(0);
    if (item.tags.some((t) => t.startsWith('exact_') || t.startsWith('near_') || t.startsWith('contamination') || t.startsWith('copy_of'))) return { item, salt: 0 };
    for (let salt = 1; ; salt++) {
      if (this.fresh(item.problem)) return { item, salt: salt - 1 };
      if (salt > 4) {
        item.tags.push('accidental_duplicate');
        this.accidental++;
        return { item, salt: salt - 1 };
      }
      this.redrawn++;
      item = make(salt);
    }
  }
  redrawn = 0;

  // ------------------------------------------------------------------------------ writing

  /** Registers the MATH, HARP and Omni-MATH problems without writing them (for a worker writing OMI2 only). */
  registerFixedSources(): void {
    for (const split of ['train', 'test'] as const) {
      const total = split === 'train' ? this.n.mathTrain : this.n.mathTest;
      for (let i = 0; i < total; i++) this.fresh(this.mathRow(split, i).row.problem);
    }
    for (let i = 0; i < this.n.harp; i++) this.fresh(this.harpRow(i).item.problem);
    for (let i = 0; i < this.n.omni; i++) this.fresh(this.omniRow(i).item.problem);
  }

  /** Counters as plain data (to pass from a worker thread). */
  snapshot(): Snapshot {
    return {
      stats: [...this.stats].map(([source, m]) => [source, [...m]]),
      kinds: [...this.kinds],
      accidental: this.accidental,
      redrawn: this.redrawn,
      omiSpreadRows: this.omiSpreadRows,
    };
  }

  async writeMath(dir: string): Promise<FileInfo[]> {
    await mkdir(dir, { recursive: true });
    const out: FileInfo[] = [];
    for (const split of ['train', 'test'] as const) {
      const path = join(dir, `${split}.jsonl`);
      const w = new LineWriter(path);
      const total = split === 'train' ? this.n.mathTrain : this.n.mathTest;
      for (let i = 0; i < total; i++) {
        const { row, verbatim } = this.mathRow(split, i);
        this.fresh(row.problem);
        this.tag('math', split, [verbatim ? 'verbatim' : 'perturbed'], row.answer);
        await w.write(row.line);
      }
      await w.close();
      out.push({ path, rows: total, bytes: 0 });
    }
    return out;
  }

  async writeHarp(dir: string): Promise<FileInfo[]> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'HARP.jsonl');
    const w = new LineWriter(path);
    for (let i = 0; i < this.n.harp; i++) {
      const r = this.harpRow(i);
      this.fresh(r.item.problem);
      this.tag('harp', 'all', r.tags, r.item.answer);
      await w.write(r.line);
    }
    await w.close();
    return [{ path, rows: this.n.harp, bytes: 0 }];
  }

  async writeOmni(dir: string): Promise<FileInfo[]> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'test.jsonl');
    const w = new LineWriter(path);
    for (let i = 0; i < this.n.omni; i++) {
      const r = this.omniRow(i);
      this.fresh(r.item.problem);
      this.tag('omni_math', 'all', [r.verbatim ? 'verbatim' : 'perturbed'], r.item.answer);
      await w.write(r.line);
    }
    await w.close();
    return [{ path, rows: this.n.omni, bytes: 0 }];
  }

  /** NuminaMath rows, subsets interleaved at random (drawn in proportion to the rows left). */
  async writeNumina(dir: string): Promise<FileInfo[]> {
    const w = new ParquetShards(dir, NUMINA_COLUMNS, this.opts.shardRows, NUMINA_SELECT);
    const left = this.numinaWeights.slice();
    const next = new Array<number>(left.length).fill(0);
    const order = itemRng(this.opts.seed, 'numina-order', 0);
    let total = left.reduce((a, b) => a + b, 0);
    while (total > 0) {
      const s = order.weighted(left);
      const subset = this.numinaNames[s];
      const j = next[s]++;
      left[s]--;
      total--;
      const item = this.uniqueItem((salt) => this.numinaRow(subset, j, salt)).item;
      this.tag('numinamath', subset, item.tags, item.answer);
      await w.write({ source: subset, problem: item.problem, solution: item.solution });
    }
    return w.close();
  }

  /**
   * OpenMathInstruct-2 rows: each problem's rows are mostly adjacent; a share of its extra rows is
   * held back (only the (problem, solution) index is kept) and written 5–40% of the file later.
   */
  async writeOmi(dir: string, maxRows: number | null): Promise<FileInfo[]> {
    const w = new ParquetShards(dir, OMI_COLUMNS, this.opts.shardRows);
    const P = this.n.omiProblems;
    const expected = maxRows ?? Math.round(P * this.opts.omiRowsPerProblem);
    const heap = new DeferHeap();
    let rows = 0;
    let spread = 0;
    const emit = async (item: Item & { source: string }, p: number, s: number, first: boolean) => {
      if (maxRows !== null && rows >= maxRows) return;
      rows++;
      if (first) {
        this.tag('openmathinstruct2', item.source, ['problems', ...item.tags.slice(1)], item.answer, false);
      }
      this.tag('openmathinstruct2', item.source, [], null);
      await w.write({ problem: item.problem, generated_solution: this.omiSolution(item, p, s), expected_answer: item.answer, problem_source: item.source });
    };
    for (let p = 0; maxRows === null ? p < P : rows + heap.size < maxRows; p++) {
      while (heap.size > 0 && heap.peek().due <= rows) {
        const d = heap.pop();
        await emit(this.omiProblem(d.p, d.salt), d.p, d.s, false);
      }
      const { item, salt } = this.uniqueItem((salt) => this.omiProblem(p, salt));
      const k = this.omiRowsOf(p);
      for (let s = 0; s < k; s++) {
        if (s > 0 && hash01(this.opts.seed, hashString('omi-defer'), p, s) < RATES.omiSpread) {
          const span = Math.max(1, expected);
          const due = rows + Math.floor(span * (0.05 + 0.35 * hash01(this.opts.seed, hashString('omi-due'), p, s)));
          heap.push({ due, p, s, salt });
          spread++;
        } else await emit(item, p, s, s === 0);
      }
    }
    while (heap.size > 0) {
      const d = heap.pop();
      await emit(this.omiProblem(d.p, d.salt), d.p, d.s, false);
    }
    this.omiSpreadRows = spread;
    return w.close();
  }
  omiSpreadRows = 0;
}

/** Min-heap of held-back OMI2 rows, ordered by (due, p, s). */
class DeferHeap {
  private readonly a: { due: number; p: number; s: number; salt: number }[] = [];
  get size(): number {
    return this.a.length;
  }
  peek() {
    return this.a[0];
  }
  private less(i: number, j: number): boolean {
    const x = this.a[i];
    const y = this.a[j];
    return x.due !== y.due ? x.due < y.due : x.p !== y.p ? x.p < y.p : x.s < y.s;
  }
  push(v: { due: number; p: number; s: number; salt: number }): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): { due: number; p: number; s: number; salt: number } {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(l, m)) m = l;
        if (r < a.length && this.less(r, m)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
