/**
 * Template siblings of benchmark items: a training problem with an item's wording and other
 * numbers ("A train travels 60 miles ..." vs "... 75 miles") has taught the item's template, so
 * it is contamination (evidence kind `template`).
 *
 * The skeleton of a word-token sequence is the sequence with every number replaced by `#`.
 * Two texts with one skeleton differ at most in their numbers (any count of them). A skeleton
 * needs at least MIN_WORDS letter words and one number: a bare expression ("Compute 8 choose 4",
 * "What is 2 + 3") has no wording of its own to copy, and without a number there is no value to
 * change (that is an exact match or nothing). Six words: on the shared data every template match
 * at six words was a real MATH template sibling of a MATH-500 item ("Find the product of 6_8 *
 * 7_8. Express your answer in base 8"); planted number-changed copies of 300 MATH-500,
 * OlympiadBench and AIME 2025 items: 95.3% caught at eight words, 97.7% at six
 * (scripts/eval-decontam.ts --planted 300).
 */
export const MIN_WORDS = 6;

export function templateSkeleton(tokens: readonly string[]): string | null {
  let words = 0;
  let numbers = 0;
  const out: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const c = t.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      numbers++;
      out[i] = '#';
    } else {
      words++;
      out[i] = t;
    }
  }
  return words >= MIN_WORDS && numbers > 0 ? out.join(' ') : null;
}
