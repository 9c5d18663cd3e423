/**
 * Output writers. Parquet shards are staged as NDJSON and converted by a single-threaded DuckDB
 * (`COPY ... TO ... (FORMAT parquet, COMPRESSION snappy)`), which keeps the bytes deterministic.
 * Snappy because that is what the Hub's files use: `datasets` writes them through pyarrow,
 * whose default codec is snappy; the conversion of one shard overlaps with the
 * generation of the next. JSONL files are written in Python `json.dumps` style, like the
 * upstream files.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

let connection: Promise<DuckDBConnection> | null = null;
function duck(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:', { threads: '1', preserve_insertion_order: 'true', memory_limit: '768MB' }).then((i) => i.connect());
  return connection;
}

const sql = (p: string) => p.replaceAll("'", "''");

/** Codec of the generated Parquet files (recorded in generation.json; the bench regenerates on a change). */
export const PARQUET_CODEC = 'snappy';

const CHUNK = 1 << 22;

/** Buffered line writer with backpressure: lines are encoded straight into a 4 MB buffer. */
export class LineWriter {
  private readonly stream: WriteStream;
  private buf = Buffer.allocUnsafe(CHUNK);
  private off = 0;
  rows = 0;
  constructor(path: string) {
    this.stream = createWriteStream(path);
  }
  async write(line: string): Promise<void> {
    // worst case 3 UTF-8 bytes per UTF-16 unit, plus the newline
    const worst = line.length * 3 + 1;
    if (this.off + worst > this.buf.length) {
      await this.drain();
      if (worst > this.buf.length) this.buf = Buffer.allocUnsafe(worst);
    }
    this.off += this.buf.write(line, this.off, 'utf8');
    this.buf[this.off++] = 0x0a;
    this.rows++;
  }
  private async drain(): Promise<void> {
    if (this.off === 0) return;
    const chunk = this.buf.subarray(0, this.off);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.off = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async close(): Promise<void> {
    await this.drain();
    await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

export interface FileInfo {
  path: string;
  rows: number;
  bytes: number;
}

/** `train-00000.parquet`, `train-00001.parquet`, ... of at most `rowsPerShard` rows each. */
export class ParquetShards {
  private readonly dir: string;
  private readonly columns: string;
  private readonly rowsPerShard: number;
  private readonly prefix: string;
  private stage: LineWriter | null = null;
  private pending: Promise<void> = Promise.resolve();
  readonly files: FileInfo[] = [];
  /** Rows of the current shard so far. */
  shardRows = 0;

  private readonly select: string;

  /** `select` is the SELECT list over the staged columns (e.g. to build a nested column in SQL). */
  constructor(dir: string, columns: string, rowsPerShard: number, select = '*', prefix = 'train') {
    this.dir = dir;
    this.columns = columns;
    this.select = select;
    this.rowsPerShard = rowsPerShard;
    this.prefix = prefix;
  }

  get shardIndex(): number {
    return this.files.length;
  }

  async write(row: Record<string, unknown>): Promise<void> {
    if (!this.stage) {
      await mkdir(this.dir, { recursive: true });
      this.stage = new LineWriter(this.stagePath(this.files.length));
    }
    await this.stage.write(JSON.stringify(row));
    if (++this.shardRows >= this.rowsPerShard) await this.flush();
  }

  async close(): Promise<FileInfo[]> {
    await this.flush();
    await this.pending;
    return this.files;
  }

  private stagePath(i: number): string {
    return join(this.dir, `.${this.prefix}-${String(i).padStart(5, '0')}.ndjson.tmp`);
  }

  private async flush(): Promise<void> {
    if (!this.stage) return;
    const stage = this.stage;
    const index = this.files.length;
    const info: FileInfo = { path: join(this.dir, `${this.prefix}-${String(index).padStart(5, '0')}.parquet`), rows: this.shardRows, bytes: 0 };
    this.files.push(info);
    this.stage = null;
    this.shardRows = 0;
    await stage.close();
    // one conversion at a time; generation of the next shard goes on meanwhile
    const previous = this.pending;
    this.pending = (async () => {
      await previous;
      const src = this.stagePath(index);
      const tmp = `${info.path}.tmp`;
      const con = await duck();
      await con.run(
        `COPY (SELECT ${this.select} FROM read_json('${sql(src)}', format='newline_delimited', maximum_object_size=16777216, columns=${this.columns})) ` +
          `TO '${sql(tmp)}' (FORMAT parquet, COMPRESSION ${PARQUET_CODEC}, ROW_GROUP_SIZE 20000)`,
      );
      await rm(src);
      await rename(tmp, info.path);
      info.bytes = (await stat(info.path)).size;
    })();
    // keep at most one conversion queued behind the running one (bounded staging on disk)
    await previous;
  }
}

/**
 * Python `json.dumps(obj, ensure_ascii=False)` for flat rows (strings, numbers, booleans, string
 * lists). Keys in `floats` print as Python floats (`8.0`, not `8`).
 */
export function pyJson(obj: Record<string, unknown>, floats: readonly string[] = []): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const text = typeof v === 'number' && floats.includes(k) && Number.isInteger(v) ? `${v}.0` : pyValue(v);
    parts.push(`${JSON.stringify(k)}: ${text}`);
  }
  return `{${parts.join(', ')}}`;
}

function pyValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return JSON.stringify(v);
}
