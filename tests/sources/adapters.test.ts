import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { getAdapter, ADAPTERS } from '../../sources/registry.ts';
import { toRecord } from '../../pipeline/process/to-record.ts';
import { readJsonFile } from '../../pipeline/read/json-file.ts';
import { recordId } from '../../sources/identity.ts';
import { ProblemRecordSchema } from '../../schemas/record.ts';
import { FIXTURES, ROOT, collectRows, fixtureRows } from '../helpers.ts';
import { readJsonl } from '../../pipeline/read/jsonl.ts';
import { extractLastBoxed } from '../../checker/boxed.ts';

const loc = (row: number) => ({ file: 'f.jsonl', row });

function adapt(source: string, row: Record<string, unknown>, n = 1) {
  const res = toRecord(getAdapter(source), { file: 'f.jsonl', row: n, value: row });
  if (!res.ok) throw new Error(res.malformed.error);
  return ProblemRecordSchema.parse(res.record);
}

describe('math adapter', () => {
  it('maps real MATH rows and takes the answer from the last \\boxed{}', async () => {
    const rows = await fixtureRows('math.jsonl');
    const r = adapt('math', rows[0], 1);
    expect(r.problem).toBe(rows[0].problem);
    expect(r.level).toBe(rows[0].level);
    expect(r.subject).toBe(rows[0].type);
    expect(r.answer_origin).toBe('solution_boxed');
    expect(r.answer).toBeTruthy();
    expect(String(rows[0].solution)).toContain(`\\boxed{${r.answer}}`);
    expect(r.source_id).toBe('f.jsonl:1');
    expect(r.id).toBe(recordId('math', 'f.jsonl:1'));
  });
  it('derives source_id from the MATH.tar path', async () => {
    const dir = join(FIXTURES, 'sources', 'math_tar');
    const [raw] = await collectRows(readJsonFile(join(dir, 'test/algebra/1098.json'), 'test/algebra/1098.json'));
    const res = toRecord(getAdapter('math'), raw);
    expect(res.ok && res.record.source_id).toBe('test/algebra/1098');
    expect(res.ok && res.record.subset).toBe('test');
  });
});

describe('numinamath adapter', () => {
  it('uses upstream source as subset and the boxed answer', async () => {
    const rows = await fixtureRows('numinamath.jsonl');
    const r = adapt('numinamath', rows[0]);
    expect(r.subset).toBe('gsm8k');
    expect(r.answer).toMatch(/^\d/);
    expect(r.metadata).toEqual({}); // messages duplicates problem+solution and is not stored
  });
  it('maps every real NuminaMath-CoT row of the bundled sample', async () => {
    const raws = await collectRows(readJsonl(join(ROOT, 'data/sample/numinamath/cot-real.jsonl')));
    expect(raws.length).toBeGreaterThanOrEqual(150);
    const subsets = new Set<string>();
    for (const raw of raws) {
      const row = 'value' in raw ? (raw.value as Record<string, unknown>) : {};
      const r = adapt('numinamath', row, raw.row);
      subsets.add(r.subset!);
      expect(r.subset).toBe(row.source);
      // upstream texts are kept verbatim (aops rows start with a space, cn_k12 ones carry \r\n)
      expect(r.problem).toBe(row.problem);
      expect(r.solution).toBe(row.solution);
      expect(r.answer).toBe(extractLastBoxed(String(row.solution)));
      expect(r.metadata).toEqual({});
      // the real rows carry the upstream messages: [user problem, assistant solution]
      expect(row.messages).toEqual([{ content: row.problem, role: 'user' }, { content: row.solution, role: 'assistant' }]);
    }
    for (const s of ['cn_k12', 'olympiads', 'aops_forum']) expect(subsets.has(s), s).toBe(true);
    // nearly every real CoT solution ends in one boxed answer
    const boxed = raws.filter((raw) => 'value' in raw && extractLastBoxed(String((raw.value as Record<string, unknown>).solution)) !== null);
    expect(boxed.length / raws.length).toBeGreaterThan(0.9);
  });
  it('rejects a messages field that is not a list', () => {
    const res = toRecord(getAdapter('numinamath'), { file: 'f', row: 3, value: { source: 'cn_k12', problem: 'p', solution: 's', messages: 'x' } });
    expect(res.ok).toBe(false);
  });
});

describe('harp adapter', () => {
  it('builds year/contest/number ids and keeps the first solution', async () => {
    const rows = await fixtureRows('harp.jsonl');
    const r = adapt('harp', rows[0]);
    expect(r.source_id).toBe(`${rows[0].year}/${rows[0].contest}/${rows[0].number}`);
    expect(r.subset).toBe(rows[0].contest);
    expect(r.solution).toBe(rows[0].solution_1);
    expect(r.answer).toBe(rows[0].answer);
    expect(r.metadata.multiple_choice_only).toBe(rows[0].multiple_choice_only);
    expect(r.metadata.num_solutions).toBe(rows[0].num_solutions);
    expect(Object.keys(r.metadata).some((k) => k.startsWith('solution_'))).toBe(false);
  });
});

describe('omni_math adapter', () => {
  it('joins the domain list into subject and keeps difficulty as level', async () => {
    const rows = await fixtureRows('omni_math.jsonl');
    const r = adapt('omni_math', rows[0]);
    expect(r.subject).toBe((rows[0].domain as string[]).join('; '));
    expect(r.level).toBe(String(rows[0].difficulty));
    expect(r.subset).toBe(rows[0].source);
    expect(r.source_id).toBe('f.jsonl:1');
  });
});

describe('openmathinstruct2 adapter', () => {
  it('maps expected_answer and folds rows by problem', async () => {
    const rows = await fixtureRows('openmathinstruct2.jsonl');
    const a = getAdapter('openmathinstruct2');
    const r1 = adapt('openmathinstruct2', rows[0]);
    const r2 = adapt('openmathinstruct2', { ...rows[0], generated_solution: 'another solution' }, 2);
    expect(r1.answer).toBe(rows[0].expected_answer);
    expect(r1.subset).toBe(rows[0].problem_source);
    expect(a.foldKey!(r1)).toBe(a.foldKey!(r2));
    expect(r1.id).toBe(r2.id);
  });
});

describe('malformed rows', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['math', { problem: 'x' }, /missing field "solution"/],
    ['math', { problem: 5, solution: 's' }, /"problem" is a number, expected string/],
    ['harp', { year: '1950', contest: 'AHSME', number: 'one', problem: 'p', answer: '1' }, /"number" is a string, expected integer/],
    ['harp', { year: '1950', contest: 'AHSME', number: 1, problem: 'p', answer: null }, /"answer" is null/],
    ['omni_math', { problem: 'p', answer: '' }, /"answer" is empty/],
    ['openmathinstruct2', { problem: 'p', generated_solution: 's', expected_answer: 3, problem_source: 'math' }, /expected_answer/],
  ];
  it.each(cases)('%s: %j', (source, row, message) => {
    const res = toRecord(getAdapter(source), { file: 'in.jsonl', row: 7, value: row });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.malformed.error).toMatch(message);
      expect(res.malformed.error).toContain('in.jsonl line 7');
    }
  });
  it('every adapter lists its required columns and a location', () => {
    for (const a of ADAPTERS) {
      expect(a.requiredColumns.length).toBeGreaterThan(0);
      expect(a.location.repo).toBeTruthy();
      expect(a.adapt({}, loc(1)).ok).toBe(false);
    }
  });
});
