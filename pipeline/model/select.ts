import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from '../audit/outputs.ts';
import { UsageError } from '../errors.ts';
import { TOOL_VERSION } from '../version.ts';
import { CORPUS_COLUMNS } from '../write/columns.ts';
import { sha256File } from '../write/sha256-file.ts';
import type { SolveRateBand } from './solve-rate-band.ts';

/** Where a corpus record goes, given its rollouts. */
export const SELECTIONS = ['verified', 'unverified', 'below_band', 'above_band', 'not_sampled'] as const;
export type Selection = (typeof SELECTIONS)[number];

/** Columns added to the corpus columns in the selected outputs. */
export const SELECTION_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['selection', 'VARCHAR', 'verified, unverified (never solved), below_band, above_band or not_sampled'],
  ['solve_rate', 'DOUBLE', 'correct / completed samples (null when not sampled)'],
  ['rollout_samples', 'INTEGER', 'samples completed and graded'],
  ['rollout_correct', 'INTEGER', 'samples the checker finds correct'],
  ['gold_suspect', 'BOOLEAN', 'most samples agree on one answer that is not the gold answer'],
  ['majority_answer', 'VARCHAR', 'most common sampled answer'],
];

export interface SelectOptions {
  dir: string;
  /** Folder of `part-*.parquet` rollouts or one Parquet file; default DIR/rollouts. */
  rollouts?: string;
  band: SolveRateBand;
}

export interface SelectOutput {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface SelectManifest {
  tool_version: string;
  solve_rate_band: [number, number];
  rollouts: { model: string[]; prompt_version: string[]; files: number };
  counts: Record<Selection, number>;
  per_source: Record<string, Record<Selection, number>>;
  outputs: { verified: SelectOutput; unverified: SelectOutput; excluded: SelectOutput };
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export function rolloutFiles(path: string): string[] {
  if (!existsSync(path)) throw new UsageError(`${path} not found: run \`bigmath rollouts\` first or pass --rollouts FOLDER_OR_FILE`);
  if (statSync(path).isFile()) return [path];
  const files = readdirSync(path).filter((f) => /^part-\d+\.parquet$/.test(f)).sort().map((f) => join(path, f));
  if (!files.length) throw new UsageError(`${path} holds no rollouts (part-*.parquet): run \`bigmath rollouts\` first`);
  return files;
}

function corpusFiles(dir: string): string[] {
  const d = join(dir, 'corpus');
  return existsSync(d) ? readdirSync(d).filter((f) => /^part-\d+\.parquet$/.test(f)).sort().map((f) => join(d, f)) : [];
}

/**
 * `bigmath select`: splits the corpus of a finished run by its rollouts into `verified` (solved
 * at least once, solve rate inside the band), `unverified` (sampled, never solved) and `excluded`
 * (solved but outside the band, or never sampled), each record with its solve rate. Every corpus
 * record lands in exactly one output. Single-threaded DuckDB and id order give the same bytes
 * for the same inputs.
 */
export async function selectBySolveRate(o: SelectOptions): Promise<SelectManifest> {
  readManifest(o.dir); // a finished run, or a one-line usage error
  const rolls = rolloutFiles(o.rollouts ?? join(o.dir, 'rollouts'));
  const corpus = corpusFiles(o.dir);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  const outDir = join(o.dir, 'selected');
  try {
    const cols = CORPUS_COLUMNS.map(([n]) => `c.${n}`).join(', ');
    const corpusRel = corpus.length
      ? `SELECT * FROM read_parquet([${corpus.map(q).join(', ')}])`
      : `SELECT ${CORPUS_COLUMNS.map(([n, t]) => `CAST(NULL AS ${t}) AS ${n}`).join(', ')} WHERE false`;
    try {
      await con.run(`CREATE VIEW r AS SELECT id, model, prompt_version, completed, correct, solve_rate, gold_suspect, majority_answer FROM read_parquet([${rolls.map(q).join(', ')}])`);
    } catch (e) {
      throw new UsageError(`cannot read the rollouts ${rolls[0]}: ${(e as Error).message.split('\n')[0]}`);
    }
    const dupes = await con.runAndReadAll(`SELECT id FROM r GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 1`);
    if (dupes.getRows().length) throw new UsageError(`the rollouts hold record ${String(dupes.getRows()[0][0])} more than once (several rollout runs mixed in one folder?)`);
    const { lo, hi } = o.band;
    await con.run(
      `CREATE TEMP TABLE sel AS SELECT ${cols}, ` +
        `CASE WHEN r.id IS NULL OR coalesce(r.completed, 0) = 0 THEN 'not_sampled' ` +
        `WHEN r.correct = 0 THEN 'unverified' ` +
        `WHEN r.solve_rate < ${lo} THEN 'below_band' WHEN r.solve_rate > ${hi} THEN 'above_band' ELSE 'verified' END AS selection, ` +
        `r.solve_rate, r.completed AS rollout_samples, r.correct AS rollout_correct, r.gold_suspect, r.majority_answer ` +
        `FROM (${corpusRel}) c LEFT JOIN r ON r.id = c.id`,
    );
    await rm(outDir, { recursive: true, force: true });
    const write = async (name: string, where: string): Promise<SelectOutput> => {
      await mkdir(join(outDir, name), { recursive: true });
      const rel = `${name}/part-00000.parquet`;
      const tmp = join(outDir, `${name}/.part-00000.parquet.tmp`);
      await con.run(`COPY (SELECT * FROM sel WHERE ${where} ORDER BY id) TO ${q(tmp)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000)`);
      await rename(tmp, join(outDir, rel));
      const rows = Number((await con.runAndReadAll(`SELECT count(*) FROM sel WHERE ${where}`)).getRows()[0][0]);
      return { path: `selected/${rel}`, rows, bytes: (await stat(join(outDir, rel))).size, sha256: await sha256File(join(outDir, rel)) };
    };
    const outputs = {
      verified: await write('verified', `selection = 'verified'`),
      unverified: await write('unverified', `selection = 'unverified'`),
      excluded: await write('excluded', `selection NOT IN ('verified', 'unverified')`),
    };
    const zero = () => Object.fromEntries(SELECTIONS.map((s) => [s, 0])) as Record<Selection, number>;
    const counts = zero();
    const perSource: Record<string, Record<Selection, number>> = {};
    for (const [source, selection, n] of (await con.runAndReadAll(`SELECT source, selection, count(*) FROM sel GROUP BY ALL ORDER BY source, selection`)).getRows()) {
      const s = selection as Selection;
      counts[s] += Number(n);
      (perSource[String(source)] ??= zero())[s] += Number(n);
    }
    const distinct = async (col: string) => (await con.runAndReadAll(`SELECT DISTINCT ${col} FROM r ORDER BY 1`)).getRows().map((x) => String(x[0]));
    const manifest: SelectManifest = {
      tool_version: TOOL_VERSION,
      solve_rate_band: [lo, hi],
      rollouts: { model: await distinct('model'), prompt_version: await distinct('prompt_version'), files: rolls.length },
      counts,
      per_source: perSource,
      outputs,
    };
    await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
