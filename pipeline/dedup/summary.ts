import type { DedupDecision } from './types.ts';

/**
 * Dedup summary for the run manifest.
 * - `clusters_by_size`: how many clusters have 2, 3, ... members (singletons not counted).
 * - `overlap[a][b]` (a != b): clusters holding at least one record of source a and one of b
 *   (symmetric). `overlap[a][a]`: clusters holding two or more records of source a (duplication
 *   inside one source).
 * - `removed_by_reason` and `removed_by_source`: records that got a dedup reason.
 */
export interface DedupSummary {
  clusters: number;
  records_in_clusters: number;
  clusters_by_size: Record<string, number>;
  overlap: Record<string, Record<string, number>>;
  removed_by_reason: Record<string, number>;
  removed_by_source: Record<string, number>;
}

export function dedupSummary(decisions: DedupDecision[], sourceOf: (i: number) => string): DedupSummary {
  const byCluster = new Map<string, number[]>();
  const removedByReason: Record<string, number> = {};
  const removedBySource: Record<string, number> = {};
  for (const d of decisions) {
    if (d.dup_cluster !== null) {
      let m = byCluster.get(d.dup_cluster);
      if (!m) byCluster.set(d.dup_cluster, (m = []));
      m.push(d.index);
    }
    if (d.reason !== null) {
      removedByReason[d.reason] = (removedByReason[d.reason] ?? 0) + 1;
      const s = sourceOf(d.index);
      removedBySource[s] = (removedBySource[s] ?? 0) + 1;
    }
  }
  const bySize = new Map<number, number>();
  const overlap: Record<string, Record<string, number>> = {};
  const bump = (a: string, b: string) => {
    overlap[a] ??= {};
    overlap[a][b] = (overlap[a][b] ?? 0) + 1;
  };
  let recordsInClusters = 0;
  for (const members of byCluster.values()) {
    recordsInClusters += members.length;
    bySize.set(members.length, (bySize.get(members.length) ?? 0) + 1);
    const count = new Map<string, number>();
    for (const i of members) {
      const s = sourceOf(i);
      count.set(s, (count.get(s) ?? 0) + 1);
    }
    const sources = [...count.keys()].sort();
    for (const a of sources) {
      if (count.get(a)! > 1) bump(a, a);
      for (const b of sources) if (a !== b) bump(a, b);
    }
  }
  const clustersBySize: Record<string, number> = {};
  for (const [k, v] of [...bySize].sort((x, y) => x[0] - y[0])) clustersBySize[String(k)] = v;
  return {
    clusters: byCluster.size,
    records_in_clusters: recordsInClusters,
    clusters_by_size: clustersBySize,
    overlap: sortKeys(overlap),
    removed_by_reason: removedByReason,
    removed_by_source: removedBySource,
  };
}

function sortKeys(o: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const a of Object.keys(o).sort()) {
    out[a] = {};
    for (const b of Object.keys(o[a]).sort()) out[a][b] = o[a][b];
  }
  return out;
}
