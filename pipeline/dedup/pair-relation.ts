import type { DedupConfig } from '../../schemas/config.ts';
import { dedupFacts } from './facts.ts';
import { jaccard } from './shingles.ts';
import { isTemplateSibling } from './template-siblings.ts';

export type PairRelation = 'exact' | 'near' | 'sibling' | 'below';

/**
 * What the dedup stage decides for one pair of problems, without LSH (which only finds the
 * candidates): `exact` (same normalised text), `near` (Jaccard at or above the threshold and not
 * siblings), `sibling` (at or above the threshold but the template-sibling rule keeps both), or
 * `below`. Used to score the rule on labelled pairs; the stage itself never calls it.
 */
export function pairRelation(a: string, b: string, cfg: DedupConfig): { relation: PairRelation; jaccard: number } {
  const fa = dedupFacts(a, cfg);
  const fb = dedupFacts(b, cfg);
  const J = jaccard(fa.set.slice().sort(), fb.set.slice().sort());
  if (fa.hi === fb.hi && fa.lo === fb.lo) return { relation: 'exact', jaccard: J };
  if (J < cfg.near_dup_threshold) return { relation: 'below', jaccard: J };
  if (cfg.template_siblings && isTemplateSibling(fa.values, fb.values)) return { relation: 'sibling', jaccard: J };
  return { relation: 'near', jaccard: J };
}
