import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GlobalDecisions } from './global-stages.ts';
import type { DedupDecision } from '../dedup/dedup.ts';
import { writeFileAtomic } from './atomic.ts';

/**
 * The global stages' result, saved so that a run killed while writing resumes without redoing
 * dedup. Only non-trivial entries are stored (most records are singletons).
 */
interface Stored {
  n: number;
  dedup: [number, DedupDecision][] | null;
  summary: unknown;
}

const path = (work: string) => join(work, 'global.json');

export async function saveGlobal(work: string, n: number, d: GlobalDecisions): Promise<void> {
  const stored: Stored = {
    n,
    dedup: d.dedup ? d.dedup.filter((x) => x.dup_cluster !== null || x.reason !== null).map((x) => [x.index, x]) : null,
    summary: d.summary,
  };
  await writeFileAtomic(path(work), JSON.stringify(stored));
}

export function loadGlobal(work: string, n: number): GlobalDecisions | null {
  if (!existsSync(path(work))) return null;
  let s: Stored;
  try {
    s = JSON.parse(readFileSync(path(work), 'utf8'));
  } catch {
    return null;
  }
  if (s.n !== n) return null;
  let dedup: DedupDecision[] | null = null;
  if (s.dedup) {
    dedup = Array.from({ length: n }, (_, index) => ({ index, dup_cluster: null, dup_cluster_size: 1, duplicate_of: null, reason: null, evidence: '' }));
    for (const [i, x] of s.dedup) dedup[i] = x;
  }
  return { dedup, summary: s.summary };
}
