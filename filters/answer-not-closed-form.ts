import type { Filter } from './filter.ts';
import { signal } from './filter.ts';

/**
 * The answer is prose, a description, or cannot be parsed as math (the checker's `classify`).
 * Readings that have their own reason code are left to those filters so that each rejection is
 * counted once and disabling, say, `yes_no` really keeps yes/no problems: an empty answer
 * (`missing_answer`), an option letter (`multiple_choice`), yes/no, true/false, and "3 or 5"
 * alternatives (`multiple_answers`).
 */
const OWN_CODE = new Set(['empty', 'option_letter', 'yes_no', 'true_false', 'multiple_answers_text']);

export const answerNotClosedForm: Filter = {
  name: 'answer_not_closed_form',
  reason: 'answer_not_closed_form',
  apply(rec) {
    if (rec.answer === null || rec.answer.trim() === '' || rec.answer_kind !== null) return signal(this, false, rec.answer_kind ?? '');
    const why = rec.answer_not_closed_reason ?? 'unparseable';
    if (OWN_CODE.has(why)) return signal(this, false, `left to its own filter: ${why}`);
    return signal(this, true, `${why}: ${rec.answer.slice(0, 120)}`);
  },
};
