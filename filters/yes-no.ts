import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import { plainAnswer } from './text/latex.ts';

/**
 * The expected answer is yes or no: a coin flip as a reward signal. Decided on the answer
 * ("Yes", "\text{No}", "No, it is not possible"), or on "possible"/"impossible"/"exists" answers
 * to a question that asks whether ("Is it possible ...?", "Does there exist ...?"). "No solution"
 * or "no such n" answering "Find all n" is not a yes/no answer (and not closed-form either).
 */
/** A question that asks whether: it opens with an auxiliary verb, or says "whether"/"is it possible". */
const WHETHER = /(?:^|[.?!:;]\s+|\n\s*|\(\w{1,3}\)\s*)(?:is|are|does|do|can|could|will|would|must|should|has|have|was|were)\s+(?!not\b)[^.?!]{0,300}\?|\b(?:is it possible|is it true that|does there exist|do there exist|is there an?|are there)\b|\b(?:determine|decide|find out|check|prove or disprove)\s+(?:whether|if)\b|\bwhether or not\b/i;
/** The whole answer is yes/no, or yes/no followed by a comma and an explanation. */
const YES_NO_ONLY = /^(?:yes|no)(?:\s*[,;:.!]|$)/;
const YES_NO_WORD = /^(?:yes|no)\b/;
const NO_SUCH = /^no\s+(?:such|solutions?|real|integers?|values?|numbers?|pairs?|triples?)\b/;
const WHETHER_ANSWER = /^(?:(?:it is |it's )?(?:not )?possible|impossible|(?:there )?exists?|does not exist|do not exist|cannot|can't|can not|can|cannot be done)\b/;

export function yesNoEvidence(rec: FilterInput): string | null {
  if (rec.answer_not_closed_reason === 'yes_no') return `answer: ${rec.answer}`;
  if (rec.answer === null) return null;
  const a = plainAnswer(rec.answer);
  const asksWhether = WHETHER.test(rec.problem);
  if (YES_NO_ONLY.test(a) || (asksWhether && YES_NO_WORD.test(a) && !NO_SUCH.test(a))) return `answer: ${rec.answer}`;
  if (asksWhether && NO_SUCH.test(a)) return `answer to a whether-question: ${rec.answer}`;
  if (asksWhether && WHETHER_ANSWER.test(a)) return `answer to a whether-question: ${rec.answer}`;
  return null;
}

export const yesNo: Filter = {
  name: 'yes_no',
  reason: 'yes_no',
  apply(rec) {
    const ev = yesNoEvidence(rec);
    return signal(this, ev !== null, ev ?? '');
  },
};
