import type { SourceAdapter } from './adapter.ts';
import { FieldReader, rest } from './fields.ts';
import { rowSourceId } from './identity.ts';

const MAPPED = ['domain', 'difficulty', 'problem', 'solution', 'answer', 'source'] as const;

/**
 * Omni-MATH: `domain` (list), `difficulty` (float), `problem`, `solution`, `answer`, `source`
 * (the competition, used as subset). Upstream has no id (and repeats some problems verbatim),
 * so the id is file name + row number.
 */
export const omniMathAdapter: SourceAdapter = {
  name: 'omni_math',
  title: 'Omni-MATH',
  license: 'Apache-2.0',
  expectedFiles: 'test.jsonl with domain, difficulty, problem, solution, answer, source',
  requiredColumns: ['problem', 'answer'],
  difficulty: { min: 1, max: 10, meaning: 'Omni-MATH difficulty 1 to 10 (halves allowed), from AoPS competition ratings' },
  location: { kind: 'hf_dataset', repo: 'KbsdJames/Omni-MATH', revision: 'main', files: ['test.jsonl'] },
  adapt(row, loc) {
    const f = new FieldReader(row);
    const problem = f.text('problem');
    const answer = f.text('answer');
    const solution = f.optText('solution');
    const level = f.optScalar('difficulty');
    const subset = f.optText('source');
    const domain = f.raw('domain');
    let subject: string | null = null;
    if (Array.isArray(domain)) subject = domain.filter((d) => typeof d === 'string').join('; ') || null;
    else if (typeof domain === 'string') subject = domain;
    else if (domain !== undefined && domain !== null) f.problems.push('field "domain" is not a list of strings');
    if (!f.ok) return { ok: false, error: f.error };
    return {
      ok: true,
      row: {
        source_id: rowSourceId(loc),
        subset,
        problem,
        solution,
        answer,
        answer_origin: 'column',
        level,
        subject,
        metadata: { ...rest(row, MAPPED), domain: Array.isArray(domain) ? domain : null },
      },
    };
  },
};
