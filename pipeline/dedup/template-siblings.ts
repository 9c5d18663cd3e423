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
 * lower-cased by normalisation, so lower-case forms suffice.
 */
const NUMBER_WORD =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|twice|double|triple|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|hundredth|thousandth)\b/g;

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
  for (const w of normalized.match(NUMBER_WORD) ?? []) out.push(w);
  if (original !== undefined && (original.includes('$') || original.includes('\\'))) {
    MATH_SEGMENT.lastIndex = 0;
    for (let seg = MATH_SEGMENT.exec(original!); seg; seg = MATH_SEGMENT.exec(original!)) {
      const body = (seg[1] ?? seg[2] ?? seg[3] ?? seg[4] ?? '').replace(/\\(?:text|mathrm|textbf|mbox)\s*\{[^{}]*\}|\\[A-Za-z]+/g, ' ');
      for (const letter of body.match(/[A-Za-z]/g) ?? []) out.push(`$${letter}`);
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
  let i = 0;
  let j = 0;
  let onlyA = false;
  let onlyB = false;
  while (i < a.length && j < b.length) {
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
  if (i < a.length) onlyA = true;
  if (j < b.length) onlyB = true;
  return onlyA && onlyB;
}
