import duckdb from '@duckdb/node-bindings';
import { MALFORMED, RECORD } from '../process/staged-format.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from './columns.ts';
import { DEDUP_FILTER } from './shard-rows.ts';
import { BigintColumn, BooleanColumn, DoubleColumn, IntegerColumn, ListEntries, u32, VarcharColumn, VarcharListColumn } from './vector-columns.ts';

/** The `signals` column: a list of STRUCT(filter, reason, fired, evidence), none of them null. */
class SignalListColumn {
  private readonly list = new ListEntries();
  private readonly filter = new VarcharColumn();
  private readonly reason = new VarcharColumn();
  private readonly fired = new BooleanColumn();
  private readonly evidence = new VarcharColumn();
  ensure(rows: number): void {
    this.list.ensure(rows);
  }
  reset(): void {
    this.list.reset();
    this.filter.reset();
    this.reason.reset();
    this.evidence.reset();
  }
  /** Starts row `row` with `n` signals; returns the index of its first. */
  open(row: number, n: number): number {
    const first = this.list.add(row, n);
    const size = this.list.size;
    this.filter.ensure(size);
    this.reason.ensure(size);
    this.fired.ensure(size);
    this.evidence.ensure(size);
    return first;
  }
  /** Reads a staged signal (filter, reason, u8 fired, evidence) into child `i`; returns where it ends. */
  read(i: number, buf: Uint8Array, at: number): number {
    at = this.filter.read(i, buf, at);
    at = this.reason.read(i, buf, at);
    this.fired.set(i, buf[at]);
    return this.evidence.read(i, buf, at + 1);
  }
  /** A signal whose filter is fixed and whose reason, fired flag and evidence are staged at `at`. */
  readWithFilter(i: number, filter: Uint8Array, buf: Uint8Array, at: number): number {
    this.filter.set(i, filter, 0, filter.length);
    at = this.reason.read(i, buf, at);
    this.fired.set(i, buf[at]);
    return this.evidence.read(i, buf, at + 1);
  }
  /** A fired signal of which only the evidence is staged at `at`. */
  readEvidence(i: number, filter: Uint8Array, reason: Uint8Array, buf: Uint8Array, at: number): number {
    this.filter.set(i, filter, 0, filter.length);
    this.reason.set(i, reason, 0, reason.length);
    this.fired.set(i, 1);
    return this.evidence.read(i, buf, at);
  }
  flush(vector: duckdb.Vector, rows: number): void {
    const structs = this.list.flush(vector, rows);
    const n = this.list.size;
    this.filter.flush(duckdb.struct_vector_get_child(structs, 0), n, false);
    this.reason.flush(duckdb.struct_vector_get_child(structs, 1), n, false);
    this.fired.flush(duckdb.struct_vector_get_child(structs, 2), n);
    this.evidence.flush(duckdb.struct_vector_get_child(structs, 3), n, false);
  }
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const FIXED = {
  dedup: utf8(DEDUP_FILTER),
  read: utf8('read'),
  malformedRow: utf8('malformed_row'),
  emptyObject: utf8('{}'),
};

/**
 * Decodes shard rows (shard-rows.ts) into the column buffers of one DuckDB chunk, in the
 * column order of columns.ts (checked when built, so the two cannot drift apart silently).
 */
export class ShardRowColumns {
  private readonly rejected: boolean;
  /** Rows per chunk. */
  private readonly capacity: number;
  private readonly id = new VarcharColumn();
  private readonly source = new VarcharColumn();
  private readonly sourceId = new VarcharColumn();
  private readonly subset = new VarcharColumn();
  private readonly problem = new VarcharColumn();
  private readonly problemOriginal = new VarcharColumn();
  private readonly cleaning = new VarcharListColumn();
  private readonly solution = new VarcharColumn();
  private readonly answer = new VarcharColumn();
  private readonly answerOrigin = new VarcharColumn();
  private readonly answerKind = new VarcharColumn();
  private readonly answerCanonical = new VarcharColumn();
  private readonly level = new VarcharColumn();
  private readonly difficulty = new DoubleColumn();
  private readonly subject = new VarcharColumn();
  private readonly metadata = new VarcharColumn();
  private readonly signals = new SignalListColumn();
  private readonly dupCluster = new VarcharColumn();
  private readonly dupClusterSize = new IntegerColumn();
  private readonly duplicateOf = new VarcharColumn();
  private readonly contamination = new VarcharColumn();
  private readonly foldedRows = new IntegerColumn();
  private readonly inputFile = new VarcharColumn();
  private readonly inputRow = new BigintColumn();
  private readonly reason = new VarcharColumn();
  private readonly reasons = new VarcharListColumn();
  private readonly stage = new VarcharColumn();
  private readonly evidence = new VarcharColumn();
  /** The staged columns before `difficulty`, in staged order. */
  private readonly leading = [this.id, this.source, this.sourceId, this.subset, this.problem, this.problemOriginal, this.cleaning, this.solution, this.answer, this.answerOrigin, this.answerKind, this.answerCanonical, this.level];
  /** The rejection's columns, staged last. */
  private readonly rejection = [this.reason, this.reasons, this.stage, this.evidence];
  /** In output column order. */
  private readonly columns: { ensure(rows: number): void; reset(): void; flush(v: duckdb.Vector, rows: number): void }[];

