import type { ByteSink } from '../process/byte-sink.ts';
import type { Verdict } from '../process/verdict.ts';

/**
 * The rows of one output shard, staged beside it until DuckDB converts them (shard-scan.ts): a
 * sequence of frames (u32 byte length, bytes), each a staging frame (process/staged-format.ts)
 * copied as it is, with the fields the global stages decided appended to a RECORD:
 *   dup_cluster?, dup_cluster_size (i32), duplicate_of?, folded_rows (i32),
 *   the dedup signal's reason, fired (u8) and evidence (its filter is always `dedup`),
 *   and in the rejected set: reason, reasons (u32 count, strings), stage, evidence.
 * A MALFORMED frame is copied alone: every other column of its rejection row is fixed.
 * Copying the frame's bytes is all the main thread does with a record's text.
 */
export interface GlobalFields {
  dup_cluster: string | null;
  dup_cluster_size: number;
  duplicate_of: string | null;
  folded_rows: number;
  dedup: { reason: string; fired: boolean; evidence: string };
}

export const DEDUP_FILTER = 'dedup';

/** Appends a record's row: its staging frame (from the kind byte on) and the global fields. */
export function appendRecordRow(out: ByteSink, frame: Uint8Array, g: GlobalFields, rejection: Verdict | null): void {
  const start = out.length;
  out.u32(0); // the frame length, patched below
  out.bytes(frame);
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
  out.patchU32(start, out.length - start - 4);
}

/** Appends a malformed row's staging frame (from the kind byte on). */
export function appendMalformedRow(out: ByteSink, frame: Uint8Array): void {
  out.u32(frame.length);
  out.bytes(frame);
}
