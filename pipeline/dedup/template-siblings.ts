import { isWordChar } from './code-units.ts';
import { murmur3String } from './murmur3.ts';

/**
 * Template siblings: the same wording with other values ("A train travels 60 miles" vs "... 75
 * miles"). They are different problems with different answers, yet their word shingles overlap
 * heavily, so a confirmed near-duplicate pair is rejected as a sibling when a value changed.
 *
 * Rule: take the multiset of numbers, number words, math operator tokens and math letters of each normalised text. If each
 * side has at least one token the other side lacks, a value was *replaced*: siblings, not
 * duplicates. If one multiset contains the other (a copy that only adds a number, such as a
 * "Problem 3." label or a "(5 points)" score), they stay duplicates; answer checking then
 * catches a real disagreement.
 */

/**
 * Numbers (thousands separators `1,000` / `1{,}000` folded, decimals kept) and operator tokens.
 * Operators count because `x+1` and `x-1` in the same sentence are different problems too.
 */
const VALUE_TOKEN =
  /[0-9]{1,3}(?:(?:,|\{,\})[0-9]{3})+(?![0-9])|[0-9]+(?:\.[0-9]+)?|\\(?:times|div|cdot|pm|mp|leq|geq|neq|sin|cos|tan|log|ln|sqrt)(?![a-zA-Z])|[-+*/^<>=]/g;

/**
 * Number words and ordinals ("four consecutive odd numbers" vs "six consecutive ..."). Prose is
 * lower-cased by normalisation, so lower-case forms suffice. A number word is a whole `\w` run
 * (the matches of `\b(?:zero|one|...)\b`), found by `numberWords`.
 */
const NUMBER_WORDS = new Set(
  ('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen ' +
    'twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion half twice double triple ' +
    'first second third fourth fifth sixth seventh eighth ninth tenth hundredth thousandth').split(' '),
);
const MAX_NUMBER_WORD = Math.max(...[...NUMBER_WORDS].map((w) => w.length));
/** A cheap hash of a run's code units: most runs are other words, told apart without a string. */
const codeOf = (s: string, start: number, end: number): number => {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
};
const NUMBER_WORD_CODES = new Set([...NUMBER_WORDS].map((w) => codeOf(w, 0, w.length)));

/** Appends the number words of `s`: its maximal `\w` runs (ASCII letters, digits, `_`) that are one. */
function numberWords(s: string, out: string[]): void {
  const len = s.length;
  for (let i = 0; i < len; ) {
    if (!isWordChar(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < len && isWordChar(s.charCodeAt(e))) e++;
    if (e - i <= MAX_NUMBER_WORD && e - i >= 3 && NUMBER_WORD_CODES.has(codeOf(s, i, e))) {
      const w = s.slice(i, e);
      if (NUMBER_WORDS.has(w)) out.push(w);
    }
    i = e;
  }
}

/** `$` + letter for each ASCII letter (by code): the math-letter tokens, made once. */
const MATH_LETTER: string[] = Array.from({ length: 128 }, (_x, c) => `$${String.fromCharCode(c)}`);

/** Math segments of the original text: `$$..$$`, `$..$` (not `\$`), `\(..\)`, `\[..\]`. */
const MATH_SEGMENT = /\$\$([\s\S]*?)\$\$|(?<!\\)\$((?:[^$\\]|\\[\s\S])*?)\$|\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;

/**
 * Sorted value tokens of a problem: from the normalised text, numbers, number words and
 * operators; from the original text (where math is still delimited), the single-letter
 * identifiers inside math, prefixed `$` ("find $DE$" vs "find $DF$", "find $\angle A$" vs
 * "$\angle B$" ask different questions with the same wording).
 */
export function valueTokens(normalized: string, original?: string): string[] {
  return unsortedValueTokens(normalized, original).sort();
}

function unsortedValueTokens(normalized: string, original?: string): string[] {
  const m = normalized.match(VALUE_TOKEN) ?? [];
  const out = m.map((t) => (t.includes(',') ? t.replace(/\{,\}|,/g, '') : t));
  numberWords(normalized, out);
  if (original !== undefined && (original.includes('$') || original.includes('\\'))) {
    MATH_SEGMENT.lastIndex = 0;
    for (let seg = MATH_SEGMENT.exec(original!); seg; seg = MATH_SEGMENT.exec(original!)) {
      const body = (seg[1] ?? seg[2] ?? seg[3] ?? seg[4] ?? '').replace(/\\(?:text|mathrm|textbf|mbox)\s*\{[^{}]*\}|\\[A-Za-z]+/g, ' ');
      for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if ((c | 0x20) >= 97 && (c | 0x20) <= 122) out.push(MATH_LETTER[c]);
      }
    }
  }
  return out;
}

/**
 * The value tokens as sorted murmur3 hashes (seed VALUE_SEED) of their UTF-8: what the dedup
 * facts keep per record. Comparing hash multisets decides like comparing the tokens (a 32-bit
 * collision between two tokens of one pair is the only difference).
 */
export function valueHashes(normalized: string, original?: string): Uint32Array {
  // the hashes are sorted, so the tokens need not be
  const tokens = unsortedValueTokens(normalized, original);
  const out = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = murmur3String(tokens[i], VALUE_SEED);
  return out.sort();
}

export const VALUE_SEED = 0x1b873593;

/** True when both sorted multisets have an element the other lacks (a value was replaced). */
export function isTemplateSibling<T extends string | number>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  return isTemplateSiblingIn(a, 0, a.length, b, 0, b.length);
}

/** `isTemplateSibling` of `a[i..endA)` and `b[j..endB)`: ranges of one arena need no views. */
export function isTemplateSiblingIn<T extends string | number>(a: ArrayLike<T>, i: number, endA: number, b: ArrayLike<T>, j: number, endB: number): boolean {
  let onlyA = false;
  let onlyB = false;
  while (i < endA && j < endB) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (a[i] < b[j]) {
      onlyA = true;
      i++;
    } else {
      onlyB = true;
      j++;
    }
  }
  if (i < endA) onlyA = true;
  if (j < endB) onlyB = true;
  return onlyA && onlyB;
}
