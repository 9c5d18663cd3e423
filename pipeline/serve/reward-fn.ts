import { extractAnswer, isEquivalent, type CompareOptions } from '../../checker/index.ts';

/**
 * The checker call the server makes for one pair. The checker is gaining `reward(gold, response,
 * options)` with exactly this shape; until it lands this stand-in composes the existing exports, and
 * the swap is the one line `export { reward as rewardPair } from '../../checker/index.ts'`.
 * The gold is an answer and is never extracted: extracting from a bare LaTeX gold keeps its last
 * number (`\frac{\sqrt3}{2}` -> `2`) and would reward a response that boxes that number.
 */

export interface RewardOptions extends CompareOptions {
  /** Extract the final answer from the response (default true); false: the response is a bare answer. */
  extract?: boolean;
}

export interface RewardResult {
  equal: boolean;
  extracted: string | null;
  reason: string;
}

export function rewardPair(gold: string, response: string, options?: RewardOptions): RewardResult {
  if (typeof gold !== 'string' || typeof response !== 'string') return { equal: false, extracted: null, reason: 'input is not a string' };
  if (gold.trim() === '') return { equal: false, extracted: null, reason: 'empty gold answer' };
  const extracted = options?.extract === false ? response.trim() : extractAnswer(response);
  if (extracted === null || extracted.trim() === '') return { equal: false, extracted: null, reason: 'no final answer found' };
  const { extract: _extract, ...compare } = options ?? {};
  const equal = isEquivalent(gold, extracted, compare);
  return { equal, extracted, reason: equal ? 'equal' : 'not equal' };
}
