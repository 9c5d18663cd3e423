import type { SourceAdapter } from './adapter.ts';
import { FieldReader, rest } from './fields.ts';
import { textSourceId } from './identity.ts';

const MAPPED = ['problem', 'generated_solution', 'expected_answer', 'problem_source'] as const;

/**
 * OpenMathInstruct-2: `problem`, `generated_solution`, `expected_answer`, `problem_source`.
 * Upstream has many solution rows per problem (14M rows, ~600k problems): rows of the same
 * problem fold into one record (the first row's solution is kept), so the id is a hash of
 * the problem text and the fold key is that id.
 */
export const openMathInstruct2Adapter: SourceAdapter = {
  name: 'openmathinstruct2',
  title: 'OpenMathInstruct-2',
  license: 'CC-BY-4.0',
  expectedFiles: 'data/train_1M-*.parquet (or other split, or JSONL) with problem, generated_solution, expected_answer, problem_source',
  requiredColumns: ['problem', 'generated_solution', 'expected_answer', 'problem_source'],
  optionalTextColumns: ['generated_solution'],
  location: { kind: 'hf_dataset', repo: 'nvidia/OpenMathInstruct-2', revision: 'main', files: ['data/{split=train_1M}-*.parquet'] },
  adapt(row) {
    const f = new FieldReader(row);
    const problem = f.text('problem');
    const solution = f.optText('generated_solution');
    const answer = f.text('expected_answer');
    const subset = f.text('problem_source');
    if (!f.ok) return { ok: false, error: f.error };
    return {
      ok: true,
      row: {
        source_id: textSourceId(problem),
        subset,
        problem,
        solution,
        answer,
        answer_origin: 'column',
        level: null,
        subject: null,
        metadata: rest(row, MAPPED),
      },
    };
  },
  foldKey: (row) => row.source_id,
};
