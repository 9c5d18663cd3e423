import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestSchema, type Manifest } from '../../schemas/manifest.ts';
import { UsageError } from '../errors.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS, REJECTED_EXTRA } from '../write/columns.ts';

/**
 * A run's output folder opened for queries: DuckDB views over the Parquet shards in place
 * (nothing is copied or loaded up front), plus the manifest.
 *
 * Views: `corpus` (kept rows), `rejected` (rejected rows), `records` (both; `kept` BOOLEAN and
 * the rejected-only columns NULL for kept rows).
 */
export interface RunOutputs {
  dir: string;
  manifest: Manifest;
  /** Shard files found, relative to `dir`. */
  shards: { corpus: string[]; rejected: string[] };
  query<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]>;
  close(): void;
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder (expected the --out folder of bigmath run)`);
  if (!existsSync(path)) throw new UsageError(`${path} not found: ${dir} is not the output folder of a finished bigmath run`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path} does not match the manifest schema: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function shardsIn(dir: string, sub: string): string[] {
  const d = join(dir, sub);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => /^part-\d+\.parquet$/.test(f))
    .sort()
    .map((f) => `${sub}/${f}`);
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A typed empty relation for an output with no shard (e.g. nothing was rejected). */
function emptyRelation(cols: ReadonlyArray<readonly [string, string, string]>): string {
  return `SELECT ${cols.map(([n, t]) => `CAST(NULL AS ${t}) AS ${n}`).join(', ')} WHERE false`;
}

function relation(dir: string, files: string[], cols: ReadonlyArray<readonly [string, string, string]>): string {
  if (!files.length) return emptyRelation(cols);
  return `SELECT * FROM read_parquet([${files.map((f) => sqlString(join(dir, f))).join(', ')}])`;
}

export async function openOutputs(dir: string): Promise<RunOutputs> {
  const manifest = readManifest(dir);
  const shards = { corpus: shardsIn(dir, 'corpus'), rejected: shardsIn(dir, 'rejected') };
  const instance = await DuckDBInstance.create(':memory:');
  const con: DuckDBConnection = await instance.connect();
  try {
    await con.run(`CREATE VIEW corpus AS ${relation(dir, shards.corpus, CORPUS_COLUMNS)}`);
    await con.run(`CREATE VIEW rejected AS ${relation(dir, shards.rejected, REJECTED_COLUMNS)}`);
    const extraNulls = REJECTED_EXTRA.map(([n, t]) => `CAST(NULL AS ${t}) AS ${n}`).join(', ');
    const base = CORPUS_COLUMNS.map(([n]) => n).join(', ');
    await con.run(
      `CREATE VIEW records AS SELECT ${base}, true AS kept, ${extraNulls} FROM corpus ` +
        `UNION ALL SELECT ${base}, false AS kept, ${REJECTED_EXTRA.map(([n]) => n).join(', ')} FROM rejected`,
    );
  } catch (e) {
    con.closeSync();
    instance.closeSync();
    throw new UsageError(`cannot read the Parquet outputs in ${dir}: ${(e as Error).message}`);
  }
  return {
    dir,
    manifest,
    shards,
    async query<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]> {
      const reader = await con.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((r) => plain(r) as T);
    },
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}

/** DuckDB's JS values with BIGINT/HUGEINT as numbers (counts here fit easily). */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** Runs `fn` with the outputs open and always closes them. */
export async function withOutputs<T>(dir: string, fn: (o: RunOutputs) => Promise<T>): Promise<T> {
  const o = await openOutputs(dir);
  try {
    return await fn(o);
  } finally {
    o.close();
  }
}

/** DuckDB list literal of strings, for `list_contains`. */
export function sqlList(items: readonly string[]): string {
  return `[${items.map(sqlString).join(', ')}]::VARCHAR[]`;
}
