import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { registerShardScan } from './shard-scan.ts';

let instance: Promise<DuckDBInstance> | null = null;
/** One single-threaded DuckDB per process: single-threaded keeps shard bytes deterministic. */
function duck(): Promise<DuckDBInstance> {
  instance ??= (async () => {
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const con = await db.connect();
    registerShardScan(con); // into the catalog: every connection sees it
    idle.push(con);
    return db;
  })();
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

export async function withConnection<T>(work: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  if (busy >= CONVERSION_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  try {
    const db = await duck();
    const con = idle.pop() ?? (await db.connect());
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

/** Conversions a writer keeps running while it stages its next shard. */
export const CONVERSIONS_PER_WRITER = CONVERSION_SLOTS;
