import { extractBoxedAll, isEquivalent } from '../checker/index.ts';
import type { Filter } from './filter.ts';
import { signal } from './filter.ts';
import { stripAsy } from './text/latex.ts';

/**
 * Several different final answers. For `solution_boxed` sources the answer is the last box, so
 * a solution with two non-equivalent boxes (MATH boxes each root of "enter all solutions", or
 * both foci of "either focus") has an ambiguous or incomplete answer. Boxes are compared with the
 * checker, so `\frac12` / `\frac{1}{2}` or `12x-34` / `-34+12x` are one answer. Boxes inside
 * Asymptote code and `\phantom` spacers are not answers. For answer columns, the checker's
 * `multiple_answers_text` reading ("3 or 5 depending on ...") fires.
 */
export function distinctBoxes(solution: string): string[] {
  const boxes = extractBoxedAll(stripAsy(solution)).filter((b) => b !== '' && !/^\\phantom\b/.test(b));
  const distinct: string[] = [];
  for (const b of boxes) {
    const key = quickKey(b);
    if (distinct.some((d) => quickKey(d) === key || safeEquivalent(d, b))) continue;
    distinct.push(b);
  }
  return distinct;
}

/** Cheap normal form that settles most repeats without calling the checker. */
function quickKey(s: string): string {
  return s
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\left|\\right|\\[,;:! ]|\s+|\$/g, '')
    .replace(/\\frac(\d)(\d)/g, '\\frac{$1}{$2}')
    .replace(/\.$/, '');
}

function safeEquivalent(a: string, b: string): boolean {
  try {
    return isEquivalent(a, b);
  } catch {
    return false;
  }
}

export const multipleAnswers: Filter = {
  name: 'multiple_answers',
  reason: 'multiple_answers',
  apply(rec) {
    if (rec.answer_not_closed_reason === 'multiple_answers_text') {
      return signal(this, true, `answer gives alternatives: ${rec.answer ?? ''}`);
    }
    if (rec.answer_origin !== 'solution_boxed' || !rec.solution) return signal(this, false);
    const distinct = distinctBoxes(rec.solution);
    if (distinct.length < 2) return signal(this, false);
    return signal(this, true, `${distinct.length} different boxed answers: ${distinct.map((d) => `\\boxed{${d}}`).join(', ')}`);
  },
};
