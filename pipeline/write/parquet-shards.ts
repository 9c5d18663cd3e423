import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { duckColumnSpec } from './columns.ts';
import { LineWriter } from '../run/staging.ts';
import { OutputError } from '../errors.ts';
import { sha256File } from './sha256-file.ts';

export interface ShardInfo {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

let instance: Promise<DuckDBInstance> | null = null;
/** One single-threaded DuckDB per process: single-threaded keeps shard bytes deterministic. */
function duck(): Promise<DuckDBInstance> {
  instance ??= DuckDBInstance.create(':memory:', { threads: '1' });
  return instance;
}

/**
 * Shard conversions running at once, across all writers. Each COPY is single-threaded (so its
 * bytes are deterministic); running two uses both cores while the main thread stages the next
 * shard. One writer per slot would leave a core idle: the corpus has about twice the shards of
 * the rejected set.
 */
const CONVERSION_SLOTS = 2;
const idle: DuckDBConnection[] = [];
const waiting: (() => void)[] = [];
let busy = 0;

async function withConnection<T>(work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  if (busy >= CONVERSION_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  try {
    const con = idle.pop() ?? (await (await duck()).connect());
    try {
      return await work(con);
    } finally {
      idle.push(con);
    }
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

/**
 * Writes rows into zstd Parquet shards `part-00000.parquet`, ... of at most `rowsPerShard` rows.
 * Rows are staged as NDJSON beside the shard, then converted by DuckDB (measured fastest and
 * smallest of the JS Parquet writers); each shard appears under its final name only once
 * complete (write to a temporary name, then rename).
 */
export class ParquetShardWriter {
  private readonly dir: string;
  private readonly rowsPerShard: number;
  private readonly columnSpec: string;
  private readonly shards: ShardInfo[] = [];
  private stage: LineWriter | null = null;
  private stageRows = 0;
  /** Conversions started and not yet awaited (they run while the next shards are staged). */
  private converting: Promise<void>[] = [];

  constructor(dir: string, columns: ReadonlyArray<readonly [string, string, string]>, rowsPerShard: number) {
    this.dir = dir;
    this.rowsPerShard = rowsPerShard;
    this.columnSpec = duckColumnSpec(columns);
  }

  async write(row: Record<string, unknown>): Promise<void> {
    return this.writeJson(JSON.stringify(row));
  }

  /** A row already serialised as one JSON object (keys matched to columns by name). */
  async writeJson(json: string): Promise<void> {
    if (!this.stage) {
      try {
        await mkdir(this.dir, { recursive: true });
      } catch (e) {
        throw new OutputError(this.dir, e);
      }
      this.stage = new LineWriter(this.stagePath(this.shards.length));
    }
    await this.stage.write(json + '\n');
    if (++this.stageRows >= this.rowsPerShard) await this.flush();
  }

  /** Finishes the last shard; returns every shard written, in order. */
  async close(): Promise<ShardInfo[]> {
    await this.flush();
    await Promise.all(this.converting);
    return this.shards;
  }

  private stagePath(i: number): string {
    return join(this.dir, `.part-${String(i).padStart(5, '0')}.jsonl.tmp`);
  }

  private async flush(): Promise<void> {
    if (!this.stage) return;
    const stage = this.stage;
    const index = this.shards.length;
    const rows = this.stageRows;
    this.stage = null;
    this.stageRows = 0;
    await stage.close();
    const name = `part-${String(index).padStart(5, '0')}.parquet`;
    const info: ShardInfo = { path: name, rows, bytes: 0, sha256: '' };
    this.shards.push(info);
    // DuckDB converts on its own threads while the next shard is staged. The oldest conversion
    // is awaited once this writer has a slot's worth running, so a failure surfaces at a later
    // flush or in close.
    if (this.converting.length >= CONVERSION_SLOTS) await this.converting.shift();
    const conversion = this.convert(index, name, info);
    conversion.catch(() => {}); // awaited later; never an unhandled rejection meanwhile
    this.converting.push(conversion);
  }

  private async convert(index: number, name: string, info: ShardInfo): Promise<void> {
    const src = this.stagePath(index);
    const tmp = join(this.dir, `.${name}.tmp`);
    try {
      await withConnection((con) => con.run(
        `COPY (SELECT * FROM read_json('${sql(src)}', format='newline_delimited', maximum_object_size=1073741824, columns=${this.columnSpec})) ` +
          `TO '${sql(tmp)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000)`,
      ));
    } catch (e) {
      await rm(tmp, { force: true });
      throw new OutputError(join(this.dir, name), e);
    }
    await rm(src);
    const final = join(this.dir, name);
    await rename(tmp, final);
    info.bytes = (await stat(final)).size;
    info.sha256 = await sha256File(final);
  }
}

function sql(path: string): string {
  return path.replaceAll("'", "''");
}
