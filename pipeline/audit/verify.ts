import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestSchema, type Manifest } from '../../schemas/manifest.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from '../write/columns.ts';
import { sha256File } from '../write/sha256-file.ts';

export interface VerifyResult {
  ok: boolean;
  checks: { check: string; ok: boolean; detail: string }[];
}

/**
 * Re-reads a finished run and checks it against its manifest: shard hashes and row counts, the
 * Parquet schema of every shard, the accounting identity per source (recounted from the shards),
 * unique ids across corpus and rejections, that every `duplicate_of` names a kept record, and
 * that the corpus is not empty (unless `allowEmpty`).
 */
export async function verifyRun(dir: string, opts: { allowEmpty?: boolean } = {}): Promise<VerifyResult> {
  const checks: VerifyResult['checks'] = [];
  const add = (check: string, ok: boolean, detail = '') => checks.push({ check, ok, detail });
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    add('manifest present', false, existsSync(join(dir, '.work')) ? 'run is unfinished (.work exists, no manifest.json)' : 'no manifest.json');
    return { ok: false, checks };
  }
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (e) {
    add('manifest readable', false, (e as Error).message.slice(0, 300));
    return { ok: false, checks };
  }
  add('manifest readable', true);
  add('run finished', !existsSync(join(dir, '.work')), existsSync(join(dir, '.work')) ? '.work still present' : '');

  const con = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  const expected = { corpus: CORPUS_COLUMNS, rejected: REJECTED_COLUMNS };
  for (const kind of ['corpus', 'rejected'] as const) {
    for (const shard of manifest.outputs[kind]) {
      const p = join(dir, shard.path);
      if (!existsSync(p)) {
        add(`${shard.path} exists`, false, 'missing');
        continue;
      }
      const sha = await sha256File(p);
      add(`${shard.path} sha256`, sha === shard.sha256, sha === shard.sha256 ? '' : `is ${sha.slice(0, 16)}…, manifest says ${shard.sha256.slice(0, 16)}…`);
      try {
        const rows = Number((await one(con, `SELECT count(*) AS n FROM read_parquet('${q(p)}')`)).n);
        add(`${shard.path} rows`, rows === shard.rows, rows === shard.rows ? '' : `has ${rows}, manifest says ${shard.rows}`);
        const schema = (await all(con, `DESCRIBE SELECT * FROM read_parquet('${q(p)}')`)).map((r) => `${r.column_name} ${r.column_type}`);
        const want = expected[kind].map(([n, t]) => normType(`${n} ${t}`));
        const same = schema.length === want.length && schema.every((s, i) => normType(s) === want[i]);
        add(`${shard.path} schema`, same, same ? '' : `columns differ from the expected schema: ${schema.join(', ').slice(0, 300)}`);
      } catch (e) {
        add(`${shard.path} readable`, false, (e as Error).message.slice(0, 300));
      }
    }
  }
  if (checks.some((c) => !c.ok)) return { ok: false, checks };

  const corpus = manifest.outputs.corpus.map((s) => `'${q(join(dir, s.path))}'`);
  const rejected = manifest.outputs.rejected.map((s) => `'${q(join(dir, s.path))}'`);
  const src = (files: string[], cols: string) => (files.length ? `SELECT ${cols} FROM read_parquet([${files.join(', ')}])` : `SELECT ${cols} FROM (SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS source, NULL::VARCHAR AS duplicate_of) WHERE false`);
  await con.run(`CREATE TABLE kept AS ${src(corpus, 'id, source, duplicate_of')}`);
  await con.run(`CREATE TABLE rej AS ${src(rejected, 'id, source, duplicate_of')}`);

  const perSource = await all(con, `SELECT source, sum(k)::BIGINT AS kept, sum(r)::BIGINT AS rejected FROM (SELECT source, 1 AS k, 0 AS r FROM kept UNION ALL SELECT source, 0, 1 FROM rej) GROUP BY source`);
  const found = new Map(perSource.map((r) => [String(r.source), { kept: Number(r.kept), rejected: Number(r.rejected) }]));
  for (const [source, c] of Object.entries(manifest.counts)) {
    const f = found.get(source) ?? { kept: 0, rejected: 0 };
    const ok = c.read === c.kept + c.rejected + c.folded && f.kept === c.kept && f.rejected === c.rejected;
    add(`accounting ${source}`, ok, `read ${c.read} = kept ${c.kept} + rejected ${c.rejected} + folded ${c.folded}; shards hold kept ${f.kept}, rejected ${f.rejected}`);
  }
  const kept = [...found.values()].reduce((a, f) => a + f.kept, 0);
  add('corpus has records', kept > 0 || !!opts.allowEmpty, kept > 0 ? '' : 'the corpus is empty (pass --allow-empty if that is intended)');
  const dupIds = await all(con, `SELECT id, count(*)::INT AS n FROM (SELECT id FROM kept UNION ALL SELECT id FROM rej) GROUP BY id HAVING count(*) > 1 LIMIT 5`);
  add('ids unique across corpus and rejections', dupIds.length === 0, dupIds.map((r) => `${r.id} x${r.n}`).join(', '));
  const dangling = await all(con, `SELECT r.id, r.duplicate_of FROM (SELECT * FROM rej UNION ALL SELECT * FROM kept) r LEFT JOIN kept k ON r.duplicate_of = k.id WHERE r.duplicate_of IS NOT NULL AND k.id IS NULL LIMIT 5`);
  add('every duplicate_of points at a kept record', dangling.length === 0, dangling.map((r) => `${r.id} -> ${r.duplicate_of}`).join(', '));
  return { ok: checks.every((c) => c.ok), checks };
}

/** DuckDB quotes some struct field names (`"filter"`); compare types without quotes and spaces. */
function normType(s: string): string {
  return s.replace(/["\s]/g, '').toLowerCase();
}

function q(s: string): string {
  return s.replaceAll("'", "''");
}
async function all(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}
async function one(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  return (await all(con, sql))[0];
}
