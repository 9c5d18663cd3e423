import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { around } from './text/evidence.ts';
import { gated } from './text/keyword-gate.ts';
import { stripMath } from './text/latex.ts';
import { lastArgMemo } from './text/memo.ts';

/**
 * Asks to prove, show or justify instead of computing. The verb must be an instruction: at the
 * start of a sentence, clause or part ("Prove that", "(2) Show that", "..., and prove that"),
 * or "Prove:" / "prove the inequality". Descriptions do not count: "as shown", "it can be shown
 * that", "the table shows that", "improve", "approved". A request to justify a computed answer
 * ("Justify your answer", "with proof", "prove your answer") keeps the problem verifiable by its
 * answer, so it does not fire.
 */
const LEAD = String.raw`(?:^|[.!?:;。；：]\s*|\n\s*|[(（]\s*(?:\d{1,2}|[ivx]{1,4}|[a-h]|[ⅠⅡⅢⅣ])\s*[)）]\s*|(?:^|\s)[a-h1-9]\)\s*|[①-⑩]\s*|[ⅠⅡⅢⅣ]\s*[.、]?\s*|\b(?:and|then|also|further(?:more)?|hence|thus|please|to|first|finally|moreover|or)\s+|,\s*)`;
const VERB = String.raw`(?:prove|show|demonstrate|verify|establish|justify|explain why)`;
const IMPERATIVE = new RegExp(`${LEAD}(${VERB})\\b(?!\\s+(?:your|the answer|all (?:your )?work|that your answer|the correctness of your answer))`, 'gi');
/** Trigger words of IMPERATIVE (its verbs) and PROOF_HEADING (keyword gate: text/keyword-gate.ts). */
// (no trigger word holds a space: the gate scans the problem, of which the text is a view)
const IMPERATIVE_GATE = gated(IMPERATIVE, ['prove', 'show', 'demonstrate', 'verify', 'establish', 'justify', 'explain']);
/** A sentence that only asks to justify the answer that was computed. */
const JUSTIFY_ANSWER = /\b(?:justify|prove|explain|verify)\s+(?:your|the|this)\s+(?:answer|result|claim|conclusion|reasoning)s?\b/i;

/** "Proof that ..." / "Proof:" opening the problem (a statement to prove, as in some Omni-MATH rows). */
const PROOF_HEADING = /^\s*proof(?: that\b|\s*:)/i;
const PROOF_HEADING_GATE = gated(PROOF_HEADING, ['proof']);

/** Memoised: `proof`, `missing_answer` and `answer_not_closed_form` read the same problem. */
export const proofEvidence = lastArgMemo((problem: string): string | null => {
  // formulas cannot contain the instruction; removing them also removes "\text{show}" noise
  const text = stripMath(problem);
  if (PROOF_HEADING_GATE.may(text, problem) && PROOF_HEADING.test(text)) return around(text, 0, 12);
  if (!IMPERATIVE_GATE.may(text, problem)) return null;
  IMPERATIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IMPERATIVE.exec(text)) !== null) {
    const verb = m[1].toLowerCase();
    const lead = m[0].slice(0, m[0].length - m[1].length);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    if (verb === 'justify' && JUSTIFY_ANSWER.test(`justify${after}`)) continue;
    // "prove" is an instruction on its own ("Prove the inequality"); the other verbs are also
    // everyday words ("show the cuts", "establish a base") and need "that", ":" or "how/why"
    if (verb !== 'prove' && verb !== 'explain why' && !/^\s*(?:that|:|how\b|why\b|whether\b)/i.test(after)) continue;
    // "to prove" inside a sentence ("a student to prove an implication", "it suffices to show")
    // describes, it does not instruct; "in order to prove that" likewise
    if (/\bto\s+$/i.test(lead)) continue;
    return around(text, m.index, m[0].length);
  }
  return null;
});

export const proof: Filter = {
  name: 'proof',
  reason: 'proof',
  apply(rec) {
    const ev = proofEvidence(rec.problem);
    return signal(this, ev !== null, ev ?? '');
  },
};
