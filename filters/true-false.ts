import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import { plainAnswer } from './text/latex.ts';
import { firstMatch } from './text/evidence.ts';
import { gated } from './text/keyword-gate.ts';

/**
 * The answer is true or false, or the task is a judgement of statements ("Which of the
 * following statements are correct?", answers like "①③"). Counting the true statements ("How
 * many of the following statements are true?", "the number of correct propositions is") asks
 * for a number: that is an ordinary problem (with options, `multiple_choice` decides). Conditions that mention truth ("if the proposition p ∧ q is false, find the range of
 * m") are ordinary problems: the question there is the range, not a judgement.
 */
const TF_ANSWER = /^(?:(?:true|false|correct|incorrect)(?:[\s,.;]|$)|(?:t|f|√|×|✓|✗)$)/;
const STATEMENT = String.raw`(?:statements?|propositions?|conclusions?|assertions?|claims?|judg(?:e)?ments?|inferences?|reasonings?|inequalit(?:y|ies)|calculations?|operations?|equations?)`;
const VERDICT = String.raw`(?:true|false|correct|incorrect|right|wrong|valid|invalid|hold|holds|reasonable|accurate|always true|necessarily true)`;
const JUDGEMENT = new RegExp(
  [
    // "Which of the following statements is correct?" (a count, "How many of the above
    // propositions are true?", asks for a number: not a judgement)
    String.raw`\b(?:which|sequence numbers? of|serial numbers? of)\b[^.?:;]{0,30}\b(?:following|above|these|given|two|three|four|five)\b[^.?:;]{0,30}\b${STATEMENT}\b[^.?:;]{0,40}\b${VERDICT}\b`,
    // "Among the following statements, the correct one is", "the correct proposition(s) is/are ___"
    String.raw`\bamong the (?:following|above|given)\b[^.?:;]{0,30}\b${STATEMENT}\b[^.?;]{0,50}\b${VERDICT}\b`,
    String.raw`\b(?:the|which)\s+(?:true|correct|false|incorrect)\s+${STATEMENT}(?:\(s\))?\s+(?:is|are|among)\b`,
    // "True or false: ...", "Determine whether the statement is true or false"
    String.raw`(?:^|[.:]\s*)true or false\b|\b(?:determine|decide|judge) (?:whether|if)\b[^.?]{0,120}\b(?:is|are)\s+(?:true or false|true|false|correct)\s*[.?]`,
  ].join('|'),
  'i',
);
/** Trigger words of JUDGEMENT, alternative by alternative (keyword gate: text/keyword-gate.ts). */
const JUDGEMENT_GATE = gated(JUDGEMENT, ['which', 'sequence number', 'serial number', 'among the', 'true', 'false', 'correct']);
/** Circled numbers as the answer: the statements judged correct. */
const CIRCLED_ANSWER = /^[\s,，、and①②③④⑤⑥⑦⑧⑨⑩]+$/;

export function trueFalseEvidence(rec: FilterInput): string | null {
  if (rec.answer_not_closed_reason === 'true_false') return `answer: ${rec.answer}`;
  if (rec.answer !== null) {
    const a = plainAnswer(rec.answer);
    if (TF_ANSWER.test(a)) return `answer: ${rec.answer}`;
    if (/[①-⑩]/.test(a) && CIRCLED_ANSWER.test(a)) return `answer lists statements: ${rec.answer}`;
  }
  const j = JUDGEMENT_GATE.may(rec.problem) ? firstMatch(JUDGEMENT, rec.problem) : null;
  return j ? `judgement of statements: ${j}` : null;
}

export const trueFalse: Filter = {
  name: 'true_false',
  reason: 'true_false',
  apply(rec) {
    const ev = trueFalseEvidence(rec);
    return signal(this, ev !== null, ev ?? '');
  },
};
