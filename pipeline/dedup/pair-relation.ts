import type { DedupConfig } from '../../schemas/config.ts';
import { dedupFacts } from './facts.ts';
import { questionChanged } from './question-tokens.ts';
import { jaccard } from './shingles.ts';
import { isTemplateSibling } from './template-siblings.ts';
import type { Equivalent } from './types.ts';

export type PairRelation = 'exact' | 'near' | 'sibling' | 'below';

export interface PairSide {
  problem: string;
  answer: string | null;
}

/**
 * What the dedup stage decides for one pair of problems, without LSH (which only finds the
 * candidates): `exact` (same normalised text), `near` (Jaccard at or above the threshold, not
 * template siblings, and asking the same question, or asking a reworded one with the same
 * answer), `sibling` (at or above the threshold but kept apart), or `below`. Used to score the
 * rule on labelled pairs; the stage itself applies the same tests in dedup.ts.
 */
export function pairRelation(a: PairSide, b: PairSide, cfg: DedupConfig, equivalent: Equivalent): { relation: PairRelation; jaccard: number } {
  const fa = dedupFacts(a.problem, cfg);
  const fb = dedupFacts(b.problem, cfg);
  const J = jaccard(fa.set.slice().sort(), fb.set.slice().sort());
  if (fa.hi === fb.hi && fa.lo === fb.lo) return { relation: 'exact', jaccard: J };
  if (J < cfg.near_dup_threshold) return { relation: 'below', jaccard: J };
  if (!cfg.template_siblings) return { relation: 'near', jaccard: J };
  if (isTemplateSibling(fa.values, fb.values)) return { relation: 'sibling', jaccard: J };
  if (!questionChanged(fa.question, fb.question)) return { relation: 'near', jaccard: J };
  const agree = a.answer !== null && b.answer !== null && (a.answer.trim() === b.answer.trim() || equivalent(a.answer, b.answer));
  return { relation: agree ? 'near' : 'sibling', jaccard: J };
}
