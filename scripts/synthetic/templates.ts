/**
 * Template pools: real upstream rows the generator copies or perturbs. Read from
 * `../shared/data` when present (thousands of real rows), else from the bundled `data/sample`
 * (a few hundred), so the generator also runs on a fresh clone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { extractLastBoxed } from '../../checker/boxed.ts';

/** One problem with a worked solution and its final answer (the last `\boxed{}` where upstream boxes). */
export interface Template {
  problem: string;
  solution: string;
  answer: string;
}

export interface MathRow extends Template {
  level: string;
  type: string;
  /** The upstream JSONL line, copied byte for byte when the row is emitted verbatim. */
  line: string;
}

export interface HarpRow extends Template {
  raw: Record<string, unknown>;
  line: string | null;
}

export interface OmniRow extends Template {
  raw: Record<string, unknown>;
  line: string | null;
}

export interface Pools {
  origin: 'shared' | 'sample';
  root: string;
  mathTrain: MathRow[];
  mathTest: MathRow[];
  /** GSM8K train problems with the solution in NuminaMath style (`\boxed{}` final answer). */
  gsm8k: Template[];
  harp: HarpRow[];
  omni: OmniRow[];
  omi2: (Template & { source: string })[];
  /** Benchmark problems (MATH-500, GSM8K test, AIME, AMC) for planted contamination. */
  benchmarks: { name: string; problem: string; answer: string }[];
}

const ROOT = join(import.meta.dirname, '..', '..');

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function jsonl<T>(path: string): { value: T; line: string }[] {
  return lines(path).map((line) => ({ value: JSON.parse(line) as T, line }));
}

async function parquetRows(path: string): Promise<Record<string, unknown>[]> {
  const file = await asyncBufferFromFile(path);
  return (await parquetReadObjects({ file, compressors, utf8: true })) as Record<string, unknown>[];
}

/** GSM8K `answer` → NuminaMath-style solution: calculator notes removed, `#### N` boxed. */
export function gsmSolution(answer: string): { solution: string; answer: string } {
  const [body, final = ''] = answer.split('####');
  const a = final.trim().replace(/,/g, '');
  return { solution: `${body.replace(/<<[^>]*>>/g, '').trim()}\nThe answer is $\\boxed{${a}}$.`, answer: a };
}

type RawMath = { problem: string; level: string; type: string; solution: string };

function mathRow(v: RawMath, line: string): MathRow | null {
  const answer = extractLastBoxed(v.solution);
  if (!answer || !v.problem) return null;
  return { problem: v.problem, solution: v.solution, answer, level: v.level, type: v.type, line };
}

function harpRow(v: Record<string, unknown>, line: string | null): HarpRow | null {
  const problem = v.problem as string;
  const solution = v.solution_1 as string | undefined;
  const answer = String(v.answer ?? '').replace(/^\$|\$$/g, '').trim();
  if (!problem || !solution || !answer) return null;
  return { problem, solution, answer, raw: v, line };
}

function omniRow(v: Record<string, unknown>, line: string | null): OmniRow | null {
  const problem = v.problem as string;
  const solution = (v.solution as string | null) ?? '';
  const answer = String(v.answer ?? '');
  if (!problem || !answer) return null;
  return { problem, solution, answer, raw: v, line };
}

const nonNull = <T>(x: T | null): x is T => x !== null;

export async function loadPools(sharedDir?: string): Promise<Pools> {
  const shared = sharedDir ?? join(ROOT, '..', 'shared', 'data');
  if (existsSync(join(shared, 'sources', 'math', 'train.jsonl'))) return loadShared(shared);
  return loadSample(join(ROOT, 'data', 'sample'));
}

