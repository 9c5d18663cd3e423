/**
 * Character classes of UTF-16 code units as the tokenising regexes (`\\s`, `\\p{L}` with the `u`
 * flag) see them, for scanners that walk a string without making a string per token.
 */

export const isAsciiLetter = (c: number) => (c | 0x20) >= 97 && (c | 0x20) <= 122;
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isHighSurrogate = (c: number) => c >= 0xd800 && c < 0xdc00;
export const isLowSurrogate = (c: number) => c >= 0xdc00 && c < 0xe000;
/** `\\w` of a regex without both `i` and `u` flags: ASCII letters, digits and `_`. */
export const isWordChar = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 95;

/** `\s` of a `u` regex (ECMAScript WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `\p{L}` per BMP code unit, decided by the regex on first sight: 0 unknown, 1 letter, 2 not. */
const LETTER = /^\p{L}$/u;
const bmpLetter = new Uint8Array(65536);

/** Code units of the letter (`\p{L}`) starting at `i`, or 0 when none starts there. */
export function letterAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c) ? 1 : 0;
  if (isHighSurrogate(c) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
    return LETTER.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  let k = bmpLetter[c];
  if (k === 0) bmpLetter[c] = k = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/**
 * End of the token of `\\[A-Za-z]+|\p{L}+|[0-9]+(?:\.[0-9]+)?` (a LaTeX command, a letter run, a
 * number) starting at `i`, or -1 when none starts there: the leading alternatives of the shingle
 * and question-token regexes.
 */
export function wordTokenEnd(s: string, i: number): number {
  const len = s.length;
  const c = s.charCodeAt(i);
  let end: number;
  if (c === 92 && i + 1 < len && isAsciiLetter(s.charCodeAt(i + 1))) {
    end = i + 2;
    while (end < len && isAsciiLetter(s.charCodeAt(end))) end++;
  } else if (letterAt(s, i) > 0) {
    end = i;
    for (let k = letterAt(s, end); k > 0; k = letterAt(s, end)) end += k;
  } else if (isDigit(c)) {
    end = i + 1;
    while (end < len && isDigit(s.charCodeAt(end))) end++;
    if (end + 1 < len && s.charCodeAt(end) === 46 && isDigit(s.charCodeAt(end + 1))) {
      end += 2;
      while (end < len && isDigit(s.charCodeAt(end))) end++;
    }
  } else return -1;
  return end;
}

/** `[\p{L}\p{N}]` per BMP code unit, decided by the regex on first sight: 0 unknown, 1 yes, 2 no. */
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const bmpLetterOrNumber = new Uint8Array(65536);

/** True when the code point at `i` (a pair counts whole; a lone surrogate is neither) is a letter or a number. */
export function isLetterOrNumberAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c) || isDigit(c);
  if (isHighSurrogate(c) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) return LETTER_OR_NUMBER.test(s.slice(i, i + 2));
  let k = bmpLetterOrNumber[c];
  if (k === 0) bmpLetterOrNumber[c] = k = LETTER_OR_NUMBER.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/** The code point that ends just before `i` starts at `i - 2` when it is a surrogate pair, else at `i - 1`. */
export function codePointBefore(s: string, i: number): number {
  return i >= 2 && isLowSurrogate(s.charCodeAt(i - 1)) && isHighSurrogate(s.charCodeAt(i - 2)) ? i - 2 : i - 1;
}
