import duckdb from '@duckdb/node-bindings';
import { BIGINT, BLOB, BOOLEAN, DOUBLE, DuckDBTableFunction, INTEGER, LIST, STRUCT, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { CORPUS_COLUMNS, REJECTED_COLUMNS, SIGNAL_TYPE } from './columns.ts';
import { ShardRowColumns } from './shard-row-columns.ts';
import type { ShardRows } from './shard-rows.ts';
import { StagedFrames } from './staged-frames.ts';

/**
 * A DuckDB table function over a shard's rows (shard-rows.ts): `COPY (SELECT * FROM
 * bigmath_shard_rows('key')) TO ...` reads them chunk by chunk, straight from their binary
 * fields into DuckDB's vectors, instead of DuckDB parsing them as JSON. DuckDB calls the scan
 * on the JS thread while its own thread waits, so a chunk's frames are read with synchronous
 * reads; it streams, holding one chunk's frames at a time.
 */
const FUNCTION = 'bigmath_shard_rows';
/** The scan's last column, left out of the output: each chunk's long strings are copied to DuckDB in it (string-blobs.ts). */
const CARRIER = 'bigmath_string_blobs';

/** Scans set up by `copyShard`, by key: the function finds its rows and columns here. */
const scans = new Map<string, ShardScan>();

class ShardScan {
  readonly rejected: boolean;
  private readonly rows: ShardRows;
  private readonly globals: Uint8Array;
  private readonly frames: StagedFrames;
  private readonly columns: ShardRowColumns;
  private readonly at: Int32Array;
  private next = 0;
  private nextGlobals = 0;

  constructor(rows: ShardRows, rejected: boolean) {
    this.rejected = rejected;
    this.rows = rows;
    this.globals = rows.globals.done();
    const capacity = duckdb.vector_size();
    this.frames = new StagedFrames(rows);
    this.columns = new ShardRowColumns(rejected, capacity);
    this.at = new Int32Array(capacity);
  }

  /** Fills `chunk` with the next rows: a full chunk (which keeps row groups as DuckDB cuts them) or the rest; 0 at the end. */
  fill(chunk: duckdb.DataChunk): void {
    const from = this.next;
    const to = Math.min(from + this.at.length, this.rows.count);
    this.frames.read(from, to, this.at);
    this.columns.reset();
    const buf = this.frames.buf;
    for (let row = from; row < to; row++) this.nextGlobals = this.columns.add(row - from, buf, this.at[row - from], this.rows.lengthOf(row), this.globals, this.nextGlobals);
    this.columns.flush(chunk, to - from);
    this.next = to;
  }

  close(): void {
    this.frames.close();
  }
}

/** DuckDB types of the output columns (the type strings of columns.ts). */
function duckType(sqlType: string): DuckDBType {
  switch (sqlType) {
    case 'VARCHAR':
      return VARCHAR;
    case 'VARCHAR[]':
      return LIST(VARCHAR);
    case 'DOUBLE':
      return DOUBLE;
    case 'INTEGER':
      return INTEGER;
    case 'BIGINT':
      return BIGINT;
    case SIGNAL_TYPE:
      return LIST(STRUCT({ filter: VARCHAR, reason: VARCHAR, fired: BOOLEAN, evidence: VARCHAR }));
  }
  throw new Error(`no shard scan for column type ${sqlType}`);
}

/** Registers the scan function in the database of `con` (once per database). */
export function registerShardScan(con: DuckDBConnection): void {
  con.registerTableFunction(
    DuckDBTableFunction.create({
      name: FUNCTION,
      parameterTypes: [VARCHAR],
      bindFunction: (info) => {
        const key = String(info.getParameter(0));
        const scan = scans.get(key);
        if (!scan) return info.setError(`no shard scan set up under ${key}`);
        for (const [name, type] of scan.rejected ? REJECTED_COLUMNS : CORPUS_COLUMNS) info.addResultColumn(name, duckType(type));
        info.addResultColumn(CARRIER, BLOB);
        info.setBindData({ scan });
      },
      initFunction: (info) => info.setMaxThreads(1),
      mainFunction: (info, output) => {
        try {
          (info.getBindData() as { scan: ShardScan }).scan.fill(output.chunk);
        } catch (e) {
          info.setError((e as Error).message);
        }
      },
    }),
  );
}

let keys = 0;

/** Runs `COPY (SELECT <output columns> FROM <scan of the shard's rows>) TO <target>` on `con`. */
export async function copyShard(con: DuckDBConnection, rows: ShardRows, rejected: boolean, to: string): Promise<void> {
  const key = String(keys++);
  const scan = new ShardScan(rows, rejected);
  scans.set(key, scan);
  try {
    await con.run(`COPY (SELECT * EXCLUDE (${CARRIER}) FROM ${FUNCTION}('${key}')) TO ${to}`);
  } finally {
    scans.delete(key);
    scan.close();
  }
}

export function sqlString(s: string): string {
  return s.replaceAll("'", "''");
}
