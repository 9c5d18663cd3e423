import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ByteSink } from '../process/byte-sink.ts';
import { duckColumnSpec } from './columns.ts';
import { CONVERSIONS_PER_WRITER, withConnection } from './conversion-slots.ts';
import { copyShard, sqlString } from './shard-scan.ts';
import { LineWriter } from '../run/staging.ts';
import { OutputError } from '../errors.ts';

export interface ShardInfo {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/** The COPY target options: one place, so every writer makes the same bytes from the same rows. */
function copyTarget(tmp: string): string {
  return `'${sqlString(tmp)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000)`;
}

/**
 * Writes rows into zstd Parquet shards `part-00000.parquet`, ... of at most `rowsPerShard` rows.
 * Rows are staged in a file beside the shard, then converted by DuckDB (measured fastest and
 * smallest of the JS Parquet writers) while the next shard is staged; each shard appears under
 * its final name only once complete (write to a temporary name, then rename). Subclasses say
 * how rows are staged and how DuckDB reads them.
 */
abstract class ShardWriter {
  private readonly dir: string;
  private readonly rowsPerShard: number;
  private readonly suffix: string;
  private readonly shards: ShardInfo[] = [];
  private stage: LineWriter | null = null;
  private stageRows = 0;
  /** Conversions started and not yet awaited (they run while the next shards are staged). */
  private converting: Promise<void>[] = [];

  protected constructor(dir: string, rowsPerShard: number, suffix: string) {
    this.dir = dir;
    this.rowsPerShard = rowsPerShard;
    this.suffix = suffix;
  }

  /** Converts the staged shard `src` into the Parquet file `tmp` on `con`. */
  protected abstract copy(con: DuckDBConnection, src: string, tmp: string): Promise<void>;
  /** Staged bytes still buffered, written before the shard's stage file is closed. */
  protected pending(): Uint8Array | null {
    return null;
  }

  protected async stageBytes(data: string | Uint8Array): Promise<void> {
    if (!this.stage) {
      try {
        await mkdir(this.dir, { recursive: true });
      } catch (e) {
        throw new OutputError(this.dir, e);
      }
      this.stage = new LineWriter(this.stagePath(this.shards.length));
    }
    await this.stage.write(data);
  }

  /** Counts a row staged; the shard is complete at `rowsPerShard` rows. */
  protected async rowDone(): Promise<void> {
    if (++this.stageRows >= this.rowsPerShard) await this.flush();
  }

  /** Finishes the last shard; returns every shard written, in order. */
  async close(): Promise<ShardInfo[]> {
    await this.flush();
    await Promise.all(this.converting);
    return this.shards;
  }

  private stagePath(i: number): string {
    return join(this.dir, `.part-${String(i).padStart(5, '0')}.${this.suffix}.tmp`);
  }

  private async flush(): Promise<void> {
    const rest = this.pending();
    if (rest?.length) await this.stageBytes(rest);
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
    if (this.converting.length >= CONVERSIONS_PER_WRITER) await this.converting.shift();
    const conversion = this.convert(index, name, info);
    conversion.catch(() => {}); // awaited later; never an unhandled rejection meanwhile
    this.converting.push(conversion);
  }

  private async convert(index: number, name: string, info: ShardInfo): Promise<void> {
    const src = this.stagePath(index);
    const tmp = join(this.dir, `.${name}.tmp`);
    try {
      await withConnection((con) => this.copy(con, src, tmp));
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

/** Rows given as JSON objects (keys matched to columns by name), staged as NDJSON. */
export class ParquetShardWriter extends ShardWriter {
  private readonly columnSpec: string;

  constructor(dir: string, columns: ReadonlyArray<readonly [string, string, string]>, rowsPerShard: number) {
    super(dir, rowsPerShard, 'jsonl');
    this.columnSpec = duckColumnSpec(columns);
  }

  async write(row: Record<string, unknown>): Promise<void> {
    return this.writeJson(JSON.stringify(row));
  }

  /** A row already serialised as one JSON object. */
  async writeJson(json: string): Promise<void> {
    await this.stageBytes(json + '\n');
    await this.rowDone();
  }

  protected copy(con: DuckDBConnection, src: string, tmp: string): Promise<void> {
    return con
      .run(`COPY (SELECT * FROM read_json('${sqlString(src)}', format='newline_delimited', maximum_object_size=1073741824, columns=${this.columnSpec})) TO ${copyTarget(tmp)}`)
      .then(() => {});
  }
}

/** Staged bytes are handed to the file in blocks of about this size (fewer, larger writes). */
const BLOCK = 1 << 20;

/**
 * The corpus or rejected rows of a build, staged as binary frames (shard-rows.ts) that DuckDB
 * reads through the shard scan (shard-scan.ts): no JSON is written or parsed.
 */
export class ShardRowWriter extends ShardWriter {
  private readonly rejected: boolean;
  private sink = new ByteSink();

  constructor(dir: string, set: 'corpus' | 'rejected', rowsPerShard: number) {
    super(dir, rowsPerShard, 'rows');
    this.rejected = set === 'rejected';
  }

  /** One row: `append` writes its frame into the staging buffer. */
  async writeRow(append: (out: ByteSink) => void): Promise<void> {
    append(this.sink);
    if (this.sink.length >= BLOCK) await this.stageBytes(this.sink.take());
    await this.rowDone();
  }

  protected pending(): Uint8Array | null {
    return this.sink.length ? this.sink.take() : null;
  }

  protected copy(con: DuckDBConnection, src: string, tmp: string): Promise<void> {
    return copyShard(con, src, this.rejected, copyTarget(tmp));
  }
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
