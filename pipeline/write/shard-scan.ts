import duckdb from '@duckdb/node-bindings';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBTableFunction, INTEGER, LIST, STRUCT, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { CORPUS_COLUMNS, REJECTED_COLUMNS, SIGNAL_TYPE } from './columns.ts';
import { FrameReader } from './frame-reader.ts';
import { ShardRowColumns } from './shard-row-columns.ts';

/**
 * A DuckDB table function over a staged shard (shard-rows.ts): `COPY (SELECT * FROM
 * bigmath_shard_rows('path')) TO ...` reads the rows chunk by chunk, straight from their binary
 * fields into DuckDB's vectors, instead of DuckDB parsing them as JSON. DuckDB calls the scan
 * on the JS thread while its own thread waits, so a chunk is read with synchronous reads; it
 * streams, holding one chunk's rows at a time.
 */
const FUNCTION = 'bigmath_shard_rows';

/** Scans set up by `copyShard`, by staged file: the function finds its reader and columns here. */
const scans = new Map<string, ShardScan>();

class ShardScan {
  readonly rejected: boolean;
  private readonly reader: FrameReader;
  private readonly columns: ShardRowColumns;
  private readonly at: Int32Array;
  private readonly len: Int32Array;

  constructor(path: string, rejected: boolean) {
    this.rejected = rejected;
    const capacity = duckdb.vector_size();
    this.reader = new FrameReader(path);
    this.columns = new ShardRowColumns(rejected, capacity);
    this.at = new Int32Array(capacity);
    this.len = new Int32Array(capacity);
  }

  /** Fills `chunk` with the next rows: a full chunk (which keeps row groups as DuckDB cuts them) or the rest; 0 at the end. */
  fill(chunk: duckdb.DataChunk): void {
    const r = this.reader;
    r.release();
    let n = 0;
    for (; n < this.at.length; n++) {
      const at = r.next();
      if (at < 0) break;
      this.at[n] = at;
      this.len[n] = r.frameLength;
    }
    this.columns.reset();
    for (let k = 0; k < n; k++) this.columns.add(k, r.buf, r.base + this.at[k], this.len[k]);
    this.columns.flush(chunk, n);
  }

  close(): void {
    this.reader.close();
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
        const path = String(info.getParameter(0));
        const scan = scans.get(path);
        if (!scan) return info.setError(`no shard scan set up for ${path}`);
        for (const [name, type] of scan.rejected ? REJECTED_COLUMNS : CORPUS_COLUMNS) info.addResultColumn(name, duckType(type));
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

/**
 * Runs `COPY (SELECT * FROM <scan of the staged shard>) TO <options>` on `con`; the scan's
 * file is open only while the COPY runs.
 */
export async function copyShard(con: DuckDBConnection, staged: string, rejected: boolean, to: string): Promise<void> {
  if (scans.has(staged)) throw new Error(`${staged} is already being converted`);
  const scan = new ShardScan(staged, rejected);
  scans.set(staged, scan);
  try {
    await con.run(`COPY (SELECT * FROM ${FUNCTION}('${sqlString(staged)}')) TO ${to}`);
  } finally {
    scans.delete(staged);
    scan.close();
  }
}

export function sqlString(s: string): string {
  return s.replaceAll("'", "''");
}
