import { extractBoxedSpans } from '../checker/index.ts';
import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { answersAgree } from './text/answer-reading.ts';
import { around } from './text/evidence.ts';

/**
 * The problem text already states the answer it asks for: a `\boxed{}` in the problem holding
 * the answer (a scraped row whose solution leaked into the statement, or an option list with the
 * right option boxed), or "the answer is $X$" / "Answer: X" with the answer. A box used as
 * notation ("Let $\boxed{N}$ mean the number of divisors of $N$") holds something else and does
 * not fire; nor does "If your answer is $A$" (a scoring rule).
 */
const STATED = /(?<!\b(?:if|when)\s+(?:your|the)\s+)\b(?:the\s+(?:final\s+)?answer\s+is|answer\s*:)\s*(\$[^$]{1,80}\$|-?\d[\d,./]*)/gi;

export function leakedAnswer(problem: string, answer: string): string | null {
  if (problem.includes('boxed')) {
    for (const span of extractBoxedSpans(problem)) {
      if (span.content.trim() !== '' && answersAgree(answer, span.content)) return around(problem, span.start, span.end - span.start);
    }
  }
  if (/answer/i.test(problem)) {
    STATED.lastIndex = 0;
    for (const m of problem.matchAll(STATED)) {
      if (answersAgree(answer, m[1]!.replace(/^\$|\$$/g, ''))) return around(problem, m.index, m[0].length);
    }
  }
  return null;
}

export const answerLeak: Filter = {
  name: 'answer_leak',
  reason: 'answer_leak',
  apply(rec) {
    if (rec.answer === null || rec.answer.trim() === '') return signal(this, false);
    const leak = leakedAnswer(rec.problem, rec.answer);
    return leak ? signal(this, true, `the problem states its answer: ${leak}`) : signal(this, false);
  },
};
