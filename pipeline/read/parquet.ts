import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputFileError, type RawRow } from './raw-row.ts';

/** An opened Parquet file: its bytes source, metadata and the row range of each row group. */
export interface ParquetFile {
  file: string;
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  /** [rowStart, rowEnd) of each row group, 0-based. */
  groups: [number, number][];
}

/**
 * Opens a Parquet file and checks its schema: a wrong schema is a file-level error, not a
 * million bad rows. Reads only the footer.
 */
export async function openParquet(file: string, requiredColumns: readonly string[] = []): Promise<ParquetFile> {
  let metadata: FileMetaData;
  let buffer;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InputFileError(file, `not a readable Parquet file (${(e as Error).message})`);
  }
  const columns = new Set(metadata.schema.slice(1).filter((_, i) => isTopLevel(metadata, i + 1)).map((c) => c.name));
  const missing = requiredColumns.filter((c) => !columns.has(c));
  if (missing.length) throw new InputFileError(file, `Parquet schema lacks required column(s) ${missing.join(', ')} (has: ${[...columns].join(', ')})`);
  const groups: [number, number][] = [];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    groups.push([rowStart, rowStart + n]);
    rowStart += n;
  }
  return { file, buffer, metadata, groups };
}

/**
 * The rows of one row group (the unit a read chunk decodes, on whichever thread runs it). Row
 * numbers are 1-based across the file.
 */
export async function* readParquetGroup(p: ParquetFile, [rowStart, rowEnd]: [number, number]): AsyncGenerator<RawRow> {
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: p.buffer, metadata: p.metadata, rowStart, rowEnd, compressors, utf8: true });
  } catch (e) {
    throw new InputFileError(p.file, `row group at row ${rowStart + 1} is unreadable (${(e as Error).message})`);
  }
  for (let i = 0; i < rows.length; i++) yield { file: p.file, row: rowStart + i + 1, value: normalise(rows[i]) };
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

/** True when schema element i is a direct child of the root (nested fields follow their parent). */
function isTopLevel(metadata: FileMetaData, i: number): boolean {
  let j = 1;
  while (j < metadata.schema.length) {
    if (j === i) return true;
    j = skip(metadata, j);
  }
  return false;
}

function skip(metadata: FileMetaData, j: number): number {
  const n = metadata.schema[j].num_children ?? 0;
  let k = j + 1;
  for (let c = 0; c < n; c++) k = skip(metadata, k);
  return k;
}
