import duckdb from '@duckdb/node-bindings';
import { MALFORMED, RECORD } from '../process/staged-format.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from './columns.ts';
import { DEDUP_FILTER } from './shard-rows.ts';
import { StringBlobs } from './string-blobs.ts';
import { BigintColumn, BooleanColumn, DoubleColumn, IntegerColumn, ListEntries, u32, VarcharColumn, VarcharListColumn } from './vector-columns.ts';

/** The `signals` column: a list of STRUCT(filter, reason, fired, evidence), none of them null. */
class SignalListColumn {
  private readonly list = new ListEntries();
  private readonly filter: VarcharColumn;
  private readonly reason: VarcharColumn;
  private readonly fired = new BooleanColumn();
  private readonly evidence: VarcharColumn;
  constructor(blobs: StringBlobs) {
    this.filter = new VarcharColumn(blobs);
    this.reason = new VarcharColumn(blobs);
    this.evidence = new VarcharColumn(blobs);
  }
  ensure(rows: number): void {
    this.list.ensure(rows);
  }
  reset(): void {
    this.list.reset();
    this.filter.reset();
    this.reason.reset();
    this.evidence.reset();
  }
  /** Index of the first signal of the row opened last. */
  private first = 0;
  /** Index of the last signal of the row opened last. */
  last = 0;
  /** Starts row `row` with `n` signals, numbered 0 to n - 1 below until the next row is opened. */
  open(row: number, n: number): void {
    this.first = this.list.add(row, n);
    this.last = n - 1;
    const size = this.list.size;
    this.filter.ensure(size);
    this.reason.ensure(size);
    this.fired.ensure(size);
    this.evidence.ensure(size);
  }
  /** Reads a staged signal (filter, reason, u8 fired, evidence) into signal `k` of the row; returns where it ends. */
  read(k: number, buf: Uint8Array, at: number): number {
    const i = this.first + k;
    at = this.filter.read(i, buf, at);
    at = this.reason.read(i, buf, at);
    this.fired.set(i, buf[at]);
    return this.evidence.read(i, buf, at + 1);
  }
  /** A signal whose filter is fixed and whose reason, fired flag and evidence are staged at `at`. */
  readWithFilter(k: number, filter: Uint8Array, buf: Uint8Array, at: number): number {
    const i = this.first + k;
    this.filter.set(i, filter, 0, filter.length);
    at = this.reason.read(i, buf, at);
    this.fired.set(i, buf[at]);
    return this.evidence.read(i, buf, at + 1);
  }
  /** A fired signal of which only the evidence is staged at `at`. */
  readEvidence(k: number, filter: Uint8Array, reason: Uint8Array, buf: Uint8Array, at: number): number {
    const i = this.first + k;
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
 * Decodes shard rows (staging frames and global fields, shard-rows.ts) into the column buffers
 * of one DuckDB chunk, in the column order of columns.ts (checked when built, so the two cannot
 * drift apart silently).
 */
export class ShardRowColumns {
  private readonly rejected: boolean;
  /** Rows per chunk. */
  private readonly capacity: number;
  /** Declared first: every string column below copies its long strings through it. */
  private readonly blobs = new StringBlobs();
  private readonly id = new VarcharColumn(this.blobs);
  private readonly source = new VarcharColumn(this.blobs);
  private readonly sourceId = new VarcharColumn(this.blobs);
  private readonly subset = new VarcharColumn(this.blobs);
  private readonly problem = new VarcharColumn(this.blobs);
  private readonly problemOriginal = new VarcharColumn(this.blobs);
  private readonly cleaning = new VarcharListColumn(this.blobs);
  private readonly solution = new VarcharColumn(this.blobs);
  private readonly answer = new VarcharColumn(this.blobs);
  private readonly answerOrigin = new VarcharColumn(this.blobs);
  private readonly answerKind = new VarcharColumn(this.blobs);
  private readonly answerCanonical = new VarcharColumn(this.blobs);
  private readonly level = new VarcharColumn(this.blobs);
  private readonly difficulty = new DoubleColumn();
  private readonly subject = new VarcharColumn(this.blobs);
  private readonly metadata = new VarcharColumn(this.blobs);
  private readonly signals = new SignalListColumn(this.blobs);
  private readonly dupCluster = new VarcharColumn(this.blobs);
  private readonly dupClusterSize = new IntegerColumn();
  private readonly duplicateOf = new VarcharColumn(this.blobs);
  private readonly contamination = new VarcharColumn(this.blobs);
  private readonly foldedRows = new IntegerColumn();
  private readonly inputFile = new VarcharColumn(this.blobs);
  private readonly inputRow = new BigintColumn();
  private readonly reason = new VarcharColumn(this.blobs);
  private readonly reasons = new VarcharListColumn(this.blobs);
  private readonly stage = new VarcharColumn(this.blobs);
  private readonly evidence = new VarcharColumn(this.blobs);
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
    this.blobs.reset();
    for (const c of this.columns) {
      c.reset();
      c.ensure(this.capacity);
    }
  }

  /**
   * Decodes into row `row` the row whose staging frame is `buf[at, at + len)` and, for a
   * record, whose global fields start at `globals[g]`; returns where its global fields end.
   */
  add(row: number, buf: Uint8Array, at: number, len: number, globals: Uint8Array, g: number): number {
    let end = -1;
    if (buf[at] === RECORD) {
      end = this.addRecord(row, buf, at + 5);
      g = this.addGlobals(row, globals, g);
    } else if (buf[at] === MALFORMED) end = this.addMalformed(row, buf, at + 1);
    if (end !== at + len) throw new Error(`shard row ${row} does not match its staging frame (kind ${buf[at]}, ${len} bytes)`);
    return g;
  }

  flush(chunk: duckdb.DataChunk, rows: number): void {
    duckdb.data_chunk_set_size(chunk, rows);
    this.blobs.flush(duckdb.data_chunk_get_vector(chunk, this.columns.length)); // the carrier column, after the output columns
    for (let k = 0; k < this.columns.length; k++) this.columns[k].flush(duckdb.data_chunk_get_vector(chunk, k), rows);
  }

  private addRecord(row: number, buf: Uint8Array, p: number): number {
    for (const c of this.leading) p = c.read(row, buf, p);
    this.difficulty.set(row, f64(buf, p));
    p = this.subject.read(row, buf, p + 8);
    p = this.metadata.read(row, buf, p);
    const n = u32(buf, p);
    p += 4;
    this.signals.open(row, n + 1); // the dedup signal, among the global fields, goes last
    for (let k = 0; k < n; k++) p = this.signals.read(k, buf, p);
    p = this.contamination.read(row, buf, p);
    p = this.inputFile.read(row, buf, p);
    this.inputRow.set(row, f64(buf, p));
    return p + 8;
  }

  /** The global fields of a record (shard-rows.ts) at `g`; returns where they end. */
  private addGlobals(row: number, buf: Uint8Array, g: number): number {
    g = this.dupCluster.read(row, buf, g);
    this.dupClusterSize.set(row, i32(buf, g));
    g = this.duplicateOf.read(row, buf, g + 4);
    this.foldedRows.set(row, i32(buf, g));
    g = this.signals.readWithFilter(this.signals.last, FIXED.dedup, buf, g + 4);
    if (this.rejected) for (const c of this.rejection) g = c.read(row, buf, g);
    return g;
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
    this.signals.open(row, 1);
    p = this.signals.readEvidence(0, FIXED.read, FIXED.malformedRow, buf, p); // the error
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
