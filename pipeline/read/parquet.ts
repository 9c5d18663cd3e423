import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputFileError, type RawRow } from './raw-row.ts';

/**
 * Streams a Parquet file one row group at a time (never the whole file), as the Hub ships
 * NuminaMath-CoT and OpenMathInstruct-2. Row numbers are 1-based across the file.
 */
export async function* readParquet(file: string, requiredColumns: readonly string[] = []): AsyncGenerator<RawRow> {
  let metadata: FileMetaData;
  let buffer;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw new InputFileError(file, `not a readable Parquet file (${(e as Error).message})`);
  }
  // a Parquet file declares its schema: a wrong one is a file-level error, not a million bad rows
  const columns = new Set(metadata.schema.slice(1).filter((_, i, all) => isTopLevel(metadata, i + 1)).map((c) => c.name));
  const missing = requiredColumns.filter((c) => !columns.has(c));
  if (missing.length) throw new InputFileError(file, `Parquet schema lacks required column(s) ${missing.join(', ')} (has: ${[...columns].join(', ')})`);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd: rowStart + n, compressors, utf8: true });
    } catch (e) {
      throw new InputFileError(file, `row group at row ${rowStart + 1} is unreadable (${(e as Error).message})`);
    }
    for (let i = 0; i < rows.length; i++) yield { file, row: rowStart + i + 1, value: normalise(rows[i]) };
    rowStart += n;
  }
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
