import { canonicalize, extractAnswer, isEquivalent } from '../../checker/index.ts';

/** One sampled response read against the record's gold answer. */
export interface Graded {
  /** The response's final answer as written, or null when none was found. */
  extracted: string | null;
  correct: boolean;
}

export function grade(gold: string, response: string): Graded {
  const extracted = extractAnswer(response);
  if (extracted === null) return { extracted: null, correct: false };
  return { extracted, correct: isEquivalent(gold, extracted) };
}

/**
 * The key under which answers are counted: the checker's canonical form where it has one, so
 * `1/2` and `\frac{1}{2}` count as one answer; the trimmed text otherwise.
 */
export function answerKey(extracted: string): string {
  return canonicalize(extracted) ?? extracted.trim();
}
