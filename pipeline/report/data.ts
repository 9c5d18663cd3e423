import type { Signal } from '../../schemas/signal.ts';
import type { RunOutputs } from '../audit/outputs.ts';
import { runCounts, type RunCounts } from './run-counts.ts';

/** Problems shown per reason in the report (a deterministic sample). */
export const SAMPLES_PER_REASON = 50;
/** Longest problem text embedded in the report (longer ones are cut, with a note). */
const MAX_PROBLEM_CHARS = 2500;

/** Upper edges of the problem-length bins, in characters (the last bin is open). */
export const LENGTH_EDGES = [100, 200, 400, 800, 1600, 3200];

export interface SampleRow {
  id: string;
  source: string;
  subset: string | null;
  source_id: string;
  reason: string;
  reasons: string[];
  evidence: string;
  problem: string;
  truncated: boolean;
  answer: string | null;
  fired: Signal[];
  duplicate_of: string | null;
}

export interface ReportData extends RunCounts {
  answerKinds: { source: string; kind: string; n: number }[];
  lengths: { source: string; kept: boolean; bin: number; n: number }[];
  lengthStats: { source: string; kept: boolean; n: number; p50: number; p90: number; max: number }[];
  clusterSizes: { size: number; clusters: number }[];
  overlap: { a: string; b: string; clusters: number }[];
  samples: { reason: string; stage: string; total: number; rows: SampleRow[] }[];
}

/** `counts` when the caller has them already (the run computes them once for the report and the card). */
export async function reportData(o: RunOutputs, counts?: RunCounts): Promise<ReportData> {
  const { summary, filters } = counts ?? (await runCounts(o));
  const answerKinds = await o.query<{ source: string; kind: string; n: number }>(
    `SELECT source, coalesce(answer_kind, '(none)') AS kind, count(*)::BIGINT AS n FROM corpus GROUP BY ALL ORDER BY source, n DESC`,
  );
  const binCase = `CASE ${LENGTH_EDGES.map((e, i) => `WHEN length(problem) < ${e} THEN ${i}`).join(' ')} ELSE ${LENGTH_EDGES.length} END`;
  const lengths = await o.query<{ source: string; kept: boolean; bin: number; n: number }>(
    `SELECT source, kept, (${binCase})::INTEGER AS bin, count(*)::BIGINT AS n FROM records WHERE reason IS DISTINCT FROM 'malformed_row' GROUP BY ALL ORDER BY source, kept, bin`,
  );
  const lengthStats = await o.query<{ source: string; kept: boolean; n: number; p50: number; p90: number; max: number }>(
    `SELECT source, kept, count(*)::BIGINT AS n, quantile_disc(length(problem), 0.5)::BIGINT AS p50, quantile_disc(length(problem), 0.9)::BIGINT AS p90, max(length(problem))::BIGINT AS max
     FROM records WHERE reason IS DISTINCT FROM 'malformed_row' GROUP BY ALL ORDER BY source, kept DESC`,
  );
  const clusterSizes = await o.query<{ size: number; clusters: number }>(
    `SELECT n AS size, count(*)::BIGINT AS clusters FROM (SELECT dup_cluster, count(*)::BIGINT AS n FROM records WHERE dup_cluster IS NOT NULL GROUP BY 1) GROUP BY 1 ORDER BY 1`,
  );
  const overlap = await o.query<{ a: string; b: string; clusters: number }>(
    `WITH cs AS (SELECT dup_cluster AS c, source AS s, count(*) AS m FROM records WHERE dup_cluster IS NOT NULL GROUP BY ALL)
     SELECT x.s AS a, y.s AS b, count(*)::BIGINT AS clusters FROM cs x JOIN cs y ON x.c = y.c
     WHERE x.s <> y.s OR x.m > 1 GROUP BY ALL ORDER BY a, b`,
  );
  const picked = await o.query<SampleRow & { stage: string }>(
    `WITH pick AS (
       SELECT id FROM rejected QUALIFY row_number() OVER (PARTITION BY reason ORDER BY md5(id || ':0')) <= ${SAMPLES_PER_REASON})
     SELECT id, source, subset, source_id, reason, reasons, stage, evidence,
            left(problem, ${MAX_PROBLEM_CHARS}) AS problem, length(problem) > ${MAX_PROBLEM_CHARS} AS truncated,
            left(answer, 300) AS answer, list_filter(signals, lambda s: s.fired) AS fired, duplicate_of
     FROM rejected WHERE id IN (SELECT id FROM pick) ORDER BY reason, md5(id || ':0')`,
  );
  const samples = summary.reasons
    .map((reason) => {
      const rows = picked.filter((p) => p.reason === reason);
      const total = summary.cells.filter((c) => c.reason === reason).reduce((a, c) => a + c.primary, 0);
      return { reason, stage: summary.cells.find((c) => c.reason === reason)?.stage ?? '', total, rows: rows.map(({ stage: _s, ...r }) => r) };
    })
    .filter((g) => g.total > 0);
  return { manifest: o.manifest, summary, filters, answerKinds, lengths, lengthStats, clusterSizes, overlap, samples };
}
