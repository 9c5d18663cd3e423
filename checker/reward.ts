import { explainParsed } from './explain.ts';
import { DEFAULT_OPTIONS } from './compare.ts';
import { extractAnswer } from './extract.ts';
import { isEquivalent, parseAnswer } from './verify.ts';
import type { CompareOptions } from './types.ts';

/**
 * The one-call RL reward: is the final answer of a model response the gold answer?
 * The gold is an answer, never extracted (extracting a bare LaTeX gold would keep its last number);
 * the response is a whole model output unless `extract: false` says it is already a bare answer.
 */

export interface RewardOptions extends CompareOptions {
  /** Extract the final answer from the response (default true). */
  extract?: boolean;
}

export interface RewardResult {
  /** Whether the response's final answer equals the gold answer. */
  equal: boolean;
  /** The answer that was compared (the extracted final answer, or the response itself), null when none was found. */
  extracted: string | null;
  /** A few words: "equal", "tuple order", "value 34 vs 35", "no final answer found". */
  reason: string;
}

export function reward(gold: string, response: string, options?: RewardOptions): RewardResult {
  if (typeof gold !== 'string' || typeof response !== 'string') return { equal: false, extracted: null, reason: 'input is not a string' };
  if (gold.trim() === '') return { equal: false, extracted: null, reason: 'empty gold answer' };
  const extracted = options?.extract === false ? response.trim() : extractAnswer(response);
  if (extracted === null || extracted.trim() === '') return { equal: false, extracted: null, reason: 'no final answer found' };
  const { extract: _extract, ...compare } = options ?? {};
  if (isEquivalent(gold, extracted, compare)) return { equal: true, extracted, reason: 'equal' };
  let reason: string;
  try {
    reason = explainParsed(parseAnswer(gold), parseAnswer(extracted), { ...DEFAULT_OPTIONS, ...compare });
  } catch {
    reason = 'not equal';
  }
  return { equal: false, extracted, reason };
}
