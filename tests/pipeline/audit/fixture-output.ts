/**
 * Builds a small, realistic output folder of `bigmath run` (Parquet shards with exactly the
 * writer's columns, written by the real shard writer, and a manifest) without running the
 * pipeline: fast and deterministic, for the audit and report tests.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '../../../schemas/config.ts';
import type { Manifest, SourceCounts } from '../../../schemas/manifest.ts';
import type { Signal } from '../../../schemas/signal.ts';
import { canonicalJson } from '../../../pipeline/canonical-json.ts';
import { mulberry32 } from '../../../pipeline/dedup/murmur3.ts';
import { FILTERS as FILTER_LIST } from '../../../filters/index.ts';
import { recordId } from '../../../sources/identity.ts';
import { verdictOf } from '../../../pipeline/process/verdict.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from '../../../pipeline/write/columns.ts';
import { ParquetShardWriter } from '../../../pipeline/write/parquet-shards.ts';

/** Per-record filters in pipeline order, as the filters register them (name = reason code). */
export const FILTERS = FILTER_LIST.map((f) => f.name);

export interface FixtureRow {
  id: string;
  source: string;
  source_id: string;
  subset: string | null;
  problem: string;
  answer: string | null;
  answer_kind: string | null;
  answer_canonical: string | null;
  signals: Signal[];
  dup_cluster: string | null;
  dup_cluster_size: number;
  duplicate_of: string | null;
  contamination: string | null;
  folded_rows: number;
  level: string | null;
  subject: string | null;
}

export interface Fixture {
  dir: string;
  manifest: Manifest;
  rows: (FixtureRow & { kept: boolean; reason: string | null })[];
}

const SOURCES = ['math', 'numinamath', 'harp', 'omni_math', 'openmathinstruct2'] as const;
const SUBSETS: Record<string, (string | null)[]> = {
  math: [null],
  numinamath: ['cn_k12', 'olympiads', 'synthetic_math'],
  harp: ['AMC_10', 'AIME'],
  omni_math: [null],
  openmathinstruct2: ['augmented_math', 'math'],
};

const hashId = recordId;

