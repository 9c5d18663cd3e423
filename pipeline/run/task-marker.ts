import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';

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
  /** Sizes of the staging, facts and dedup-facts files (see `readMarker`). */
  bytes: [staged: number, facts: number, dedup: number];
  stats: TaskStats;
}

/**
 * Binary staging frames (process/staged-format.ts). The name changed with the format: a run
 * resumed over JSON staging files of an older version finds no file of this name, so it redoes
 * those tasks instead of misreading them.
 */
export function stagedPath(work: string, index: number): string {
  return join(work, 'staged', `task-${String(index).padStart(5, '0')}.staged.bin`);
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
  const marker: TaskMarker = { index, label, bytes: sizes(work, index), stats };
  await writeFileAtomic(markerPath(work, index), JSON.stringify(marker));
}

function files(work: string, index: number): [string, string, string] {
  return [stagedPath(work, index), factsPath(work, index), dedupFactsPath(work, index)];
}

function sizes(work: string, index: number): [number, number, number] {
  const [a, b, c] = files(work, index).map((f) => statSync(f).size);
  return [a, b, c];
}

/**
 * A task counts as done only when its marker exists and its files still have the sizes it
 * recorded. Sizes, not hashes: the files appear under their names only once complete (renamed
 * from a temporary name), so what can go wrong is a later truncation, which sizes catch; hashing
 * every staging file (5 GB at 1.5M records) cost seconds per build and half a minute per resume.
 */
export async function readMarker(work: string, index: number): Promise<TaskMarker | null> {
  const p = markerPath(work, index);
  if (!existsSync(p) || !files(work, index).every((f) => existsSync(f))) return null;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as TaskMarker;
    const now = sizes(work, index);
    const ok = Array.isArray(m.bytes) && m.bytes.every((b, k) => b === now[k]);
    return ok ? m : null;
  } catch {
    return null;
  }
}
