import type { SourceAdapter } from './adapter.ts';

/**
 * The numeric difficulty of a record: the number in its upstream `level` ("Level 3", "4", "4.5")
 * on its source's own scale (see the adapter's `difficulty`), or null when the source has no
 * scale or the level holds no number within it ("Level ?").
 */
export function difficultyOf(adapter: SourceAdapter, level: string | null): number | null {
  const scale = adapter.difficulty;
  if (!scale || level === null) return null;
  const m = /^\s*(?:level\s*)?(\d+(?:\.\d+)?)\s*$/i.exec(level);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= scale.min && n <= scale.max ? n : null;
}
