import { extractBoxedSpans, isEquivalent } from '../../checker/index.ts';
import type { BoxSpan } from '../../checker/boxed.ts';
import { stripAsy } from './latex.ts';
import { lastArgMemo } from './memo.ts';

/**
 * The checker's boxes of a text, memoised: `multiple_answers` reads the solution's last box and
 * (through `distinctBoxes`, the same text when it holds no `[asy]`) all of them. Read only.
 */
export const boxSpans: (text: string) => readonly BoxSpan[] = lastArgMemo(extractBoxedSpans);

/**
 * The different boxed results of a solution, compared with the checker, so `\frac12` /
 * `\frac{1}{2}` or `12x-34` / `-34+12x` are one. Boxes inside Asymptote code and `\phantom`
 * spacers are not results. Memoised: `multiple_answers` and `multi_part` both read them.
 */
export const distinctBoxes = lastArgMemo((solution: string): string[] => {
  const boxes = boxSpans(stripAsy(solution)).map((b) => b.content).filter((b) => b !== '' && !/^\\phantom\b/.test(b));
  const distinct: string[] = [];
  for (const b of boxes) {
    const key = quickKey(b);
    if (distinct.some((d) => quickKey(d) === key || safeEquivalent(d, b))) continue;
    distinct.push(b);
  }
  return distinct;
});

/** Cheap normal form that settles most repeats without calling the checker. */
export function quickKey(s: string): string {
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
