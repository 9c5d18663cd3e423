import { extractLastBoxed } from '../checker/boxed.ts';
import type { SourceAdapter } from './adapter.ts';
import { FieldReader, rest } from './fields.ts';
import { rowSourceId } from './identity.ts';

const MAPPED = ['source', 'problem', 'solution', 'messages'] as const;

/**
 * NuminaMath-CoT: `source` (the subset: cn_k12, olympiads, ...), `problem`, `solution`,
 * `messages`. The answer is the solution's `\boxed{}`; the answer filters require exactly one
 * distinct boxed answer. Upstream has no row id, so the id is file name + row number.
 */
export const numinamathAdapter: SourceAdapter = {
  name: 'numinamath',
  title: 'NuminaMath-CoT',
  license: 'Apache-2.0',
  expectedFiles: 'data/train-*.parquet (or JSONL) with source, problem, solution, messages',
  requiredColumns: ['source', 'problem', 'solution'],
  droppedListColumns: ['messages'],
  location: { kind: 'hf_dataset', repo: 'AI-MO/NuminaMath-CoT', revision: 'main', files: ['data/*.parquet'] },
  adapt(row, loc) {
    const f = new FieldReader(row);
    const subset = f.text('source');
    const problem = f.text('problem');
    const solution = f.text('solution');
    const messages = f.raw('messages');
    if (messages !== undefined && messages !== null && !Array.isArray(messages)) f.problems.push('field "messages" is not a list');
    if (!f.ok) return { ok: false, error: f.error };
    return {
      ok: true,
      row: {
        source_id: rowSourceId(loc),
        subset,
        problem,
        solution,
        answer: extractLastBoxed(solution),
        answer_origin: 'solution_boxed',
        level: null,
        subject: null,
        // messages repeats problem and solution verbatim; keeping it would double the corpus size
        metadata: rest(row, MAPPED),
      },
    };
  },
};
