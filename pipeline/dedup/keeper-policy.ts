/**
 * Which record a duplicate cluster keeps. Order of preference:
 *  1. eligible (passed every per-record filter); an ineligible record is never kept;
 *  2. source priority: the earliest matching entry of `source_priority` wins. An entry is either
 *     a source (`numinamath`) or `source/subset` (`numinamath/amc_aime`), the more specific entry
 *     applying first; sources not listed come after all listed ones;
 *  3. a record whose answer parsed as a closed form (checker canonical present);
 *  4. the smaller id (plain string order), then the smaller index: a stable tie-break that does
 *     not depend on input order.
 */
export interface KeeperFacts {
  index: number;
  id: string;
  source: string;
  subset: string | null;
  eligible: boolean;
  hasClosedForm: boolean;
}

export type SourceRank = (source: string, subset: string | null) => number;

export function sourceRank(priority: readonly string[]): SourceRank {
  const bySource = new Map<string, number>();
  const bySubset = new Map<string, number>();
  priority.forEach((entry, i) => {
    const slash = entry.indexOf('/');
    if (slash < 0) {
      if (!bySource.has(entry)) bySource.set(entry, i);
    } else if (!bySubset.has(entry)) bySubset.set(entry, i);
  });
  return (source, subset) =>
    (subset !== null ? bySubset.get(`${source}/${subset}`) : undefined) ?? bySource.get(source) ?? priority.length;
}

/** Negative when `a` is the better keeper. */
export function compareKeepers(a: KeeperFacts, b: KeeperFacts, rank: SourceRank): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  const ra = rank(a.source, a.subset);
  const rb = rank(b.source, b.subset);
  if (ra !== rb) return ra - rb;
  if (a.hasClosedForm !== b.hasClosedForm) return a.hasClosedForm ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return a.index - b.index;
}

/** Members sorted best first; the first is the keeper when it is eligible. */
export function rankMembers<T extends KeeperFacts>(members: T[], rank: SourceRank): T[] {
  return [...members].sort((a, b) => compareKeepers(a, b, rank));
}
