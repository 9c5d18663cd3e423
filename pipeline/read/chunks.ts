import { getAdapter } from '../../sources/registry.ts';
import type { ReadTask } from '../run/tasks.ts';
import { readJsonFile } from './json-file.ts';
import { jsonlRanges, readJsonl, type JsonlRange } from './jsonl.ts';
import { fullParquetRow, openParquet, readParquetGroup, type ParquetFile } from './parquet.ts';
import type { RawRow } from './raw-row.ts';

/**
 * A piece of a read task that any thread can read on its own: one Parquet row group, one range
 * of a JSONL file (about JSONL_CHUNK_BYTES, cut at a line end) or up to JSON_CHUNK_FILES files of
 * a folder of one-JSON-per-problem files. Chunks are numbered in input order within their task,
 * so results can be put back in order whatever thread read them.
 */
export type Chunk = { task: number; source: string; seq: number; last: boolean } & (
  | { format: 'parquet'; path: string; relativePath: string; group: [number, number] }
  | { format: 'jsonl'; path: string; relativePath: string; range: JsonlRange }
  | { format: 'json'; files: { path: string; relativePath: string }[] }
);

/** ~ the bytes of a Parquet row group of the Hub's files: enough work per chunk to hide the hand-over. */
const JSONL_CHUNK_BYTES = 16 << 20;
const JSON_CHUNK_FILES = 1000;

type ChunkBody = Chunk extends infer C ? (C extends Chunk ? Omit<C, 'task' | 'source' | 'seq' | 'last'> : never) : never;

/**
 * Splits a task into chunks. Runs the file-level checks (Parquet schema, archives and binaries
 * given as JSONL) here, on the main thread, so a bad file stops the run before any row is read.
 */
export async function planChunks(task: ReadTask): Promise<Chunk[]> {
  const bodies: ChunkBody[] = [];
  const required = getAdapter(task.source).requiredColumns;
  for (let i = 0; i < task.files.length; i++) {
    const f = task.files[i];
    if (f.format === 'parquet') {
      for (const group of (await openParquet(f.path, required)).groups) bodies.push({ format: 'parquet', path: f.path, relativePath: f.relativePath, group });
    } else if (f.format === 'jsonl') {
      for (const range of await jsonlRanges(f.path, JSONL_CHUNK_BYTES)) bodies.push({ format: 'jsonl', path: f.path, relativePath: f.relativePath, range });
    } else {
      const prev = bodies.at(-1);
      const file = { path: f.path, relativePath: f.relativePath };
      if (prev?.format === 'json' && prev.files.length < JSON_CHUNK_FILES) prev.files.push(file);
      else bodies.push({ format: 'json', files: [file] });
    }
  }
  return bodies.map((b, seq) => ({ ...b, task: task.index, source: task.source, seq, last: seq === bodies.length - 1 }) as Chunk);
}

/** The last Parquet file a thread opened: consecutive chunks are mostly row groups of one file. */
let opened: { key: string; file: Promise<ParquetFile> } | null = null;

/**
 * The raw rows of one chunk, in order; `relativePath` is the path inside the --input root.
 * `identityOnly`: the first pass, which may leave an adapter's optional text columns undecoded.
 */
export async function* readChunk(chunk: Chunk, identityOnly = false): AsyncGenerator<RawRow> {
  if (chunk.format === 'json') {
    for (const f of chunk.files) yield* readJsonFile(f.path, f.relativePath);
    return;
  }
  let rows: AsyncGenerator<RawRow>;
  if (chunk.format === 'jsonl') rows = readJsonl(chunk.path, chunk.range);
  else {
    rows = readParquetGroup(await parquetOf(chunk), chunk.group, identityOnly);
  }
  for await (const r of rows) {
    r.relativePath = chunk.relativePath;
    yield r;
  }
}

function parquetOf(chunk: Chunk & { format: 'parquet' }): Promise<ParquetFile> {
  const key = `${chunk.source}\u001f${chunk.path}`; // which columns are decoded depends on the source
  const a = getAdapter(chunk.source);
  if (opened?.key !== key) opened = { key, file: openParquet(chunk.path, [], { droppedLists: a.droppedListColumns, optionalText: a.optionalTextColumns }) };
  return opened.file;
}

/**
 * A row of the chunk with every column, for the excerpt of a malformed row: a Parquet chunk
 * leaves the adapter's dropped list columns undecoded, which never changes whether a row is
 * malformed but would change the start of the row its rejection shows.
 */
export async function fullRow(chunk: Chunk, raw: RawRow): Promise<RawRow> {
  if (chunk.format !== 'parquet' || !('value' in raw)) return raw;
  const p = await parquetOf(chunk);
  if (!p.columns) return raw;
  return { ...raw, value: await fullParquetRow(p, chunk.group, raw.row) };
}
