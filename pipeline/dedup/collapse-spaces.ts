import { codePointBefore, isLetterOrNumberAt, isSpace } from './code-units.ts';

/**
 * The last steps of normalisation in one scan:
 *   s.replace(/\s+/g, ' ')
 *    .replace(/ (?:(?=[^\p{L}\p{N}])|(?<=[^\p{L}\p{N}] ))/gu, '')   // no space beside a symbol
 *    .replace(/[\s.,;:!?]+$/u, '')
 *    .trim()
 * A whitespace run stays (as one space) only when the code points on both sides are letters or
 * numbers (a missing side counts as one: the run is then at an end, where the last two steps
 * drop it); then trailing spaces and punctuation go. Four regex passes and four strings were
 * a quarter of normalizeProblem's time.
 */
export function collapseSpaces(s: string): string {
  const len = s.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < len; i++) {
    if (!isSpace(s.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < len && isSpace(s.charCodeAt(end))) end++;
    const keep = i > 0 && isLetterOrNumberAt(s, codePointBefore(s, i)) && (end === len || isLetterOrNumberAt(s, end));
    // a single kept space stays where it is (most spaces): no new piece of string
    if (!(keep && end === i + 1 && s.charCodeAt(i) === 32)) {
      out += s.slice(last, i);
      if (keep) out += ' ';
      last = end;
    }
    i = end - 1;
  }
  out = last === 0 ? s : out + s.slice(last);
  let e = out.length;
  while (e > 0 && isTrailing(out.charCodeAt(e - 1))) e--;
  return e === out.length ? out : out.slice(0, e);
}

/** A space, `.`, `,`, `;`, `:`, `!` or `?`. */
const isTrailing = (c: number) => c === 32 || c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63;