/** Deterministic PRNG in [0, 1) (the project's mulberry32). */
function rng(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/** Problems with math to render; `i` varies the numbers so texts differ. */
function problemText(i: number, kind: string): { problem: string; answer: string | null; answer_kind: string | null; canonical: string | null; evidence: string } {
  const a = (i % 9) + 2;
  const b = (i % 7) + 3;
  switch (kind) {
    case 'non_english':
      return { problem: `求 $x^2 - ${a}x + ${b} = 0$ 的所有实数根之和。`, answer: String(a), answer_kind: 'number', canonical: String(a), evidence: 'language zh (0.98)' };
    case 'hyperlink':
      return { problem: `See https://artofproblemsolving.com/wiki/${i} and compute $${a}^{${b}} \\bmod 7$. <a href="x"></script><!-- & -->`, answer: String(a ** b % 7), answer_kind: 'number', canonical: String(a ** b % 7), evidence: `https://artofproblemsolving.com/wiki/${i}` };
    case 'figure_required':
      return { problem: `In the figure below, $\\triangle ABC$ has $AB = ${a}$ and $BC = ${b}$. Find $AC$.`, answer: `\\sqrt{${a * a + b * b}}`, answer_kind: 'number', canonical: `sqrt(${a * a + b * b})`, evidence: '"In the figure below"' };
    case 'missing_answer':
      return { problem: `Evaluate $\\int_0^{${a}} x^{${b}}\\,dx$.`, answer: null, answer_kind: null, canonical: null, evidence: 'no \\boxed{} in the solution' };
    case 'multiple_answers':
      return { problem: `Find all $n$ with $n^2 \\equiv ${a} \\pmod{${b + 10}}$.`, answer: `${a} or ${b}`, answer_kind: null, canonical: null, evidence: `two different \\boxed{}: ${a} and ${b}` };
    case 'multiple_choice':
      return { problem: `What is $\\frac{${a}}{${b}} + \\frac{1}{2}$? $\\textbf{(A)}\\ 1 \\qquad \\textbf{(B)}\\ 2 \\qquad \\textbf{(C)}\\ 3$`, answer: 'B', answer_kind: null, canonical: null, evidence: 'options (A) (B) (C); answer is an option label' };
    case 'yes_no':
      return { problem: `Is $${a * b + 1}$ a prime number?`, answer: 'Yes', answer_kind: null, canonical: null, evidence: 'answer "Yes"' };
    case 'true_false':
      return { problem: `True or false: $\\sqrt{${a}} + \\sqrt{${b}} > \\sqrt{${a + b}}$.`, answer: 'True', answer_kind: null, canonical: null, evidence: 'answer "True"' };
    case 'proof':
      return { problem: `Prove that for every integer $n \\ge ${a}$, $n^{${b}} - n$ is divisible by ${b}.`, answer: null, answer_kind: null, canonical: null, evidence: '"Prove that"' };
    case 'multi_part':
      return { problem: `(1) Find $f(${a})$ where $f(x) = x^2 + ${b}$. (2) Solve $f(x) = ${b + 4}$.`, answer: `${a * a + b}; \\pm 2`, answer_kind: null, canonical: null, evidence: 'parts (1), (2)' };
    case 'answer_not_closed_form':
      return { problem: `Describe the set of points $(x, y)$ with $|x| + |y| \\le ${a}$.`, answer: `a square with vertices at (\\pm ${a}, 0)`, answer_kind: null, canonical: null, evidence: 'answer is prose' };
    default:
      return {
        problem: `Let $f(x) = ${a}x^2 + ${b}x - ${i}$. Compute $f(${a}) + \\frac{${b}}{${a}}$ and give the exact value. (variant ${i})`,
        answer: `\\frac{${(a * a * a + b * a - i) * a + b}}{${a}}`,
        answer_kind: 'number',
        canonical: `${(a * a * a + b * a - i) * a + b}/${a}`,
        evidence: '',
      };
  }
}

const REASON_PLAN = ['ok', 'ok', 'ok', 'non_english', 'hyperlink', 'figure_required', 'missing_answer', 'multiple_answers', 'multiple_choice', 'yes_no', 'ok', 'true_false', 'proof', 'multi_part', 'answer_not_closed_form', 'ok', 'ok'];

export interface FixtureOptions {
  /** Records per source (before malformed rows). */
  perSource?: number;
  rowsPerShard?: number;
  /** `filters.disable` of the simulated run. */
  disable?: string[];
}

export async function buildFixtureOutput(dir: string, opts: FixtureOptions = {}): Promise<Fixture> {
  const perSource = opts.perSource ?? 34;
  const config = ConfigSchema.parse({ out: dir, rows_per_shard: opts.rowsPerShard ?? 40, filters: { disable: opts.disable ?? [] }, workers: 0 });
  const rand = rng(42);
  const rows: FixtureRow[] = [];
  const malformed: { id: string; source: string; source_id: string; error: string }[] = [];
  for (const source of SOURCES) {
    for (let i = 0; i < perSource; i++) {
      const sid = `${source}/${i}`;
      const subsets = SUBSETS[source];
      const subset = subsets[i % subsets.length];
      let kind = REASON_PLAN[(i + source.length) % REASON_PLAN.length];
      if (source === 'numinamath' && subset === 'synthetic_math') kind = 'source_excluded';
      const p = problemText(i + 10 * source.length, kind);
      const signals: Signal[] = FILTERS.map((f) => ({ filter: f, reason: f, fired: f === kind, evidence: f === kind ? (kind === 'source_excluded' ? `subset ${subset} is excluded` : p.evidence) : '' }));
      // a second failing check now and then (reasons lists more than one code)
      if (kind === 'multiple_choice' && i % 2 === 0) Object.assign(signals[FILTERS.indexOf('answer_not_closed_form')], { fired: true, evidence: 'answer is an option label' });
      if (kind === 'yes_no' && rand() < 0.5) Object.assign(signals[FILTERS.indexOf('true_false')], { fired: true, evidence: 'judgement of a statement' });
      rows.push({
        id: hashId(source, sid),
        source,
        source_id: sid,
        subset,
        problem: p.problem,
        answer: p.answer,
        answer_kind: p.answer_kind,
        answer_canonical: p.canonical,
        signals,
        dup_cluster: null,
        dup_cluster_size: 1,
        duplicate_of: null,
        contamination: null,
        folded_rows: source === 'openmathinstruct2' ? 1 + (i % 3) : 0,
        level: source === 'math' ? `Level ${1 + (i % 5)}` : null,
        subject: source === 'math' ? ['Algebra', 'Geometry', 'Number Theory'][i % 3] : null,
      });
    }
    malformed.push({ id: hashId(source, `${source}/bad`), source, source_id: `${source}/bad`, error: 'row 7: missing required column "problem"' });
  }

  // Duplicate clusters. Cluster 1: one problem in math (kept), numinamath (exact), harp (near 0.86),
  // omni_math (near 0.93). Cluster 2: answer conflict. Cluster 3: a rejected (yes_no) member with a
  // kept member: the rejected one keeps its own reason, dedup does not fire.
  const okOf = (source: string) => rows.filter((r) => r.source === source && r.signals.every((s) => !s.fired));
  const join3 = (members: FixtureRow[], keeper: FixtureRow, facts: [string | null, string][]) => {
    const cluster = members.map((m) => m.id).sort()[0];
    members.forEach((m, k) => {
      m.dup_cluster = cluster;
      m.dup_cluster_size = members.length;
      const [reason, evidence] = facts[k];
      if (m !== keeper && reason) m.duplicate_of = keeper.id;
      m.problem = k === 0 || reason !== 'exact_duplicate' ? m.problem : keeper.problem;
    });
  };
  const c1 = [okOf('math')[0], okOf('numinamath')[0], okOf('harp')[0], okOf('omni_math')[0]];
  c1[1].problem = c1[0].problem;
  c1[2].problem = c1[0].problem.replace('give the exact value', 'give its exact value');
  c1[3].problem = c1[0].problem.replace('Compute', 'Find');
  const c1facts: [string | null, string][] = [
    [null, ''],
    ['exact_duplicate', `same normalised text as ${c1[0].id}`],
    ['near_duplicate', `Jaccard 0.86 with ${c1[0].id}`],
    ['near_duplicate', `Jaccard 0.93 with ${c1[2].id} (kept ${c1[0].id})`],
  ];
  join3(c1, c1[0], c1facts);
  const c2 = [okOf('math')[1], okOf('openmathinstruct2')[0], okOf('numinamath')[1]];
  c2[1].problem = c2[0].problem;
  c2[2].problem = c2[0].problem;
  c2[1].answer = '42';
  c2[1].answer_canonical = '42';
  const c2facts: [string | null, string][] = [
    [null, ''],
    ['answer_conflict', `answer 42 vs ${c2[0].answer} (kept ${c2[0].id})`],
    ['exact_duplicate', `same normalised text as ${c2[0].id}`],
  ];
  join3(c2, c2[0], c2facts);
  const yesNo = rows.find((r) => r.source === 'harp' && r.signals.some((s) => s.filter === 'yes_no' && s.fired))!;
  const c3 = [okOf('omni_math')[1], yesNo];
  yesNo.problem = c3[0].problem;
  join3(c3, c3[0], [[null, ''], [null, '']]);
  c3[1].duplicate_of = null;

  const dedupFacts = new Map<string, [string | null, string]>();
  c1.forEach((m, k) => dedupFacts.set(m.id, c1facts[k]));
  c2.forEach((m, k) => dedupFacts.set(m.id, c2facts[k]));
  // A contaminated record.
  const contaminated = okOf('numinamath')[2];
  contaminated.contamination = 'math500:test/algebra/1234';

  for (const r of rows) {
    const [dreason, devidence] = dedupFacts.get(r.id) ?? [null, ''];
    r.signals.push(
      {
        filter: 'decontamination',
        reason: 'benchmark_contamination',
        fired: r.contamination !== null,
        evidence: r.contamination ? `same text as math500 test/algebra/1234: "${r.problem.slice(0, 40)}"` : '',
      },
      { filter: 'dedup', reason: dreason ?? 'exact_duplicate', fired: dreason !== null, evidence: devidence },
    );
  }

  const corpus = new ParquetShardWriter(join(dir, 'corpus'), CORPUS_COLUMNS, config.rows_per_shard);
  const rejected = new ParquetShardWriter(join(dir, 'rejected'), REJECTED_COLUMNS, config.rows_per_shard);
  const disabled = new Set(config.filters.disable);
  const counts: Record<string, SourceCounts> = {};
  const c = (s: string) => (counts[s] ??= { read: 0, kept: 0, rejected: 0, folded: 0, by_reason: {}, by_any_reason: {}, subsets: {} });
  const out: Fixture['rows'] = [];
  for (const r of rows) {
    const full = {
      id: r.id,
      source: r.source,
      source_id: r.source_id,
      subset: r.subset,
      problem: r.problem,
      problem_original: r.problem.includes('figure') ? `${r.problem}\n[asy]draw((0,0)--(1,1));[/asy]` : null,
      cleaning: r.problem.includes('figure') ? ['asy_removed'] : [],
      solution: r.answer ? `We compute step by step and get $\\boxed{${r.answer}}$.` : 'Omitted.',
      answer: r.answer,
      answer_origin: r.source === 'math' ? 'solution_boxed' : 'column',
      answer_kind: r.answer_kind,
      answer_canonical: r.answer_canonical,
      level: r.level,
      subject: r.subject,
      metadata: JSON.stringify({ fixture: true }),
      signals: r.signals,
      dup_cluster: r.dup_cluster,
      dup_cluster_size: r.dup_cluster_size,
      duplicate_of: r.duplicate_of,
      contamination: r.contamination,
      folded_rows: r.folded_rows,
      input_file: `data/sample/${r.source}/part-0.jsonl`,
      input_row: Number(r.source_id.split('/')[1]) + 1,
    };
    const v = verdictOf(r.signals, disabled);
    const sc = c(r.source);
    sc.read += 1 + r.folded_rows;
    sc.folded += r.folded_rows;
    const sub = (sc.subsets[r.subset ?? '(none)'] ??= { read: 0, kept: 0 });
    sub.read += 1 + r.folded_rows;
    if (v.kept) {
      await corpus.write(full);
      sc.kept++;
      sub.kept++;
    } else {
      await rejected.write({ ...full, reason: v.reason, reasons: v.reasons, stage: v.stage, evidence: v.evidence });
      sc.rejected++;
      sc.by_reason[v.reason!] = (sc.by_reason[v.reason!] ?? 0) + 1;
      for (const x of v.reasons) sc.by_any_reason[x] = (sc.by_any_reason[x] ?? 0) + 1;
    }
    out.push({ ...r, kept: v.kept, reason: v.reason });
  }
  for (const m of malformed) {
    await rejected.write({
      id: m.id,
      source: m.source,
      source_id: m.source_id,
      subset: null,
      problem: '{"question": 7, "answer": null',
      problem_original: null,
      cleaning: [],
      solution: null,
      answer: null,
      answer_origin: null,
      answer_kind: null,
      answer_canonical: null,
      level: null,
      subject: null,
      metadata: '{}',
      signals: [{ filter: 'read', reason: 'malformed_row', fired: true, evidence: m.error }],
      dup_cluster: null,
      dup_cluster_size: 1,
      duplicate_of: null,
      contamination: null,
      folded_rows: 0,
      input_file: `data/sample/${m.source}/part-0.jsonl`,
      input_row: 7,
      reason: 'malformed_row',
      reasons: ['malformed_row'],
      stage: 'read',
      evidence: m.error,
    });
    const sc = c(m.source);
    sc.read++;
    sc.rejected++;
    sc.by_reason.malformed_row = (sc.by_reason.malformed_row ?? 0) + 1;
    sc.by_any_reason.malformed_row = (sc.by_any_reason.malformed_row ?? 0) + 1;
    (sc.subsets['(none)'] ??= { read: 0, kept: 0 }).read++;
  }
  const prefix = (d: string) => (s: { path: string; rows: number; bytes: number; sha256: string }) => ({ ...s, path: `${d}/${s.path}` });
  const outputs = { corpus: (await corpus.close()).map(prefix('corpus')), rejected: (await rejected.close()).map(prefix('rejected')) };
  const { out: _o, workers: _w, ...hashed } = config;
  const totals = { read: 0, kept: 0, rejected: 0, folded: 0 };
  for (const s of Object.values(counts)) for (const k of ['read', 'kept', 'rejected', 'folded'] as const) totals[k] += s[k];
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  const manifest: Manifest = {
    tool: { name: 'bigmath', version: '0.1.0', node: '24' },
    config_hash: createHash('sha256').update(canonicalJson(hashed)).digest('hex'),
    config: hashed,
    inputs: SOURCES.map((s) => ({ source: s, path: `data/sample/${s}/part-0.jsonl`, files: 1, bytes: 1000, sha256: createHash('sha256').update(s).digest('hex'), rows: sorted[s].read })),
    counts: sorted,
    totals,
    accounting_ok: true,
    outputs,
    dedup: {
      clusters: 3,
      records_in_clusters: 9,
      clusters_by_size: { '2': 1, '3': 1, '4': 1 },
      overlap: {
        harp: { math: 1, numinamath: 1, omni_math: 2 },
        math: { harp: 1, numinamath: 2, omni_math: 1, openmathinstruct2: 1 },
        numinamath: { harp: 1, math: 2, omni_math: 1, openmathinstruct2: 1 },
        omni_math: { harp: 2, math: 1, numinamath: 1 },
        openmathinstruct2: { math: 1, numinamath: 1 },
      },
      removed_by_reason: { exact_duplicate: 2, near_duplicate: 2, answer_conflict: 1 },
      removed_by_source: { numinamath: 2, harp: 1, omni_math: 1, openmathinstruct2: 1 },
    },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { dir, manifest, rows: out };
}
