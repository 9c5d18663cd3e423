import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';
import { sha256File } from '../writers/parquet-shards.ts';

/** What one read task contributed to the run's accounting; stored in its completion marker. */
export interface TaskStats {
  source: string;
  rows_by_file: Record<string, number>;
  records: number;
  malformed: number;
  folded: number;
  /** id of the record a later row folded into -> rows folded (ids may belong to earlier tasks). */
  folded_into: Record<string, number>;
  subsets: Record<string, number>;
}

export interface TaskMarker {
  index: number;
  label: string;
  staged_sha256: string;
  facts_sha256: string;
  dedup_facts_sha256: string;
  stats: TaskStats;
}

export function stagedPath(work: string, index: number): string {
  return join(work, 'staged', `task-${String(index).padStart(5, '0')}.jsonl`);
}
export function factsPath(work: string, index: number): string {
  return join(work, 'staged', `task-${String(index).padStart(5, '0')}.facts.jsonl`);
}
export function dedupFactsPath(work: string, index: number): string {
  return join(work, 'staged', `task-${String(index).padStart(5, '0')}.dedup.bin`);
}
function markerPath(work: string, index: number): string {
  return join(work, 'staged', `task-${String(index).padStart(5, '0')}.done.json`);
}

/** Written after the task's staging file is complete and renamed into place. */
export async function writeMarker(work: string, index: number, label: string, stats: TaskStats): Promise<void> {
  const marker: TaskMarker = {
    index,
    label,
    staged_sha256: await sha256File(stagedPath(work, index)),
    facts_sha256: await sha256File(factsPath(work, index)),
    dedup_facts_sha256: await sha256File(dedupFactsPath(work, index)),
    stats,
  };
  await writeFileAtomic(markerPath(work, index), JSON.stringify(marker));
}

/** A task counts as done only when its marker exists and its staging files still hash to it. */
export async function readMarker(work: string, index: number): Promise<TaskMarker | null> {
  const p = markerPath(work, index);
  const files = [stagedPath(work, index), factsPath(work, index), dedupFactsPath(work, index)];
  if (!existsSync(p) || !files.every((f) => existsSync(f))) return null;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as TaskMarker;
    const ok =
      m.staged_sha256 === (await sha256File(files[0])) &&
      m.facts_sha256 === (await sha256File(files[1])) &&
      m.dedup_facts_sha256 === (await sha256File(files[2]));
    return ok ? m : null;
  } catch {
    return null;
  }
}
