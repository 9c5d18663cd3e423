import { difficultyOf } from '../../sources/difficulty.ts';
import { getAdapter } from '../../sources/registry.ts';
import type { ProcessedRecord } from '../../schemas/processed.ts';
import { contaminationEvidence } from '../decontam/decontaminate.ts';
import { NULL_LENGTH, type ByteSink } from './byte-sink.ts';
import type { MalformedRow } from './to-record.ts';

/**
 * Staging records are produced on the worker threads, already holding every output column as
 * typed binary fields, so neither the main thread nor DuckDB parses or re-serialises a record:
 * the write stage adds the fields the global stages decide (write/shard-rows.ts) and feeds the
 * columns to DuckDB as they are (write/shard-row-columns.ts). DuckDB parsing 3.4 GB of JSON was
 * most of the write stage's CPU.
 *
 * A staging file is a sequence of frames: a u32 byte length, then that many bytes. All numbers
 * are little-endian; `str` is a u32 UTF-8 byte length and the bytes, NULL_LENGTH for null; a
 * list is a u32 count and its items. A frame starts with a u8 kind:
 * - RECORD: u32 offset of the signals list from the kind byte; then id, source, source_id,
 *   subset?, problem, problem_original?, cleaning (list of str), solution?, answer?,
 *   answer_origin, answer_kind?, answer_canonical?, level?, difficulty (f64, NaN for null),
 *   subject?, metadata, signals (list of: str filter, str reason, u8 fired, str evidence),
 *   contamination?, input_file, input_row (f64);
 * - MALFORMED: id, source, source_id, excerpt, input_file, input_row (f64), error, and the
 *   error cut to the rejection's evidence length.
 * Columns keep their output order, except the global ones the write stage adds.
 */
export const RECORD = 0;
export const MALFORMED = 1;

export type FiredSignal = [filter: string, reason: string, evidence: string];

/**
 * The small per-record facts the global stages need, one JSON line each in the facts file (the
 * text-derived dedup facts are in the binary file beside it, see dedup/facts-file.ts).
 */
export interface RecordFacts {
  id: string;
  source: string;
  subset: string | null;
  answer: string | null;
  answer_canonical: string | null;
  /** Names and reason codes of the per-record signals that fired (filters, decontamination). */
  fired: string[];
  contaminated: boolean;
  /** Key under which later rows fold into this record (sources with `foldKey`), else null. */
  fold_key: string | null;
}

/** Appends the record's staging frame to `out`; returns its facts line. */
export function encodeRecord(out: ByteSink, r: ProcessedRecord, foldKey: string | null): string {
  const c = r.contamination;
  const signals = [...r.signals, { filter: 'decontamination', reason: 'benchmark_contamination', fired: c !== null, evidence: c ? contaminationEvidence(c).slice(0, 300) : '' }];
  const frame = out.length;
  out.u32(0); // the frame length, patched below
  out.u8(RECORD);
  out.u32(0); // where the signals start, patched below
  for (const s of [r.id, r.source, r.source_id, r.subset, r.problem, r.problem_original]) out.str(s);
  out.u32(r.cleaning.length);
  for (const s of r.cleaning) out.str(s);
  for (const s of [r.solution, r.answer, r.answer_origin, r.answer_kind, r.answer_canonical, r.level]) out.str(s);
  out.f64(difficultyOf(getAdapter(r.source), r.level) ?? NaN);
  out.str(r.subject);
  out.str(JSON.stringify(r.metadata));
  out.patchU32(frame + 5, out.length - frame - 4);
  out.u32(signals.length);
  for (const s of signals) {
    out.str(s.filter);
    out.str(s.reason);
    out.u8(s.fired ? 1 : 0);
    out.str(s.evidence);
  }
  out.str(c ? `${c.benchmark}:${c.item}` : null);
  out.str(r.input_file);
  out.f64(r.input_row);
  out.patchU32(frame, out.length - frame - 4);
  const fired = signals.filter((s) => s.fired).flatMap((s) => [s.filter, s.reason]);
  const facts: RecordFacts = {
    id: r.id,
    source: r.source,
    subset: r.subset,
    answer: r.answer,
    answer_canonical: r.answer_canonical,
    fired,
    contaminated: c !== null,
    fold_key: foldKey,
  };
  return JSON.stringify(facts);
}

/** Appends a malformed row's staging frame to `out`: what its rejection row is made of. */
export function encodeMalformed(out: ByteSink, m: MalformedRow): void {
  const frame = out.length;
  out.u32(0);
  out.u8(MALFORMED);
  for (const s of [m.id, m.source, m.source_id, m.excerpt, m.input_file]) out.str(s);
  out.f64(m.input_row);
  out.str(m.error);
  out.str(m.error.slice(0, 300));
  out.patchU32(frame, out.length - frame - 4);
}

/** What the write stage reads of a staging frame in JS: the rest goes to DuckDB as bytes. */
export type StagedHead =
  | { kind: typeof RECORD; id: string; source: string; subset: string | null; fired: FiredSignal[] }
  | { kind: typeof MALFORMED; source: string };

/** Reads the head of the frame whose kind byte is at `at`. */
export function readStagedHead(buf: Buffer, at: number): StagedHead {
  if (buf[at] === MALFORMED) {
    const idEnd = skipStr(buf, at + 1);
    return { kind: MALFORMED, source: readStr(buf, idEnd)! };
  }
  if (buf[at] !== RECORD) throw new Error(`staging frame of unknown kind ${buf[at]}`);
  const signalsAt = at + buf.readUInt32LE(at + 1);
  let p = at + 5;
  const id = readStr(buf, p)!;
  p = skipStr(buf, p);
  const source = readStr(buf, p)!;
  p = skipStr(buf, skipStr(buf, p)); // source, source_id
  const subset = readStr(buf, p);
  const fired: FiredSignal[] = [];
  const n = buf.readUInt32LE(signalsAt);
  p = signalsAt + 4;
  for (let k = 0; k < n; k++) {
    const filterAt = p;
    const reasonAt = skipStr(buf, filterAt);
    const firedAt = skipStr(buf, reasonAt);
    const evidenceAt = firedAt + 1;
    p = skipStr(buf, evidenceAt);
    if (buf[firedAt] === 1) fired.push([readStr(buf, filterAt)!, readStr(buf, reasonAt)!, readStr(buf, evidenceAt)!]);
  }
  return { kind: RECORD, id, source, subset, fired };
}

function readStr(buf: Buffer, at: number): string | null {
  const len = buf.readUInt32LE(at);
  return len === NULL_LENGTH ? null : buf.toString('utf8', at + 4, at + 4 + len);
}

/** Where the string at `at` ends. */
export function skipStr(buf: Uint8Array, at: number): number {
  const len = (buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24)) >>> 0;
  return len === NULL_LENGTH ? at + 4 : at + 4 + len;
}