async function loadShared(dir: string): Promise<Pools> {
  const s = (p: string) => join(dir, p);
  const mathTrain = jsonl<RawMath>(s('sources/math/train.jsonl')).map((r) => mathRow(r.value, r.line)).filter(nonNull);
  const mathTest = jsonl<RawMath>(s('sources/math/test.jsonl')).map((r) => mathRow(r.value, r.line)).filter(nonNull);
  const gsm8k = existsSync(s('sources/gsm8k/train.jsonl'))
    ? jsonl<{ question: string; answer: string }>(s('sources/gsm8k/train.jsonl')).map((r) => ({ problem: r.value.question, ...gsmSolution(r.value.answer) }))
    : [];
  const harp = jsonl<Record<string, unknown>>(s('sources/harp/HARP.jsonl')).map((r) => harpRow(r.value, r.line)).filter(nonNull);
  const omni = jsonl<Record<string, unknown>>(s('sources/omni-math/omni_math_rule.jsonl')).map((r) => omniRow(r.value, r.line)).filter(nonNull);
  const omi2 = jsonl<Record<string, string>>(s('sources/openmathinstruct-2/openmathinstruct2_100.jsonl')).map((r) => ({
    problem: r.value.problem,
    solution: r.value.generated_solution,
    answer: r.value.expected_answer,
    source: r.value.problem_source,
  }));
  const benchmarks: Pools['benchmarks'] = [];
  const b = (p: string) => s(`benchmarks/${p}`);
  if (existsSync(b('math-500/test.jsonl'))) for (const r of jsonl<{ problem: string; answer: string }>(b('math-500/test.jsonl'))) benchmarks.push({ name: 'math500', problem: r.value.problem, answer: r.value.answer });
  if (existsSync(b('gsm8k/test.jsonl'))) for (const r of jsonl<{ question: string; answer: string }>(b('gsm8k/test.jsonl'))) benchmarks.push({ name: 'gsm8k', problem: r.value.question, answer: gsmSolution(r.value.answer).answer });
  if (existsSync(b('aime/aimo-validation-aime.jsonl'))) for (const r of jsonl<{ problem: string; answer: string }>(b('aime/aimo-validation-aime.jsonl'))) benchmarks.push({ name: 'aime', problem: r.value.problem, answer: String(r.value.answer) });
  if (existsSync(b('amc/amc23_test.jsonl'))) for (const r of jsonl<{ problem: string; answer: number }>(b('amc/amc23_test.jsonl'))) benchmarks.push({ name: 'amc23', problem: r.value.problem, answer: String(Math.round(Number(r.value.answer))) });
  return { origin: 'shared', root: dir, mathTrain, mathTest, gsm8k, harp, omni, omi2, benchmarks };
}

async function loadSample(dir: string): Promise<Pools> {
  const s = (p: string) => join(dir, p);
  const mathTrain = jsonl<RawMath>(s('math/train.jsonl')).map((r) => mathRow(r.value, r.line)).filter(nonNull);
  const mathTest: MathRow[] = [];
  const testDir = s('math/test');
  for (const subject of readdirSync(testDir).sort()) {
    for (const f of readdirSync(join(testDir, subject)).sort()) {
      const v = JSON.parse(readFileSync(join(testDir, subject, f), 'utf8')) as RawMath;
      const row = mathRow(v, JSON.stringify(v));
      if (row) mathTest.push(row);
    }
  }
  const numina = await parquetRows(s('numinamath/train-sample.parquet'));
  const gsm8k = numina
    .filter((r) => r.source === 'gsm8k')
    .map((r) => ({ problem: r.problem as string, solution: r.solution as string, answer: extractLastBoxed(r.solution as string) ?? '' }))
    .filter((t) => t.answer !== '');
  const harp = jsonl<Record<string, unknown>>(s('harp/HARP.jsonl')).map((r) => harpRow(r.value, r.line)).filter(nonNull);
  const omni = jsonl<Record<string, unknown>>(s('omni_math/test.jsonl')).map((r) => omniRow(r.value, r.line)).filter(nonNull);
  const omi2 = (await parquetRows(s('openmathinstruct2/train_1M-sample.parquet'))).map((r) => ({
    problem: r.problem as string,
    solution: r.generated_solution as string,
    answer: r.expected_answer as string,
    source: r.problem_source as string,
  }));
  // the sample's MATH test problems are all MATH-500 problems
  const benchmarks = mathTest.map((m) => ({ name: 'math500', problem: m.problem, answer: m.answer }));
  return { origin: 'sample', root: dir, mathTrain, mathTest, gsm8k, harp, omni, omi2, benchmarks };
}
