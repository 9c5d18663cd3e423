import type { DedupDecision, Equivalent } from './types.ts';
import type { KeeperFacts } from './keeper-policy.ts';

/**
 * Turns one duplicate cluster (members ranked best first, see keeper-policy.ts) into decisions,
 * comparing answers with the checker's equivalence.
 *
 * - No eligible member: everyone keeps cluster info, nobody gets a dedup reason (the records are
 *   rejected for their own reasons already, and nothing here is kept).
 * - All compared answers agree with the keeper's: the others are `exact_duplicate` (same
 *   normalised text as the keeper) or `near_duplicate`.
 * - Some disagree. `drop_cluster`: every member is `answer_conflict` and nothing is kept (we
 *   cannot tell which copy is right). `majority`: the keeper stays when more of the compared
 *   members agree with it than disagree; the disagreeing ones are `answer_conflict`, the agreeing
 *   ones duplicates. Without such a majority the whole cluster is dropped.
 * Only eligible members with an answer vote: an ineligible record may carry an answer the
 * filters already judged unusable. A member without an answer cannot disagree.
 */
export interface ClusterMember extends KeeperFacts {
  answer: string | null;
  answer_canonical: string | null;
  /** Exact-duplicate group (smallest index with the same normalised text). */
  exactRep: number;
  /** Confirmed pair that joined this member's exact group to the cluster (-1 if none). */
  edgePartnerId: string | null;
  edgeJaccard: number;
}

export type ConflictPolicy = 'drop_cluster' | 'majority';

export function resolveCluster(
  ranked: ClusterMember[],
  policy: ConflictPolicy,
  equivalent: Equivalent,
): DedupDecision[] {
  let clusterId = ranked[0].id;
  for (const m of ranked) if (m.id < clusterId) clusterId = m.id;
  const size = ranked.length;
  const keeper = ranked[0];
  const base = (m: ClusterMember): DedupDecision => ({
    index: m.index,
    dup_cluster: clusterId,
    dup_cluster_size: size,
    duplicate_of: null,
    reason: null,
    evidence: '',
  });
  if (!keeper.eligible) return ranked.map(base);

  const agrees = new Map<number, boolean>(); // index -> agrees with keeper (compared members only)
  let agree = 0;
  let disagree = 0;
  for (let k = 1; k < size; k++) {
    const m = ranked[k];
    if (!m.eligible || m.answer === null || keeper.answer === null) continue;
    const same = sameAnswer(keeper, m, equivalent);
    agrees.set(m.index, same);
    if (same) agree++;
    else disagree++;
  }
  const firstDisagreeing = ranked.find((m) => agrees.get(m.index) === false);
  const dropAll = disagree > 0 && (policy === 'drop_cluster' || agree <= disagree);

  return ranked.map((m, k) => {
    const d = base(m);
    if (dropAll) {
      const other = m === keeper ? firstDisagreeing! : keeper;
      d.reason = 'answer_conflict';
      d.evidence = `cluster dropped: answer ${short(m.answer)} vs ${short(other.answer)} (${other.id})`;
      return d;
    }
    if (k === 0) return d;
    d.duplicate_of = keeper.id;
    if (agrees.get(m.index) === false) {
      d.reason = 'answer_conflict';
      d.evidence = `answer ${short(m.answer)} vs ${short(keeper.answer)} (kept ${keeper.id})`;
    } else if (m.exactRep === keeper.exactRep) {
      d.reason = 'exact_duplicate';
      d.evidence = `same normalised text as ${keeper.id}`;
    } else {
      d.reason = 'near_duplicate';
      d.jaccard = round2(m.edgeJaccard);
      const via = m.edgePartnerId === keeper.id ? '' : ` (kept ${keeper.id})`;
      d.evidence = `Jaccard ${d.jaccard.toFixed(2)} with ${m.edgePartnerId ?? keeper.id}${via}`;
    }
    return d;
  });
}

/**
 * Whether two records' answers are the same (both present). Settles a pair whose wording differs
 * in what is asked: the same answer says the change was wording; no answer says nothing, so the
 * two stay apart.
 */
export function answersAgree(a: ClusterMember, b: ClusterMember, equivalent: Equivalent): boolean {
  return a.answer !== null && b.answer !== null && sameAnswer(a, b, equivalent);
}

/** Whether an eligible member's answer disagrees with the keeper's (members ranked best first). */
export function hasDisagreement(ranked: ClusterMember[], equivalent: Equivalent): boolean {
  const keeper = ranked[0];
  if (!keeper.eligible || keeper.answer === null) return false;
  return ranked.some((m, k) => k > 0 && m.eligible && m.answer !== null && !sameAnswer(keeper, m, equivalent));
}

function sameAnswer(a: ClusterMember, b: ClusterMember, equivalent: Equivalent): boolean {
  if (a.answer_canonical !== null && a.answer_canonical === b.answer_canonical) return true;
  if (a.answer!.trim() === b.answer!.trim()) return true;
  return equivalent(a.answer!, b.answer!);
}

function short(s: string | null): string {
  if (s === null) return '(none)';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
