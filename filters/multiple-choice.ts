import type { Filter, FilterInput } from './filter.ts';
import { signal } from './filter.ts';
import { gated } from './text/keyword-gate.ts';
import { findOptions } from './text/options.ts';
import { plainAnswer } from './text/latex.ts';

/**
 * Options to choose from, or an answer that is an option label. Fires on:
 * - an option list in the problem (see `findOptions` for the layouts and the look-alikes);
 * - an answer that is an option label: `\text{(C)}`, `(C)`, `\textbf{(B)}`, `B: 2`, `A, C`
 *   ("enter the letters"), or a bare capital A–H when the problem asks for a letter;
 * - HARP rows marked `multiple_choice_only` (the problem cannot be answered without its choices);
 * - the checker reading the answer as an option letter.
 */
const ASKS_FOR_LETTER = /\benter the letters?\b|\bwhich of the (?:following|options|choices|graphs|answer choices)\b|\bwhich one of the following\b|\bselect (?:one|all)\b|\bchoose (?:the|one|all)\b/i;
/** Trigger words of ASKS_FOR_LETTER (keyword gate: text/keyword-gate.ts). */
const ASKS_FOR_LETTER_GATE = gated(ASKS_FOR_LETTER, ['enter the letter', 'which of the ', 'which one of the following', 'select ', 'choose ']);
const asksForLetter = (problem: string): boolean => ASKS_FOR_LETTER_GATE.may(problem) && ASKS_FOR_LETTER.test(problem);

/**
 * "Which of the following ...", or a stem that ends where its options began: "is closest to",
 * "is nearest", "$m$ can be:", "is satisfied by:", "is always divisible by" (several values
 * would fit: the options said which one is meant).
 */
const MISSING_CHOICES = /\bwhich (?:one )?of the following\b[^.?]*|\b(?:is|are|be) (?:closest|nearest) to\s*[:?.]?\s*$|\bis\s+near(?:est)?\s*[:?.]?\s*$|\b(?:can|could|must|might|may)\s+be\s*:\s*$|\b(?:is|are)\s+satisfied\s+by\s*:?\s*$|\balways\s+divisible\s+by\s*[:?.]?\s*$/i;
const MISSING_CHOICES_GATE = gated(MISSING_CHOICES, ['of the following', 'closest', 'near', ':', 'satisfied', 'divisible']);

/** Options listed as the allowed answers: `Enter "odd", "even", or "neither"`, "fill in the blank with $<$ or $>$". */
const LISTED_ANSWERS = /\benter\s+(?:one\s+of\s+)?["“][^"”]{1,30}["”](?:\s*,\s*["“][^"”]{1,30}["”])*,?\s+or\s+["“][^"”]{1,30}["”]|\bfill\s+in\s+(?:the\s+)?(?:blanks?\s+)?with\s+(?:\$[^$]{1,10}\$|\S{1,10})\s*(?:,\s*(?:\$[^$]{1,10}\$|\S{1,10})\s*)*,?\s*or\s+(?:\$[^$]{1,10}\$|\S{1,10})/i;
const LISTED_ANSWERS_GATE = gated(LISTED_ANSWERS, ['enter', 'fill']);

function answerIsLabel(rec: FilterInput, hasOptions: boolean): string | null {
  if (rec.answer === null) return null;
  const raw = rec.answer.trim();
  // wrapped or parenthesised labels are option labels in every source: \text{(C)}, (C), \textbf{(B)}
  if (/^\$?\s*(?:\\(?:text|textbf|mathrm|mathbf)\s*\{\s*)?\(\s*[A-H]\s*\)\s*\}?\s*\$?$/.test(raw)) return raw;
  const plain = plainAnswer(rec.answer); // (it trims: the same reading as of `raw`, and memoised)
  // "b: 2", "(b) 2", "c. 15": the label with the option text
  if (/^\(?[a-h]\)?\s*[:：.．]\s*\S/.test(plain) && /^\S*\s*[A-H]/.test(raw.replace(/^\$|\\text\{|\\textbf\{/g, ''))) return raw;
  const letters = /^[A-H](?:\s*(?:,|and)\s*[A-H])*$/.test(raw.replace(/^\$|\$$|\\text\{|\\textbf\{|\\mathrm\{|\}/g, '').trim());
  if (!letters) return null;
  const textWrapped = /\\text(?:bf)?\{/.test(raw);
  if (hasOptions || asksForLetter(rec.problem) || textWrapped) return raw;
  return null;
}

export const multipleChoice: Filter = {
  name: 'multiple_choice',
  reason: 'multiple_choice',
  apply(rec) {
    // four labels are a list; three only when the question also asks for a letter
    const opts = findOptions(rec.problem) ?? (asksForLetter(rec.problem) || answerIsLabel(rec, true) ? findOptions(rec.problem, 3) : null);
    if (opts) return signal(this, true, `options ${opts.labels.join(',')} (${opts.layout}): ${opts.evidence}`);
    const label = answerIsLabel(rec, false);
    if (label) return signal(this, true, `answer is an option label: ${label}`);
    if (rec.answer_not_closed_reason === 'option_letter') {
      return signal(this, true, `answer is an option letter: ${rec.answer}`);
    }
    const listed = LISTED_ANSWERS_GATE.may(rec.problem) ? LISTED_ANSWERS.exec(rec.problem) : null;
    if (listed) return signal(this, true, `the allowed answers are listed: ${listed[0]}`);
    // the question picks among choices that the row does not carry (HARP keeps AMC stems only)
    const missing = MISSING_CHOICES_GATE.may(rec.problem) ? MISSING_CHOICES.exec(rec.problem) : null;
    // "Which of the following gives ...?" answered by a formula: the formula is the answer, no
    // option is needed to state or check it (a number answer may be one option among several)
    const formulaAnswer = rec.answer_kind === 'expression' || rec.answer_kind === 'equation';
    if (missing && !(formulaAnswer && /^which/i.test(missing[0]))) return signal(this, true, `asks to choose but the options are missing: ${missing[0]}`);
    if (rec.metadata['multiple_choice_only'] === true) return signal(this, true, 'HARP multiple_choice_only');
    return signal(this, false);
  },
};