  constructor(rejected: boolean, capacity: number) {
    this.rejected = rejected;
    this.capacity = capacity;
    const named = {
      id: this.id, source: this.source, source_id: this.sourceId, subset: this.subset, problem: this.problem,
      problem_original: this.problemOriginal, cleaning: this.cleaning, solution: this.solution, answer: this.answer,
      answer_origin: this.answerOrigin, answer_kind: this.answerKind, answer_canonical: this.answerCanonical,
      level: this.level, difficulty: this.difficulty, subject: this.subject, metadata: this.metadata,
      signals: this.signals, dup_cluster: this.dupCluster, dup_cluster_size: this.dupClusterSize,
      duplicate_of: this.duplicateOf, contamination: this.contamination, folded_rows: this.foldedRows,
      input_file: this.inputFile, input_row: this.inputRow,
      reason: this.reason, reasons: this.reasons, stage: this.stage, evidence: this.evidence,
    };
    const names = (rejected ? REJECTED_COLUMNS : CORPUS_COLUMNS).map(([n]) => n);
    const known = Object.keys(named);
    const missing = names.filter((n) => !known.includes(n));
    if (missing.length || names.length !== (rejected ? known.length : known.length - 4)) throw new Error(`shard row columns do not match the output schema (${missing.join(', ') || 'column count'})`);
    this.columns = names.map((n) => named[n as keyof typeof named]);
    for (const c of this.columns) c.ensure(capacity);
  }

  reset(): void {
    for (const c of this.columns) {
      c.reset();
      c.ensure(this.capacity);
    }
  }

  /** Decodes the row whose frame (kind byte on) is `buf[at, at + len)` into row `row`. */
  add(row: number, buf: Uint8Array, at: number, len: number): void {
    const end = buf[at] === RECORD ? this.addRecord(row, buf, at + 5) : buf[at] === MALFORMED ? this.addMalformed(row, buf, at + 1) : -1;
    if (end !== at + len) throw new Error(`shard row ${row} does not match its frame (kind ${buf[at]}, ${len} bytes)`);
  }

  flush(chunk: duckdb.DataChunk, rows: number): void {
    duckdb.data_chunk_set_size(chunk, rows);
    for (let k = 0; k < this.columns.length; k++) this.columns[k].flush(duckdb.data_chunk_get_vector(chunk, k), rows);
  }

  private addRecord(row: number, buf: Uint8Array, p: number): number {
    for (const c of this.leading) p = c.read(row, buf, p);
    this.difficulty.set(row, f64(buf, p));
    p = this.subject.read(row, buf, p + 8);
    p = this.metadata.read(row, buf, p);
    const n = u32(buf, p);
    p += 4;
    const first = this.signals.open(row, n + 1); // the dedup signal, staged with the globals, goes last
    for (let k = 0; k < n; k++) p = this.signals.read(first + k, buf, p);
    p = this.contamination.read(row, buf, p);
    p = this.inputFile.read(row, buf, p);
    this.inputRow.set(row, f64(buf, p));
    p += 8;
    // the global fields
    p = this.dupCluster.read(row, buf, p);
    this.dupClusterSize.set(row, i32(buf, p));
    p = this.duplicateOf.read(row, buf, p + 4);
    this.foldedRows.set(row, i32(buf, p));
    p = this.signals.readWithFilter(first + n, FIXED.dedup, buf, p + 4);
    if (this.rejected) for (const c of this.rejection) p = c.read(row, buf, p);
    return p;
  }

  /** A malformed row's rejection: its staged strings, everything else fixed or null. */
  private addMalformed(row: number, buf: Uint8Array, p: number): number {
    if (!this.rejected) throw new Error('a malformed row staged for the corpus');
    p = this.id.read(row, buf, p);
    p = this.source.read(row, buf, p);
    p = this.sourceId.read(row, buf, p);
    p = this.problem.read(row, buf, p); // the excerpt
    p = this.inputFile.read(row, buf, p);
    this.inputRow.set(row, f64(buf, p));
    p += 8;
    p = this.signals.readEvidence(this.signals.open(row, 1), FIXED.read, FIXED.malformedRow, buf, p); // the error
    p = this.evidence.read(row, buf, p); // the error cut to the evidence length
    for (const c of [this.subset, this.problemOriginal, this.solution, this.answer, this.answerOrigin, this.answerKind, this.answerCanonical, this.level, this.subject, this.dupCluster, this.duplicateOf, this.contamination]) c.setNull(row);
    this.difficulty.setNull(row);
    this.cleaning.setFixed(row, []);
    this.metadata.set(row, FIXED.emptyObject, 0, FIXED.emptyObject.length);
    this.dupClusterSize.set(row, 1);
    this.foldedRows.set(row, 0);
    this.reason.set(row, FIXED.malformedRow, 0, FIXED.malformedRow.length);
    this.reasons.setFixed(row, [FIXED.malformedRow]);
    this.stage.set(row, FIXED.read, 0, FIXED.read.length);
    return p;
  }
}

const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);
/** Little-endian f64 at `at` (the platform is little-endian, as DuckDB's vectors assume too). */
function f64(buf: Uint8Array, at: number): number {
  for (let k = 0; k < 8; k++) F64_BYTES[k] = buf[at + k];
  return F64[0];
}

function i32(buf: Uint8Array, at: number): number {
  return buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24);
}
