import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import { gated } from './text/keyword-gate.ts';
import { plainAnswer } from './text/latex.ts';

/**
 * The expected answer is yes or no: a coin flip as a reward signal. Decided on the answer
 * ("Yes", "\text{No}", "No, it is not possible"), or on "possible"/"impossible"/"exists" answers
 * to a question that asks whether ("Is it possible ...?", "Does there exist ...?"). "No solution"
 * or "no such n" answering "Find all n" is not a yes/no answer (and not closed-form either).
 */
/** A question that asks whether: it opens with an auxiliary verb, or says "whether"/"is it possible". */
const WHETHER = /(?:^|[.?!:;]\s+|\n\s*|\(\w{1,3}\)\s*)(?:is|are|does|do|can|could|will|would|must|should|has|have|was|were)\s+(?!not\b)[^.?!]{0,300}\?|\b(?:is it possible|is it true that|does there exist|do there exist|is there an?|are there)\b|\b(?:determine|decide|find out|check|prove or disprove)\s+(?:whether|if)\b|\bwhether or not\b/i;
/** Trigger words of WHETHER, alternative by alternative (keyword gate: text/keyword-gate.ts). */
const WHETHER_GATE = gated(WHETHER, ['?', 'is it ', 'there exist', 'is there', 'are there', 'determine', 'decide', 'find out', 'check', 'prove or disprove', 'whether']);
/** The whole answer is yes/no, or yes/no followed by a comma and an explanation. */
const YES_NO_ONLY = /^(?:yes|no)(?:\s*[,;:.!]|$)/;
const YES_NO_WORD = /^(?:yes|no)\b/;
const NO_SUCH = /^no\s+(?:such|solutions?|real|integers?|values?|numbers?|pairs?|triples?)\b/;
const WHETHER_ANSWER = /^(?:(?:it is |it's )?(?:not )?possible|impossible|(?:there )?exists?|does not exist|do not exist|cannot|can't|can not|can|cannot be done)\b/;

export function yesNoEvidence(rec: FilterInput): string | null {
  if (rec.answer_not_closed_reason === 'yes_no') return `answer: ${rec.answer}`;
  if (rec.answer === null) return null;
  const a = plainAnswer(rec.answer);
  if (YES_NO_ONLY.test(a)) return `answer: ${rec.answer}`;
  // the question is read only for an answer that could answer a whether-question (most do not)
  const yesNoWord = YES_NO_WORD.test(a), noSuch = NO_SUCH.test(a);
  if (!yesNoWord && !noSuch && !WHETHER_ANSWER.test(a)) return null;
  if (!WHETHER_GATE.may(rec.problem) || !WHETHER.test(rec.problem)) return null;
  if (yesNoWord && !noSuch) return `answer: ${rec.answer}`;
  return `answer to a whether-question: ${rec.answer}`;
}

export const yesNo: Filter = {
  name: 'yes_no',
  reason: 'yes_no',
  apply(rec) {
    const ev = yesNoEvidence(rec);
    return signal(this, ev !== null, ev ?? '');
  },
};
