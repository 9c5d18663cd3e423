import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { plainAnswer } from './text/latex.ts';

/**
 * No final answer: no answer column value, or (for `solution_boxed` sources) a solution without
 * `\boxed{}` or whose last box is empty (`\boxed{}`, `\boxed{\text{}}`, `\boxed{ }`).
 */
export const missingAnswer: Filter = {
  name: 'missing_answer',
  reason: 'missing_answer',
  apply(rec) {
    if (rec.answer === null) {
      const why = rec.answer_origin === 'solution_boxed' ? 'solution has no \\boxed{}' : 'no answer';
      return signal(this, true, why);
    }
    if (plainAnswer(rec.answer).replace(/[\s{}]/g, '') === '') {
      return signal(this, true, rec.answer_origin === 'solution_boxed' ? 'last \\boxed{} is empty' : 'answer is empty');
    }
    return signal(this, false);
  },
};
