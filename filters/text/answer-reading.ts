import { extractLastBoxed, isEquivalent } from '../../checker/index.ts';

/**
 * How the filters hand answers to the checker. AoPS-derived sources write a negative number with
 * a braced sign, `${-}4$` or `(1,{-}2)` (the braces keep LaTeX from spacing the minus as a binary
 * operator); the checker reads `{-}\frac{3}{2}` but not `{-}4`, so the sign is unbraced first.
 * This changes no value: `{-}` and `{+}` are the bare sign. Likewise plain TeX's `{n \choose k}`
 * becomes `\binom{n}{k}`.
 */
export function readableAnswer(answer: string): string {
  if (!answer.includes('{')) return answer;
  // TeX's `{n \choose k}` is `\binom{n}{k}`, which the checker reads
  return answer.replace(/\{\s*([-+])\s*\}/g, '$1').replace(/\{\s*([^{}]*?)\s*\\choose\s*([^{}]*?)\s*\}/g, '\\binom{$1}{$2}');
}

/** An option label in front of a boxed value: `\textbf{(C) }5`, `\text{(B)}\ 12`, `(D) 7`. */
const OPTION_PREFIX = /^\s*(?:\\(?:textbf|text|mathrm|mathbf)\s*\{\s*\(?\s*[A-E]\s*\)?\s*\}|\(\s*[A-E]\s*\)|\\textbf\{\(\s*[A-E]\s*\)\s*\}|\\qquad|\\\s|~|\\,|\\;|\s)+/;

/**
 * The final answer a solution marks: the content of its last `\boxed{}`, with an option label in
 * front of the value removed. Null when the solution boxes nothing or boxes only a label (then
 * there is nothing to compare). Unmarked prose endings are not read: guessing the final sentence's
 * number mistakes intermediate results for answers.
 */
export function markedFinalAnswer(solution: string | null): string | null {
  if (!solution) return null;
  const boxed = extractLastBoxed(solution);
  if (boxed === null) return null;
  const value = boxed.replace(OPTION_PREFIX, '').trim();
  return value === '' ? null : readableAnswer(value);
}

/** The sides of a chain `a = b = 42` or `m \le X`: the value a solution states is often the last side. */
function sides(answer: string): string[] {
  const parts = answer.split(/=|\\(?:cong|approx|leq?|geq?|le|ge)\b|[<>]/).map((s) => s.trim()).filter(Boolean);
  return parts.length > 1 ? [answer, ...parts] : [answer];
}

/** Whether two stated answers agree (the checker on the whole, or on a side of a chain). */
export function answersAgree(given: string, stated: string): boolean {
  const a = readableAnswer(extractLastBoxed(given) ?? given);
  const b = readableAnswer(stated);
  if (a.trim() === b.trim()) return true;
  const as = sides(a), bs = sides(b);
  return as.some((x) => bs.some((y) => isEquivalent(x, y)));
}
