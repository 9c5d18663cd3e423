/**
 * Deterministic synthetic corpus for the scale benchmark (issue 7): raw files in the official
 * formats at the real proportions, built from real rows (`../shared/data`, else `data/sample`)
 * with numbers and words re-drawn by a seeded PRNG, plus planted exact and near duplicates,
 * benchmark contamination, multiple choice, proofs, multi-part, Chinese and prose-answer rows.
 *
 *   node scripts/generate-synthetic.ts --out DIR [--scale S] [--seed N] [--omi-rows-per-problem K]
 *   node scripts/generate-synthetic.ts --out DIR --omi-only-rows N     (just an OMI2 input of N rows)
 *
 * Writes DIR/numinamath/train-0000N.parquet, DIR/openmathinstruct2/train-0000N.parquet,
 * DIR/math/{train,test}.jsonl, DIR/harp/HARP.jsonl, DIR/omni_math/test.jsonl and
 * DIR/generation.json (counts per source, subset and planted category). Same seed and scale give
 * byte-identical files.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { FULL, NUMINA_SUBSETS, RATES, type Counter, type GenOptions, type Snapshot } from './synthetic/generator.ts';
import type { Part } from './synthetic/worker.ts';
import { PARQUET_CODEC, type FileInfo } from './synthetic/writer.ts';

const USAGE = 'usage: node scripts/generate-synthetic.ts --out DIR [--scale S] [--seed N] [--omi-rows-per-problem K] [--omi-only-rows N] [--shard-rows N] [--shared DIR]';

function parse(argv: string[]): GenOptions & { shared?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      'omi-rows-per-problem': { type: 'string', default: '2.5' },
      'omi-only-rows': { type: 'string' },
      'shard-rows': { type: 'string', default: '200000' },
      shared: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const num = (name: string, v: string, ok: (x: number) => boolean) => {
    const x = Number(v);
    if (!Number.isFinite(x) || !ok(x)) {
      console.error(`--${name}: invalid value "${v}"\n${USAGE}`);
      process.exit(2);
    }
    return x;
  };
  return {
    out: values.out,
    scale: num('scale', values.scale!, (x) => x > 0 && x <= 10),
    seed: num('seed', values.seed!, (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32) >>> 0,
    omiRowsPerProblem: num('omi-rows-per-problem', values['omi-rows-per-problem']!, (x) => x >= 1 && x <= 50),
    omiOnlyRows: values['omi-only-rows'] === undefined ? null : num('omi-only-rows', values['omi-only-rows'], (x) => Number.isInteger(x) && x > 0),
    shardRows: num('shard-rows', values['shard-rows']!, (x) => Number.isInteger(x) && x >= 100),
    shared: values.shared,
  };
}

interface WorkerResult {
  files: Record<string, FileInfo[]>;
  timings: Record<string, number>;
  snapshot: Snapshot;
  keys: Float64Array;
}

/** Runs one part in a worker thread (two parts run at once: one core each). */
function runPart(part: Part, opts: GenOptions & { shared?: string }): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./synthetic/worker.ts', import.meta.url), { workerData: { opts, part, shared: opts.shared } });
    let result: WorkerResult | null = null;
    w.once('message', (m: WorkerResult) => (result = m));
    w.once('error', reject);
    w.once('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`worker ${part} exited with code ${code}`))));
  });
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  const t0 = performance.now();
  const out = opts.out;
  await mkdir(out, { recursive: true });
  const dirs = opts.omiOnlyRows === null ? ['math', 'harp', 'omni_math', 'numinamath', 'openmathinstruct2'] : ['openmathinstruct2'];
  for (const d of dirs) await rm(join(out, d), { recursive: true, force: true });
  await rm(join(out, 'generation.json'), { force: true });

  const parts: Part[] = opts.omiOnlyRows === null ? ['fixed+numina', 'omi'] : ['omi'];
  const results = await Promise.all(parts.map((p) => runPart(p, opts)));
  const files: Record<string, FileInfo[]> = {};
  for (const r of results) Object.assign(files, r.files);
  for (const list of Object.values(files)) for (const info of list) info.bytes = (await stat(info.path)).size;
  // problems equal across the two workers (each worker only redraws against its own problems)
  let crossWorker = 0;
  if (results.length === 2) {
    const numina = new Set(results[0].keys);
    for (const k of results[1].keys) if (numina.has(k)) crossWorker++;
  }
  const report = buildReport(merge(results.map((r) => r.snapshot)), crossWorker, opts, (await loadPoolsOrigin(opts.shared)), files, out);
  await writeFile(join(out, 'generation.json'), JSON.stringify(report, null, 2) + '\n');
  const secs = (performance.now() - t0) / 1000;
  for (const [name, list] of Object.entries(files)) {
    console.error(`${name}: ${list.reduce((a, f) => a + f.rows, 0)} rows, ${(list.reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(1)} MB`);
  }
  console.error(`done in ${secs.toFixed(1)} s; report: ${join(out, 'generation.json')}`);
}

async function loadPoolsOrigin(shared?: string): Promise<string> {
  return existsSync(join(shared ?? join(import.meta.dirname, '..', '..', 'shared', 'data'), 'sources', 'math', 'train.jsonl')) ? 'shared' : 'sample';
}

