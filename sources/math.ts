import { extractLastBoxed } from '../checker/boxed.ts';
import type { SourceAdapter } from './adapter.ts';
import { FieldReader, rest } from './fields.ts';
import { rowSourceId } from './identity.ts';

const MAPPED = ['problem', 'level', 'type', 'solution'] as const;

/**
 * MATH (Hendrycks et al.): `problem`, `level`, `type`, `solution`; the answer is the last
 * `\boxed{}` of the solution. Reads the HF table (Parquet/JSONL) and the MATH.tar layout,
 * whose path `train/algebra/12.json` gives the natural source id `train/algebra/12`.
 */
export const mathAdapter: SourceAdapter = {
  name: 'math',
  title: 'MATH (Hendrycks et al., competition_math)',
  license: 'MIT',
  expectedFiles: 'MATH.tar layout train|test/<subject>/<n>.json, or Parquet/JSONL with problem, level, type, solution',
  requiredColumns: ['problem', 'solution'],
  difficulty: { min: 1, max: 5, meaning: 'MATH level: "Level 1" (easiest) to "Level 5" (hardest) within each subject' },
  location: {
    kind: 'hf_dataset',
    repo: 'EleutherAI/hendrycks_math',
    revision: 'main',
    files: ['*/*.parquet'],
    note: 'hendrycks/competition_math was taken down; EleutherAI/hendrycks_math holds the same rows per subject',
  },
  adapt(row, loc) {
    const f = new FieldReader(row);
    const problem = f.text('problem');
    const solution = f.text('solution');
    const level = f.optText('level');
    const subject = f.optText('type');
    if (!f.ok) return { ok: false, error: f.error };
    const m = loc.relativePath ? /(?:^|\/)((?:train|test)\/[^/]+\/[^/]+)\.json$/.exec(loc.relativePath) : null;
    return {
      ok: true,
      row: {
        source_id: m ? m[1] : rowSourceId(loc),
        subset: m ? m[1].split('/')[0] : null,
        problem,
        solution,
        answer: extractLastBoxed(solution),
        answer_origin: 'solution_boxed',
        level,
        subject,
        metadata: rest(row, MAPPED),
      },
    };
  },
};
