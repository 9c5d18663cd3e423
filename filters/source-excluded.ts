import type { Filter } from './filter.ts';
import { signal } from './filter.ts';

/**
 * Source policy: `source_policy.exclude_subsets` names, per source, the subsets dropped as a
 * matter of policy (by default NuminaMath's `synthetic_math` and `synthetic_amc`, which the
 * Big-Math paper dropped as LLM-generated). Not a judgement of the problem itself.
 */
export const sourceExcluded: Filter = {
  name: 'source_excluded',
  reason: 'source_excluded',
  apply(rec, config) {
    const excluded = config.source_policy.exclude_subsets[rec.source] ?? [];
    const hit = rec.subset !== null && excluded.includes(rec.subset);
    return signal(this, hit, hit ? `${rec.source} subset ${rec.subset} is excluded by source_policy` : '');
  },
};
