/**
 * bigmath answer checker: extract, parse, classify, canonicalise and compare math answers.
 * Pure, deterministic and bounded in time on any input; usable as an RL reward function (see reward.ts).
 */
export type {
  AnswerKind, Classification, CompareOptions, DecimalPolicy, Expr, Interval, NotClosedReason, ParsedAnswer, RelOp,
} from './types.ts';
export { extractBoxedAll, extractLastBoxed, extractBoxedSpans } from './boxed.ts';
export { extractAnswer } from './extract.ts';
export { DEFAULT_OPTIONS } from './compare.ts';
export {
  canonicalize, classify, clearCheckerCaches, isEquivalent, parseAnswer, verifyAgainstSolution, verifyResponse,
} from './verify.ts';
export { reward, type RewardOptions, type RewardResult } from './reward.ts';