interface Merged {
  stats: Map<string, Map<string, Counter>>;
  kinds: Map<string, Counter>;
  accidental: number;
  redrawn: number;
  omiSpreadRows: number;
}

function merge(snaps: Snapshot[]): Merged {
  const m: Merged = { stats: new Map(), kinds: new Map(), accidental: 0, redrawn: 0, omiSpreadRows: 0 };
  for (const s of snaps) {
    for (const [source, subsets] of s.stats) {
      if (!m.stats.has(source)) m.stats.set(source, new Map());
      for (const [subset, c] of subsets) m.stats.get(source)!.set(subset, c);
    }
    for (const [source, c] of s.kinds) m.kinds.set(source, c);
    m.accidental += s.accidental;
    m.redrawn += s.redrawn;
    m.omiSpreadRows += s.omiSpreadRows;
  }
  return m;
}

/** generation.json: deterministic (no timings, no absolute paths). */
function buildReport(gen: Merged, crossWorker: number, opts: GenOptions, origin: string, files: Record<string, FileInfo[]>, out: string) {
  const sources: Record<string, unknown> = {};
  const totals: Record<string, { rows: number; of_rows: number }> = {};
  let allRows = 0;
  for (const [source, bySubset] of gen.stats) {
    const subsets: Record<string, Record<string, number>> = {};
    const sum: Record<string, number> = {};
    for (const [subset, c] of [...bySubset].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      subsets[subset] = Object.fromEntries(Object.entries(c).sort((a, b) => (a[0] === 'rows' ? -1 : b[0] === 'rows' ? 1 : a[0] < b[0] ? -1 : 1)));
      for (const [k, v] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + v;
    }
    const rowsKey = source === 'openmathinstruct2' ? 'problems' : 'rows';
    const base = sum[rowsKey] ?? 0;
    allRows += base;
    sources[source] = {
      files: (files[source] ?? []).map((f) => ({ path: relative(out, f.path), rows: f.rows, bytes: f.bytes })),
      rows: (files[source] ?? []).reduce((a, f) => a + f.rows, 0),
      ...(source === 'openmathinstruct2' ? { distinct_problem_slots: sum.problems ?? 0, spread_rows: gen.omiSpreadRows } : {}),
      subsets,
      answer_kinds: Object.fromEntries(Object.entries(gen.kinds.get(source) ?? {}).sort((a, b) => b[1] - a[1])),
    };
    for (const [k, v] of Object.entries(sum)) {
      if (k === 'rows' || k === 'problems') continue;
      totals[k] ??= { rows: 0, of_rows: 0 };
      totals[k].rows += v;
    }
  }
  for (const t of Object.values(totals)) t.of_rows = allRows;
  return {
    generator: 'scripts/generate-synthetic.ts',
    seed: opts.seed,
    scale: opts.omiOnlyRows === null ? opts.scale : null,
    omi_rows_per_problem: opts.omiRowsPerProblem,
    omi_only_rows: opts.omiOnlyRows,
    shard_rows: opts.shardRows,
    parquet_codec: PARQUET_CODEC,
    templates_from: origin === 'shared' ? '../shared/data (real upstream rows)' : 'data/sample (bundled sample)',
    target_counts_at_scale_1: { numinamath: Object.fromEntries(NUMINA_SUBSETS), ...FULL },
    rates: RATES,
    notes: [
      'Problems count once per planted category (OMI2: per problem slot, not per solution row; `rows` of an OMI2 problem_source are its solution rows); rates are of all problems.',
      'near_duplicate_typeset edits (\\dfrac/\\frac, whitespace, final period, math delimiters, \\left/\\right) normalise to an exact duplicate; near_duplicate_lexical edits change a word and need MinHash.',
      'copy_of_math_train / copy_of_gsm8k_train: NuminaMath `math`/`gsm8k` subsets and OMI2 `math`/`gsm8k` problem_source copy MATH/GSM8K train problems verbatim, as upstream does (cross-source exact duplicates beyond the planted rate).',
      'MATH, HARP and Omni-MATH rows are the real rows (byte-identical lines) while the template pool lasts, then perturbed rows.',
      'A freshly generated problem equal (case/whitespace-insensitive) to an earlier row is drawn again; accidental_duplicate counts those still equal after 4 redraws.',
      'Two worker threads generate in parallel (MATH+HARP+Omni+NuminaMath | OpenMathInstruct-2); each redraws against its own problems and the fixed sources, so equal problems across NuminaMath and OMI2 are only counted (accidental_exact_duplicates_numina_vs_omi2).',
    ],
    accidental_exact_duplicates: gen.accidental + crossWorker,
    accidental_exact_duplicates_numina_vs_omi2: crossWorker,
    redrawn_to_avoid_accidental_duplicates: gen.redrawn,
    planted_totals: Object.fromEntries(
      Object.entries(totals)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([k, v]) => [k, { ...v, rate: Math.round((v.rows / Math.max(1, v.of_rows)) * 1e5) / 1e5 }]),
    ),
    sources,
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
