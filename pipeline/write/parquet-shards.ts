import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Verdict } from '../process/verdict.ts';
import { duckColumnSpec } from './columns.ts';
import { CONVERSIONS_PER_WRITER, withConnection } from './conversion-slots.ts';
import { copyShard, sqlString } from './shard-scan.ts';
import { ShardRows, type GlobalFields } from './shard-rows.ts';
import { LineWriter } from '../run/staging.ts';
import { OutputError } from '../errors.ts';
import { sha256File } from './sha256-file.ts';

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
 * The shards `part-00000.parquet`, ... of one folder, converted by DuckDB (measured fastest and
 * smallest of the JS Parquet writers) while the writer gathers the next shard's rows; each
 * shard appears under its final name only once complete (written to a temporary name, then
 * renamed).
 */
class ShardSequence {
  private readonly dir: string;
  private readonly shards: ShardInfo[] = [];
  /** Conversions started and not yet awaited (they run while the next shards are gathered). */
  private converting: Promise<void>[] = [];
  private made = false;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Index of the shard being gathered. */
  get next(): number {
    return this.shards.length;
  }

  async makeDir(): Promise<void> {
    if (this.made) return;
    try {
      await mkdir(this.dir, { recursive: true });
    } catch (e) {
      throw new OutputError(this.dir, e);
    }
    this.made = true;
  }

  /**
   * Starts converting the next shard of `rows` rows with `copy` (into the temporary Parquet file
   * it is given); `cleanup` runs once it succeeded. The oldest conversion is awaited once this
   * writer has its share running, so a failure surfaces at a later shard or in close.
   */
  async add(rows: number, copy: (con: DuckDBConnection, tmp: string) => Promise<void>, cleanup: () => Promise<void>): Promise<void> {
    const name = `part-${String(this.shards.length).padStart(5, '0')}.parquet`;
    const info: ShardInfo = { path: name, rows, bytes: 0, sha256: '' };
    this.shards.push(info);
    if (this.converting.length >= CONVERSIONS_PER_WRITER) await this.converting.shift();
    const conversion = this.convert(name, info, copy, cleanup);
    conversion.catch(() => {}); // awaited later; never an unhandled rejection meanwhile
    this.converting.push(conversion);
  }

  /** Every shard written, in order, once all are converted. */
  async close(): Promise<ShardInfo[]> {
    await Promise.all(this.converting);
    return this.shards;
  }

  private async convert(name: string, info: ShardInfo, copy: (con: DuckDBConnection, tmp: string) => Promise<void>, cleanup: () => Promise<void>): Promise<void> {
    const tmp = join(this.dir, `.${name}.tmp`);
    try {
      await withConnection((con) => copy(con, tmp));
    } catch (e) {
      await rm(tmp, { force: true });
      throw new OutputError(join(this.dir, name), e);
    }
    await cleanup();
    const final = join(this.dir, name);
    await rename(tmp, final);
    info.bytes = (await stat(final)).size;
    info.sha256 = await sha256File(final);
  }
}

/**
 * Writes rows given as JSON objects (keys matched to columns by name) into zstd Parquet shards
 * of at most `rowsPerShard` rows, staged as NDJSON beside the shard.
 */
export class ParquetShardWriter {
  private readonly dir: string;
  private readonly rowsPerShard: number;
  private readonly columnSpec: string;
  private readonly shards: ShardSequence;
  private stage: LineWriter | null = null;
  private stageRows = 0;

  constructor(dir: string, columns: ReadonlyArray<readonly [string, string, string]>, rowsPerShard: number) {
    this.dir = dir;
    this.rowsPerShard = rowsPerShard;
    this.columnSpec = duckColumnSpec(columns);
    this.shards = new ShardSequence(dir);
  }

  async write(row: Record<string, unknown>): Promise<void> {
    return this.writeJson(JSON.stringify(row));
  }

  /** A row already serialised as one JSON object. */
  async writeJson(json: string): Promise<void> {
    if (!this.stage) {
      await this.shards.makeDir();
      this.stage = new LineWriter(this.stagePath(this.shards.next));
    }
    await this.stage.write(json + '\n');
    if (++this.stageRows >= this.rowsPerShard) await this.flush();
  }

  /** Finishes the last shard; returns every shard written, in order. */
  async close(): Promise<ShardInfo[]> {
    await this.flush();
    return this.shards.close();
  }

  private stagePath(i: number): string {
    return join(this.dir, `.part-${String(i).padStart(5, '0')}.jsonl.tmp`);
  }

  private async flush(): Promise<void> {
    if (!this.stage) return;
    const src = this.stagePath(this.shards.next);
    await this.stage.close();
    this.stage = null;
    const rows = this.stageRows;
    this.stageRows = 0;
    await this.shards.add(
      rows,
      (con, tmp) => con.run(`COPY (SELECT * FROM read_json('${sqlString(src)}', format='newline_delimited', maximum_object_size=1073741824, columns=${this.columnSpec})) TO ${copyTarget(tmp)}`).then(() => {}),
      () => rm(src),
    );
  }
}

/**
 * Writes the corpus or rejected records of a build into zstd Parquet shards of at most
 * `rowsPerShard` rows: each row is a reference to its staging frame plus its global fields
 * (shard-rows.ts), which DuckDB reads through the shard scan (shard-scan.ts). No row is
 * copied, written or parsed as JSON on the way.
 */
export class ShardRowWriter {
  private readonly rowsPerShard: number;
  private readonly rejected: boolean;
  private readonly shards: ShardSequence;
  private rows = new ShardRows();

  constructor(dir: string, set: 'corpus' | 'rejected', rowsPerShard: number) {
    this.rowsPerShard = rowsPerShard;
    this.rejected = set === 'rejected';
    this.shards = new ShardSequence(dir);
  }

  /**
   * A record's row: its staging frame (file, offset and length of its bytes) and global fields.
   * Returns true when the shard is full: `flush` it before the next row. (Synchronous: awaiting
   * each row was a tenth of the write loop's time per row.)
   */
  addRecord(file: string, offset: number, length: number, g: GlobalFields, rejection: Verdict | null): boolean {
    this.rows.addRecord(file, offset, length, g, rejection);
    return this.rows.count >= this.rowsPerShard;
  }

  /** A malformed row's rejection (rejected set only); true when the shard is full, as `addRecord`. */
  addMalformed(file: string, offset: number, length: number): boolean {
    this.rows.addMalformed(file, offset, length);
    return this.rows.count >= this.rowsPerShard;
  }

  /** Finishes the last shard; returns every shard written, in order. */
  async close(): Promise<ShardInfo[]> {
    await this.flush();
    return this.shards.close();
  }

  /** Starts converting the rows added so far as the next shard (none when there are none). */
  async flush(): Promise<void> {
    if (this.rows.count === 0) return;
    const rows = this.rows;
    this.rows = new ShardRows();
    await this.shards.makeDir();
    await this.shards.add(rows.count, (con, tmp) => copyShard(con, rows, this.rejected, copyTarget(tmp)), async () => {});
  }
}
