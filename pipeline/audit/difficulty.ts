import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, oneLine, pct, textTable } from './format.ts';
import type { RunOutputs } from './outputs.ts';

/** Solve-rate buckets: the ends (never / always solved) apart, quarters between. */
export const DIFFICULTY_BUCKETS = ['0', '(0, 0.25]', '(0.25, 0.5]', '(0.5, 0.75]', '(0.75, 1)', '1', 'not sampled'] as const;

export interface Difficulty {
  sources: string[];
  /** counts[source][bucket], for corpus records. */
  counts: Record<string, Record<string, number>>;
  suspects: { source: string; id: string; answer: string; majority_answer: string; majority_share: number; problem: string }[];
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Rollout shards of a run, or none when `bigmath rollouts` has not run on it. */
export function rolloutShards(dir: string): string[] {
  const d = join(dir, 'rollouts');
  return existsSync(d) ? readdirSync(d).filter((f) => /^part-\d+\.parquet$/.test(f)).sort().map((f) => join(d, f)) : [];
}

/** Solve-rate distribution per source of the corpus, and the records whose gold answer the samples dispute. */
export async function difficulty(o: RunOutputs, shards: string[]): Promise<Difficulty> {
  const r = `read_parquet([${shards.map(q).join(', ')}])`;
  const bucket =
    `CASE WHEN r.id IS NULL OR coalesce(r.completed, 0) = 0 THEN 'not sampled' WHEN r.correct = 0 THEN '0' WHEN r.solve_rate <= 0.25 THEN '(0, 0.25]' ` +
    `WHEN r.solve_rate <= 0.5 THEN '(0.25, 0.5]' WHEN r.solve_rate <= 0.75 THEN '(0.5, 0.75]' WHEN r.solve_rate < 1 THEN '(0.75, 1)' ELSE '1' END`;
  const rows = await o.query<{ source: string; b: string; n: number }>(`SELECT c.source, ${bucket} AS b, count(*) AS n FROM corpus c LEFT JOIN ${r} r ON r.id = c.id GROUP BY ALL ORDER BY 1, 2`);
  const counts: Record<string, Record<string, number>> = {};
  for (const x of rows) (counts[x.source] ??= Object.fromEntries(DIFFICULTY_BUCKETS.map((b) => [b, 0])))[x.b] = x.n;
  const suspects = await o.query<Difficulty['suspects'][number]>(
    `SELECT c.source, c.id, c.answer, r.majority_answer, r.majority_share, c.problem FROM corpus c JOIN ${r} r ON r.id = c.id WHERE r.gold_suspect ORDER BY c.source, c.id`,
  );
  return { sources: Object.keys(counts).sort(), counts, suspects };
}

export function difficultyText(d: Difficulty): string {
  const total = (s: string) => DIFFICULTY_BUCKETS.reduce((a, b) => a + d.counts[s][b], 0);
  let out = `\nDifficulty per source (corpus records by rollout solve rate; 0 = never solved, 1 = solved by every sample)\n\n`;
  out += textTable(
    ['solve rate', ...d.sources],
    DIFFICULTY_BUCKETS.map((b) => [b, ...d.sources.map((s) => `${fmt(d.counts[s][b])} (${pct(d.counts[s][b], total(s))})`)]),
  );
  out += `\nSuspect gold answers (most samples agree on another answer): ${fmt(d.suspects.length)}\n`;
  if (d.suspects.length) {
    out += '\n' + textTable(
      ['source', 'id', 'gold', 'majority', 'share', 'problem'],
      d.suspects.map((s) => [s.source, s.id, oneLine(s.answer, 20), oneLine(s.majority_answer, 20), pct(s.majority_share, 1), oneLine(s.problem, 60)]),
      [0, 1, 2, 3, 5],
    );
  }
  return out;
}
