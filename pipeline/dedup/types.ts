/** Records and decisions exchanged with the pipeline (re-exported by dedup.ts). */

export interface DedupInput {
  /** Dense 0..n-1 in deterministic record order. */
  index: number;
  id: string;
  source: string;
  subset: string | null;
  /** Cleaned problem text (needed only when dedup is not given precomputed facts). */
  problem?: string;
  /** Upstream answer. */
  answer: string | null;
  /** Checker canonical form, or null when the answer is not a closed form. */
  answer_canonical: string | null;
  /** Passed all per-record filters; only eligible records can be kept. */
  eligible: boolean;
}

export type DedupReason = 'exact_duplicate' | 'near_duplicate' | 'answer_conflict';

export interface DedupDecision {
  index: number;
  /** Stable cluster id: the smallest record id in the cluster; null for singletons. */
  dup_cluster: string | null;
  /** 1 for singletons. */
  dup_cluster_size: number;
  /** Id of the kept record this one duplicates (null when nothing in the cluster is kept). */
  duplicate_of: string | null;
  reason: DedupReason | null;
  /** Short and human-readable: what matched. */
  evidence: string;
  /** Jaccard of the confirmed pair that joined this record (near duplicates only). */
  jaccard?: number;
}

export type Equivalent = (a: string, b: string) => boolean;
