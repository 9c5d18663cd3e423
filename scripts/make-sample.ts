/**
 * Rebuilds `data/sample/` from the real upstream rows in `../shared/data` (run where that folder
 * exists; a clone ships the result). Deterministic: fixed strides, no randomness.
 *   node scripts/make-sample.ts [SHARED_DATA_DIR]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const shared = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const out = join(import.meta.dirname, '..', 'data', 'sample');
const lines = (p: string) => readFileSync(join(shared, p), 'utf8').split('\n').filter((l) => l.trim() !== '');
const every = <T>(xs: T[], stride: number, max: number) => xs.filter((_, i) => i % stride === 0).slice(0, max);
const write = (p: string, ls: string[]) => {
  mkdirSync(dirname(join(out, p)), { recursive: true });
  writeFileSync(join(out, p), ls.join('\n') + '\n');
};

for (const d of ['math', 'harp', 'omni_math', 'openmathinstruct2']) rmSync(join(out, d), { recursive: true, force: true });

// MATH: 250 train rows as JSONL (the HF table layout) and 50 test problems in the MATH.tar layout,
// under their real file names (recovered from MATH-500's unique_id).
write('math/train.jsonl', every(lines('sources/math/train.jsonl'), 30, 250));
const math500 = lines('benchmarks/math-500/test.jsonl').map((l) => JSON.parse(l) as { problem: string; unique_id: string });
const testRows = new Map(lines('sources/math/test.jsonl').map((l) => [(JSON.parse(l) as { problem: string }).problem, l]));
for (const m of every(math500, 10, 50)) {
  const row = testRows.get(m.problem);
  if (!row) throw new Error(`MATH-500 ${m.unique_id} not found in MATH test`);
  mkdirSync(join(out, 'math', dirname(m.unique_id)), { recursive: true });
  // MATH.tar files are pretty-printed JSON objects with the four upstream keys
  writeFileSync(join(out, 'math', m.unique_id), JSON.stringify(JSON.parse(row), null, 4));
}

write('harp/HARP.jsonl', every(lines('sources/harp/HARP.jsonl'), 15, 300));
write('omni_math/test.jsonl', every(lines('sources/omni-math/omni_math_rule.jsonl'), 9, 300));
// real NuminaMath-CoT rows (cn_k12, olympiads, aops_forum, ...): every other row, byte-identical lines
write('numinamath/cot-real.jsonl', every(lines('sources/numinamath/numinamath_cot_real.jsonl'), 2, 200));

// OpenMathInstruct-2 and NuminaMath-CoT ship as Parquet on the Hub: write the sample that way.
const duck = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
async function toParquet(rows: object[], columns: string, dest: string) {
  const tmp = join(out, '.tmp.jsonl');
  writeFileSync(tmp, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  mkdirSync(dirname(join(out, dest)), { recursive: true });
  await duck.run(`COPY (SELECT * FROM read_json('${tmp}', format='newline_delimited', columns=${columns})) TO '${join(out, dest)}' (FORMAT parquet, COMPRESSION zstd)`);
  rmSync(tmp);
}
const omi = lines('sources/openmathinstruct-2/openmathinstruct2_100.jsonl').map((l) => JSON.parse(l));
await toParquet(omi, `{problem: 'VARCHAR', generated_solution: 'VARCHAR', expected_answer: 'VARCHAR', problem_source: 'VARCHAR'}`, 'openmathinstruct2/train_1M-sample.parquet');

// NuminaMath-CoT: its `gsm8k` and `math` subsets are GSM8K train and MATH train problems. No real
// NuminaMath rows are reachable, so these rows carry the real problems in NuminaMath's columns; the
// GSM8K solution is the original one with calculator annotations removed and the final `#### N`
// turned into a boxed answer (NuminaMath's own solutions are rewritten by GPT-4o; ours are not).
const gsm = every(lines('sources/gsm8k/train.jsonl'), 50, 150).map((l) => JSON.parse(l) as { question: string; answer: string });
const numina = [
  ...gsm.map((g) => {
    const [body, final] = g.answer.split('####');
    const solution = `${body.replace(/<<[^>]*>>/g, '').trim()}\nThe answer is $\\boxed{${final.trim()}}$.`;
    return { source: 'gsm8k', problem: g.question, solution };
  }),
  ...every(lines('sources/math/train.jsonl'), 53, 100).map((l) => {
    const m = JSON.parse(l) as { problem: string; solution: string };
    return { source: 'math', problem: m.problem, solution: m.solution };
  }),
].map((r) => ({ ...r, messages: [{ role: 'user', content: r.problem }, { role: 'assistant', content: r.solution }] }));
await toParquet(numina, `{source: 'VARCHAR', problem: 'VARCHAR', solution: 'VARCHAR', messages: 'STRUCT(role VARCHAR, content VARCHAR)[]'}`, 'numinamath/train-sample.parquet');
console.log('wrote', out);
