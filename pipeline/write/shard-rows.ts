import { ByteSink } from '../process/byte-sink.ts';
import type { Verdict } from '../process/verdict.ts';

/**
 * The rows of one output shard until DuckDB converts them (shard-scan.ts), held as references
 * to their staging frames (process/staged-format.ts: file, offset, length) plus, for each
 * RECORD, the fields the global stages decided, in `globals`, row after row:
 *   dup_cluster?, dup_cluster_size (i32), duplicate_of?, folded_rows (i32),
 *   the dedup signal's reason, fired (u8) and evidence (its filter is always `dedup`),
 *   and in the rejected set: reason, reasons (u32 count, strings), stage, evidence.
 * A MALFORMED row has no globals: every other column of its rejection row is fixed.
 * The frames stay in the staging files, read again by the conversion: the main thread neither
 * copies nor writes a record's text.
 */
export interface GlobalFields {
  dup_cluster: string | null;
  dup_cluster_size: number;
  duplicate_of: string | null;
  folded_rows: number;
  dedup: { reason: string; fired: boolean; evidence: string };
}

export const DEDUP_FILTER = 'dedup';

export class ShardRows {
  /** The staging files the rows come from, in the order first used. */
  readonly files: string[] = [];
  readonly globals = new ByteSink();
  count = 0;
  /** Per row: index into `files`, offset of the frame's bytes in it, their length. */
  private refs = new Float64Array(3 * 1024);

  /** A record's row: its frame and its global fields (`rejection` in the rejected set). */
  addRecord(file: string, offset: number, length: number, g: GlobalFields, rejection: Verdict | null): void {
    this.add(file, offset, length);
    const out = this.globals;
    out.str(g.dup_cluster);
    out.i32(g.dup_cluster_size);
    out.str(g.duplicate_of);
    out.i32(g.folded_rows);
    out.str(g.dedup.reason);
    out.u8(g.dedup.fired ? 1 : 0);
    out.str(g.dedup.evidence);
    if (rejection) {
      out.str(rejection.reason);
      out.u32(rejection.reasons.length);
      for (const r of rejection.reasons) out.str(r);
      out.str(rejection.stage);
      out.str(rejection.evidence);
    }
  }

  /** A malformed row's rejection: its frame alone. */
  addMalformed(file: string, offset: number, length: number): void {
    this.add(file, offset, length);
  }

  fileOf(row: number): number {
    return this.refs[row * 3];
  }
  offsetOf(row: number): number {
    return this.refs[row * 3 + 1];
  }
  lengthOf(row: number): number {
    return this.refs[row * 3 + 2];
  }

  private add(file: string, offset: number, length: number): void {
    if (this.files.at(-1) !== file) this.files.push(file);
    if ((this.count + 1) * 3 > this.refs.length) {
      const next = new Float64Array(this.refs.length * 2);
      next.set(this.refs);
      this.refs = next;
    }
    const k = this.count * 3;
    this.refs[k] = this.files.length - 1;
    this.refs[k + 1] = offset;
    this.refs[k + 2] = length;
    this.count++;
  }
}
