import { extractLastBoxed, isEquivalent } from '../../checker/index.ts';
import { quickKey } from './boxes.ts';

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
 * front of the value removed. Null when the solution boxes nothing or only a label (then there
 * is nothing to compare). "The answer is $x$" is not read: in Omni-MATH it often states a formula
 * or the value before the asked transformation ("$\frac{11}{3}$" where $100a+b$ is asked), which
 * made most such "mismatches" false on the tune rows; unmarked endings even more so.
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

/** `{m \le x}` -> `m \le x`: a brace pair around the whole answer groups nothing. */
function unwrapBraces(s: string): string {
  if (!s.startsWith('{') || !s.endsWith('}')) return s;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0 && i < s.length - 1) return s;
  }
  return s.slice(1, -1);
}

/** Whether two stated answers agree (the checker on the whole, or on a side of a chain). */
export function answersAgree(given: string, stated: string): boolean {
  const a = unwrapBraces(readableAnswer(extractLastBoxed(given) ?? given).trim());
  const b = readableAnswer(stated);
  // most columns repeat the solution's box up to `$`, spacing and `\dfrac`: no checker needed
  if (quickKey(a) === quickKey(b)) return true;
  const as = sides(a), bs = sides(b);
  return as.some((x) => bs.some((y) => isEquivalent(x, y)));
}
