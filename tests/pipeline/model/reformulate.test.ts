import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isEquivalent } from '../../../checker/index.ts';
import { withOutputs } from '../../../pipeline/audit/outputs.ts';
import { correctOptionValue } from '../../../pipeline/model/mc-answer.ts';
import { reformulate, type ReformulateOptions } from '../../../pipeline/model/reformulate.ts';
import { tempDir } from '../../helpers.ts';
import { bigmath } from '../../run-helpers.ts';
import { serverPool } from './openai-test-server.ts';

const { server } = serverPool(afterEach);
let dir: string;
let rejectedMc: { id: string; problem: string; answer: string }[] = [];

beforeAll(async () => {
  dir = tempDir('bigmath-reformulate-');
  const r = bigmath(['run', '--out', dir]);
  expect(r.status, r.stderr).toBe(0);
  rejectedMc = await withOutputs(dir, (o) => o.query(`SELECT id, problem, answer FROM rejected WHERE reason = 'multiple_choice' AND len(reasons) = 1 ORDER BY id`));
});

function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The test server as a rewriter and a solver. By a hash of the original problem: 0 a clean
 * rewrite solved by 2 of 4 samples, 1 the options left in, 2 a wrong stated answer, 3 prose,
 * 4 a clean rewrite every sample solves. Rewrites carry a code so the solver knows the value.
 */
const values = new Map<string, string>();
function script(prompt: string, _seed: number, i: number): string {
  const rw = /^Rewrite this multiple-choice problem[\s\S]*The correct option is ([\s\S]*?)\.\n\nProblem:\n([\s\S]*)\n\nReply exactly/.exec(prompt);
  if (rw) {
    const [, value, original] = rw;
    const v = fnv(original) % 5;
    const code = `K${fnv(original).toString(36)}`;
    values.set(code, value);
    const clean = `A positive quantity $q$ is fixed by rule ${code}. Find $q$.`;
    if (v === 3) return 'Sure! Here is an open-ended version of the problem.';
    return JSON.stringify({ problem: v === 1 ? `${clean}\n(A) $1$ (B) $2$ (C) $3$ (D) $4$` : clean, answer: v === 2 ? '123456789' : value });
  }
  const code = /rule (K[0-9a-z]+)\./.exec(prompt)![1];
  const always = expectedOf(code) === 'always_solved';
  return `So the answer is $\\boxed{${always || i < 2 ? values.get(code) : '-99'}}$.`;
}
const codeVariant = new Map<string, number>();
const expectedOf = (code: string) => (codeVariant.get(code) === 4 ? 'always_solved' : 'kept');

const options = (url: string, extra: Partial<ReformulateOptions> = {}): ReformulateOptions => ({
  dir, endpoints: [url], model: 'test-model', api: 'chat', cacheDir: '', n: 4, concurrency: 8, timeoutMs: 5_000, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, ...extra,
});

describe('multiple-choice reformulation', () => {
  it('finds the value of the correct option, and only for closed-form options', () => {
    expect(correctOptionValue('What is $2+3$? (A) $4$ (B) $5$ (C) $6$ (D) $7$', '(B)')).toBe('5');
    expect(correctOptionValue('Compute. $\\textbf{(A)}\\ 1 \\qquad \\textbf{(B)}\\ \\frac{5}{3} \\qquad \\textbf{(C)}\\ 2 \\qquad \\textbf{(D)}\\ 3$', '\\textbf{(B)}')).toBe('\\frac{5}{3}');
    expect(correctOptionValue('x', '\\textbf{(C)}\\ \\frac{5}{3}')).toBe('\\frac{5}{3}');
    expect(correctOptionValue('Which is true?\nA. the sky is blue\nB. grass is red\nC. snow is black\nD. fire is cold', 'A')).toBeNull();
    expect(correctOptionValue('What is $2+3$? (A) 4 (B) 5 (C) 6 (D) 7', 'E')).toBeNull();
  });

  it('keeps a rewrite only when no options remain, its answer is equivalent, it passes the filters and is solved by some but not all samples', async () => {
    for (const r of rejectedMc) {
      const value = correctOptionValue(r.problem, r.answer);
      if (value !== null) codeVariant.set(`K${fnv(r.problem).toString(36)}`, fnv(r.problem) % 5);
    }
    const s = await server({ script });
    const m = await reformulate(options(s.url));
    expect(m.candidates).toBe(rejectedMc.length);
    const want = (r: { problem: string; answer: string }) => {
      if (correctOptionValue(r.problem, r.answer) === null) return 'no_closed_form_option';
      return ['kept', 'options_remain', 'answer_not_equivalent', 'unparseable', 'always_solved'][fnv(r.problem) % 5];
    };
    const got = new Map(m.outcomes.map((x) => [x.id, x.outcome]));
    // a clean rewrite may still trip a filter of its own: then "filtered" with the reasons
    for (const r of rejectedMc) expect([want(r), ...(want(r) === 'kept' || want(r) === 'always_solved' ? ['filtered'] : [])]).toContain(got.get(r.id));
    expect(m.counts.kept).toBeGreaterThan(0);
    expect(m.counts.options_remain).toBeGreaterThan(0);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'reformulated', 'part-00000.parquet')), compressors });
    expect(rows).toHaveLength(m.counts.kept);
    for (const row of rows) {
      expect(row.subset).toBe('reformulated');
      const original = rejectedMc.find((r) => r.id === row.reformulated_from)!;
      expect(isEquivalent(correctOptionValue(original.problem, original.answer)!, String(row.answer))).toBe(true);
      expect(String(row.problem)).not.toMatch(/\(A\)/);
    }
    // the originals stay in the rejection log
    const still = await withOutputs(dir, (o) => o.query<{ n: number }>(`SELECT count(*) AS n FROM rejected WHERE reason = 'multiple_choice' AND len(reasons) = 1`));
    expect(still[0].n).toBe(rejectedMc.length);
  });

  it('a re-run sends nothing and writes the same bytes', async () => {
    const s = await server({ script });
    await reformulate(options(s.url));
    const first = [readFileSync(join(dir, 'reformulated', 'manifest.json'), 'utf8'), readFileSync(join(dir, 'reformulated', 'part-00000.parquet')).toString('base64')];
    const s2 = await server({ script });
    await reformulate(options(s2.url));
    expect(s2.received).toHaveLength(0);
    expect([readFileSync(join(dir, 'reformulated', 'manifest.json'), 'utf8'), readFileSync(join(dir, 'reformulated', 'part-00000.parquet')).toString('base64')]).toEqual(first);
  });
});
