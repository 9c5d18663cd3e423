import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputFileError, type RawRow } from './raw-row.ts';

/** An opened Parquet file: its bytes source, metadata and the row range of each row group. */
export interface ParquetFile {
  file: string;
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  /** [rowStart, rowEnd) of each row group, 0-based. */
  groups: [number, number][];
  /** The top-level columns decoded; undefined: all of them. */
  columns: string[] | undefined;
  /** The top-level columns the first pass (identities) decodes; undefined: all of them. */
  identityColumns: string[] | undefined;
}

/** Columns an adapter lets the reader leave undecoded when the file's schema allows it. */
export interface ColumnSkips {
  /** Left undecoded when the schema declares them lists (`SourceAdapter.droppedListColumns`). */
  droppedLists?: readonly string[];
  /** Left undecoded in the first pass when the schema declares them strings (`SourceAdapter.optionalTextColumns`). */
  optionalText?: readonly string[];
}

/**
 * Opens a Parquet file and checks its schema: a wrong schema is a file-level error, not a
 * million bad rows. Reads only the footer.
 */
export async function openParquet(file: string, requiredColumns: readonly string[] = [], skips: ColumnSkips = {}): Promise<ParquetFile> {
  let metadata: FileMetaData;
  let buffer;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InputFileError(file, `not a readable Parquet file (${(e as Error).message})`);
  }
  const top = topLevel(metadata);
  const columns = new Set(top.map((c) => c.name));
  const missing = requiredColumns.filter((c) => !columns.has(c));
  if (missing.length) throw new InputFileError(file, `Parquet schema lacks required column(s) ${missing.join(', ')} (has: ${[...columns].join(', ')})`);
  const skipped = top.filter((c) => skips.droppedLists?.includes(c.name) && isList(c));
  const decoded = top.filter((c) => !skipped.includes(c));
  const identity = decoded.filter((c) => !(skips.optionalText?.includes(c.name) && isString(c)));
  const groups: [number, number][] = [];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    groups.push([rowStart, rowStart + n]);
    rowStart += n;
  }
  const names = (cs: SchemaElement[]) => (cs.length < top.length ? cs.map((c) => c.name) : undefined);
  return { file, buffer, metadata, groups, columns: names(decoded), identityColumns: names(identity) };
}

/**
 * The rows of one row group (the unit a read chunk decodes, on whichever thread runs it). Row
 * numbers are 1-based across the file.
 */
export async function* readParquetGroup(p: ParquetFile, group: [number, number], identityOnly = false): AsyncGenerator<RawRow> {
  const rows: (Record<string, unknown> | null)[] = await decodeGroup(p, group, identityOnly ? p.identityColumns : p.columns);
  for (let i = 0; i < rows.length; i++) {
    const value = normalise(rows[i]!);
    rows[i] = null; // a row group is tens of MB of text: a row handed out is no longer held here
    yield { file: p.file, row: group[0] + i + 1, value };
  }
}

/** Every column of one row of a group, dropped lists included (for the excerpt of a malformed row). */
export async function fullParquetRow(p: ParquetFile, group: [number, number], row: number): Promise<Record<string, unknown>> {
  const rows = await decodeGroup(p, [row - 1, row], undefined);
  if (rows.length !== 1 || row - 1 < group[0] || row > group[1]) throw new InputFileError(p.file, `row ${row} is not in the row group at row ${group[0] + 1}`);
  return normalise(rows[0]);
}

async function decodeGroup(p: ParquetFile, [rowStart, rowEnd]: [number, number], columns: string[] | undefined): Promise<Record<string, unknown>[]> {
  try {
    return await parquetReadObjects({ file: p.buffer, metadata: p.metadata, rowStart, rowEnd, columns, compressors, utf8: true });
  } catch (e) {
    throw new InputFileError(p.file, `row group at row ${rowStart + 1} is unreadable (${(e as Error).message})`);
  }
}

/**
 * Streams a Parquet file one row group at a time (never the whole file), as the Hub ships
 * NuminaMath-CoT and OpenMathInstruct-2.
 */
export async function* readParquet(file: string, requiredColumns: readonly string[] = []): AsyncGenerator<RawRow> {
  const p = await openParquet(file, requiredColumns);
  for (const g of p.groups) yield* readParquetGroup(p, g);
}

/** Parquet gives bigint for int64 columns; adapters expect JSON-like values. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(row)) {
    const v = row[k];
    if (typeof v === 'bigint') row[k] = Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  }
  return row;
}

/** The direct children of the schema's root (nested fields follow their parent). */
function topLevel(metadata: FileMetaData): SchemaElement[] {
  const out: SchemaElement[] = [];
  for (let j = 1; j < metadata.schema.length; j = skip(metadata, j)) out.push(metadata.schema[j]);
  return out;
}

/** A flat column every value of which decodes to a string (or null). */
function isString(c: SchemaElement): boolean {
  return (c.converted_type === 'UTF8' || c.logical_type?.type === 'STRING') && c.repetition_type !== 'REPEATED' && !c.num_children;
}

/** A column every value of which decodes to an array (or null). */
function isList(c: SchemaElement): boolean {
  return c.converted_type === 'LIST' || c.logical_type?.type === 'LIST' || c.repetition_type === 'REPEATED';
}

function skip(metadata: FileMetaData, j: number): number {
  const n = metadata.schema[j].num_children ?? 0;
  let k = j + 1;
  for (let c = 0; c < n; c++) k = skip(metadata, k);
  return k;
}
