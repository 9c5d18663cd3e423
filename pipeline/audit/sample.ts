import type { Signal } from '../../schemas/signal.ts';
import type { RunOutputs } from './outputs.ts';

export interface SampledRecord {
  id: string;
  source: string;
  source_id: string;
  subset: string | null;
  reason: string;
  reasons: string[];
  stage: string;
  evidence: string;
  problem: string;
  answer: string | null;
  answer_kind: string | null;
  /** The signals that fired (all of them, including disabled filters). */
  fired: Signal[];
  duplicate_of: string | null;
  contamination: string | null;
  input_file: string;
  input_row: number;
}

export interface SampleOptions {
  reason?: string;
  source?: string;
  n: number;
  seed?: number;
}

/**
 * A deterministic sample of rejected records: rows are ordered by md5(id, seed), so the same
 * run, filters and seed give the same sample on every machine, and a larger N extends a smaller one.
 */
export async function sampleRejected(o: RunOutputs, opts: SampleOptions): Promise<SampledRecord[]> {
  const where: string[] = [];
  const params: Record<string, string | number> = { seed: String(opts.seed ?? 0), n: opts.n };
  if (opts.reason !== undefined) {
    where.push('reason = $reason');
    params.reason = opts.reason;
  }
  if (opts.source !== undefined) {
    where.push('source = $source');
    params.source = opts.source;
  }
  return o.query<SampledRecord>(
    `SELECT id, source, source_id, subset, reason, reasons, stage, evidence, problem, answer, answer_kind,
            list_filter(signals, lambda s: s.fired) AS fired, duplicate_of, contamination, input_file, input_row
     FROM rejected ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY md5(id || ':' || $seed) LIMIT $n`,
    params,
  );
}

/** Distinct values of a column of the `rejected` view (to validate --reason / --source). */
export async function distinctRejected(o: RunOutputs, column: 'reason' | 'source'): Promise<string[]> {
  const rows = await o.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM rejected ORDER BY v`);
  return rows.map((r) => r.v);
}
