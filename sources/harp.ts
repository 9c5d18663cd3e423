import { extractLastBoxed } from '../checker/boxed.ts';
import type { SourceAdapter } from './adapter.ts';
import { FieldReader, rest } from './fields.ts';

const SOLUTION = /^solution_(\d+)$/;

/**
 * HARP: `year`, `contest`, `number`, `level`, `subject`, `multiple_choice_only`, `problem`,
 * `answer`, `solution_1..N`, `num_solutions`. The key set varies by row (numbered solutions).
 * `source_id` = `year/contest/number`; `subset` = contest.
 */
export const harpAdapter: SourceAdapter = {
  name: 'harp',
  title: 'HARP (Human Annotated Reasoning Problems)',
  license: 'MIT',
  expectedFiles: 'HARP.jsonl (from HARP.jsonl.zip) with year, contest, number, problem, answer, solution_1..N',
  requiredColumns: ['year', 'contest', 'number', 'problem', 'answer'],
  difficulty: { min: 1, max: 6, meaning: 'HARP level 1 (easiest) to 6 (hardest), from contest and problem number' },
  location: {
    kind: 'url',
    repo: 'https://github.com/aadityasingh/HARP/raw/{revision}/HARP.jsonl.zip',
    revision: 'dac2734ff6443bcaf3bbdcb10f13cf21ae9729c2',
    note: 'release zip in the aadityasingh/HARP GitHub repository',
  },
  adapt(row) {
    const f = new FieldReader(row);
    const year = f.optScalar('year');
    const contest = f.text('contest');
    const number = f.int('number');
    const problem = f.text('problem');
    const answer = f.text('answer');
    const level = f.optScalar('level');
    const subject = f.optText('subject');
    if (year === null) f.problems.push(row.year === null ? 'field "year" is null' : 'missing field "year"');
    const mco = f.raw('multiple_choice_only');
    if (mco !== undefined && mco !== null && typeof mco !== 'boolean') f.problems.push('field "multiple_choice_only" is not a boolean');
    if (!f.ok) return { ok: false, error: f.error };
    const solutions = Object.keys(row)
      .map((k) => SOLUTION.exec(k))
      .filter((m): m is RegExpExecArray => m !== null && typeof row[m[0]] === 'string')
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    const mapped = ['year', 'contest', 'number', 'problem', 'answer', 'level', 'subject', ...solutions.map((m) => m[0])];
    return {
      ok: true,
      row: {
        source_id: `${year}/${contest}/${number}`,
        subset: contest,
        problem,
        solution: solutions.length ? (row[solutions[0][0]] as string) : null,
        answer,
        answer_origin: 'column',
        level,
        subject,
        metadata: {
          ...rest(row, mapped),
          other_solutions: solutions.length > 1 ? solutions.length - 1 : 0,
          // only the boxed final answers of solution_2..N are kept (answer_mismatch compares them)
          other_solution_answers: solutions.slice(1).map((m) => extractLastBoxed(row[m[0]] as string)),
        },
      },
    };
  },
};
