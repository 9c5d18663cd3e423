/**
 * Gold answers of every real data set in ../shared/data, each with where it came from and (when
 * the row has one) its problem text, which tells an ordered tuple from a "find all" list.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { boxedCount, lastBoxed, stripMath, balanced } from './latex-text.ts';

export interface Gold {
  /** The answer as the data set states it (outer $ and a lone \boxed removed). */
  answer: string;
  /** Data set and row, e.g. "math/train#812". */
  origin: string;
  problem: string;
  /** A worked solution ending in the answer, where the row has one. */
  solution?: string;
}

function jsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The one boxed answer of a solution; null when it has none or several. */
function boxedOf(solution: string): string | null {
  if (boxedCount(solution) !== 1) return null;
  const b = lastBoxed(solution);
  return b === null ? null : b.trim();
}

function push(out: Gold[], answer: string | null, origin: string, problem: string, solution?: string): void {
  if (answer === null) return;
  const a = stripMath(answer).replace(/\s+/g, ' ').trim();
  if (a === '' || a.length > 160 || !balanced(a) || a.includes('\n')) return;
  // an option letter is a multiple-choice answer, not a value to rewrite
  if (/^\(?\\?(?:text|mathrm|textbf)?\{?\(?[A-E]\)?\}?\)?$/.test(a)) return;
  out.push({ answer: a, origin, problem, solution });
}

/** Every gold answer found under `dataDir` (../shared/data), in a fixed order. */
export function loadGolds(dataDir: string): Gold[] {
  const out: Gold[] = [];
  const p = (rel: string) => join(dataDir, rel);
  for (const split of ['train', 'test']) {
    jsonl(p(`sources/math/${split}.jsonl`)).forEach((r, i) => push(out, boxedOf(str(r.solution)), `math/${split}#${i}`, str(r.problem), str(r.solution)));
  }
  jsonl(p('benchmarks/math-500/test.jsonl')).forEach((r) => push(out, str(r.answer), `math-500/${str(r.unique_id)}`, str(r.problem), str(r.solution)));
  jsonl(p('sources/harp/HARP.jsonl')).forEach((r, i) => push(out, str(r.answer), `harp#${i}`, str(r.problem)));
  jsonl(p('sources/omni-math/omni_math_rule.jsonl')).forEach((r, i) => push(out, str(r.answer), `omni-math#${i}`, str(r.problem)));
  jsonl(p('sources/openmathinstruct-2/openmathinstruct2_100.jsonl')).forEach((r, i) => push(out, str(r.expected_answer), `openmathinstruct-2#${i}`, str(r.problem), str(r.generated_solution)));
  jsonl(p('sources/openmathinstruct-1/openmathinstruct1_100.jsonl')).forEach((r, i) => push(out, str(r.expected_answer), `openmathinstruct-1#${i}`, str(r.question)));
  jsonl(p('sources/numinamath/numinamath_cot_real.jsonl')).forEach((r, i) => push(out, boxedOf(str(r.solution)), `numinamath#${i}`, str(r.problem), str(r.solution)));
  const gsm = (rel: string, name: string) => jsonl(p(rel)).forEach((r, i) => {
    const m = /####\s*(.+)\s*$/.exec(str(r.answer));
    push(out, m ? m[1] : null, `${name}#${i}`, str(r.question));
  });
  gsm('sources/gsm8k/train.jsonl', 'gsm8k/train');
  gsm('benchmarks/gsm8k/test.jsonl', 'gsm8k/test');
  jsonl(p('benchmarks/aime/aimo-validation-aime.jsonl')).forEach((r, i) => push(out, str(r.answer), `aime-validation#${i}`, str(r.problem)));
  if (existsSync(p('benchmarks/aime2025/aime25.jsonl'))) jsonl(p('benchmarks/aime2025/aime25.jsonl')).forEach((r, i) => push(out, str(r.answer), `aime2025#${i}`, str(r.problem)));
  jsonl(p('benchmarks/amc/amc23_test.jsonl')).forEach((r, i) => push(out, str(r.answer), `amc23#${i}`, str(r.problem)));
  jsonl(p('benchmarks/olympiadbench/test.jsonl')).forEach((r, i) => {
    const fa = Array.isArray(r.final_answer) ? r.final_answer : [];
    if (fa.length === 1) push(out, str(fa[0]), `olympiadbench#${i}`, str(r.question));
  });
  jsonl(p('benchmarks/minerva-math/test.jsonl')).forEach((r, i) => push(out, boxedOf(str(r.solution)), `minerva-math#${i}`, str(r.problem), str(r.solution)));
  return out;
}
