import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { multiPartReading } from './multi-part.ts';
import { proofEvidence } from './proof.ts';
import { plainAnswer } from './text/latex.ts';

/**
 * No final answer: no answer column value, or (for `solution_boxed` sources) a solution without
 * `\boxed{}` or whose last box is empty (`\boxed{}`, `\boxed{\text{}}`, `\boxed{ }`). A proof or
 * a problem of several parts has no single final answer to box: that is its own reason (`proof`,
 * `multi_part`), recorded in the evidence here without firing, so each rejection names its cause.
 */
export const missingAnswer: Filter = {
  name: 'missing_answer',
  reason: 'missing_answer',
  apply(rec) {
    let why: string | null = null;
    if (rec.answer === null) why = rec.answer_origin === 'solution_boxed' ? 'solution has no \\boxed{}' : 'no answer';
    else if (plainAnswer(rec.answer).replace(/[\s{}]/g, '') === '') why = rec.answer_origin === 'solution_boxed' ? 'last \\boxed{} is empty' : 'answer is empty';
    if (why === null) return signal(this, false);
    if (rec.answer_origin === 'solution_boxed' && (proofEvidence(rec.problem) || multiPartReading(rec))) return signal(this, false, `${why}, explained by a proof or several parts`);
    return signal(this, true, why);
  },
};
