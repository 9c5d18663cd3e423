import type { SourceCounts } from '../../schemas/manifest.ts';
import type { TaskStats } from './task-marker.ts';

/** Counts every input row exactly once: kept, rejected (by reason) or folded. */
export class Accounting {
  private readonly perSource = new Map<string, SourceCounts>();
  private readonly perFile = new Map<string, number>();
  private total = 0;

  private get(source: string): SourceCounts {
    let c = this.perSource.get(source);
    if (!c) {
      c = { read: 0, kept: 0, rejected: 0, folded: 0, by_reason: {}, by_any_reason: {}, subsets: {} };
      this.perSource.set(source, c);
    }
    return c;
  }

  /** Adds what one read task read (from the task itself, or from its marker on resume). */
  addTask(t: TaskStats): void {
    const c = this.get(t.source);
    for (const [file, n] of Object.entries(t.rows_by_file)) {
      c.read += n;
      this.total += n;
      this.perFile.set(file, (this.perFile.get(file) ?? 0) + n);
    }
    c.folded += t.folded;
    for (const [subset, n] of Object.entries(t.subsets)) (c.subsets[subset] ??= { read: 0, kept: 0 }).read += n;
  }
  kept(source: string, subset: string | null): void {
    const c = this.get(source);
    c.kept++;
    c.subsets[subsetKey(subset)].kept++;
  }
  rejected(source: string, reason: string, reasons: readonly string[]): void {
    const c = this.get(source);
    c.rejected++;
    c.by_reason[reason] = (c.by_reason[reason] ?? 0) + 1;
    for (const r of reasons) c.by_any_reason[r] = (c.by_any_reason[r] ?? 0) + 1;
  }

  totalRead(): number {
    return this.total;
  }
  rowsOf(file: string): number {
    return this.perFile.get(file) ?? 0;
  }
  /** Per-source counts with keys sorted, so the manifest is byte-stable. */
  counts(): Record<string, SourceCounts> {
    const out: Record<string, SourceCounts> = {};
    for (const s of [...this.perSource.keys()].sort()) {
      const c = this.perSource.get(s)!;
      out[s] = { ...c, by_reason: sortKeys(c.by_reason), by_any_reason: sortKeys(c.by_any_reason), subsets: sortKeys(c.subsets) };
    }
    return out;
  }
  totals() {
    const t = { read: 0, kept: 0, rejected: 0, folded: 0 };
    for (const c of this.perSource.values()) {
      t.read += c.read;
      t.kept += c.kept;
      t.rejected += c.rejected;
      t.folded += c.folded;
    }
    return t;
  }
  identityHolds(): boolean {
    return [...this.perSource.values()].every((c) => c.read === c.kept + c.rejected + c.folded);
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function subsetKey(subset: string | null): string {
  return subset ?? '(none)';
}
