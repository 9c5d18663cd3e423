import type { Signal } from '../../schemas/signal.ts';
import type { RunOutputs } from './outputs.ts';

export interface ExplainedRecord {
  id: string;
  source: string;
  source_id: string;
  subset: string | null;
  kept: boolean;
  reason: string | null;
  reasons: string[] | null;
  stage: string | null;
  evidence: string | null;
  problem: string;
  problem_original: string | null;
  cleaning: string[];
  solution: string | null;
  answer: string | null;
  answer_origin: string | null;
  answer_kind: string | null;
  answer_canonical: string | null;
  level: string | null;
  subject: string | null;
  signals: Signal[];
  dup_cluster: string | null;
  dup_cluster_size: number;
  duplicate_of: string | null;
  contamination: string | null;
  folded_rows: number;
  input_file: string;
  input_row: number;
}

export interface ClusterMember {
  id: string;
  source: string;
  kept: boolean;
  reason: string | null;
  duplicate_of: string | null;
  /** Evidence of the member's dedup signal (why dedup removed it), empty when it was not removed by dedup. */
  dedup_evidence: string;
  problem: string;
}

export interface Explanation {
  record: ExplainedRecord;
  /** Every record of the duplicate cluster (this one included), kept ones first; at most 50. */
  cluster: ClusterMember[];
  /** The kept record this one was removed for, if any. */
  duplicate_of: ClusterMember | null;
  /** Records removed as duplicates of this one (it was kept over them). */
  kept_over: ClusterMember[];
  /** Fired signals of disabled filters (recorded but not rejecting), by filter name. */
  disabled: string[];
  /** The shared span (or exact text, or template) that made the benchmark match, and how many boilerplate n-grams the run did not count. */
  contamination: { match: string | null; boilerplate_ngrams: number };
}

export type Lookup = { kind: 'found'; id: string } | { kind: 'none' } | { kind: 'ambiguous'; candidates: { id: string; source: string; problem: string }[] };

const RECORD_COLUMNS = `id, source, source_id, subset, kept, reason, reasons, stage, evidence, problem, problem_original, cleaning, solution, answer, answer_origin,
  answer_kind, answer_canonical, level, subject, signals, dup_cluster, dup_cluster_size, duplicate_of, contamination, folded_rows, input_file, input_row`;

/** Finds a record by id, unique id prefix (6+ characters), `source_id` or `source:source_id`. */
export async function lookupId(o: RunOutputs, key: string): Promise<Lookup> {
  const exact = await o.query<{ id: string }>(`SELECT id FROM records WHERE id = $k LIMIT 1`, { k: key });
  if (exact.length) return { kind: 'found', id: exact[0].id };
  const colon = key.indexOf(':');
  const tries: [string, Record<string, string>][] = [];
  if (key.length >= 6) tries.push([`starts_with(id, $k)`, { k: key }]);
  tries.push([`source_id = $k`, { k: key }]);
  if (colon > 0) tries.push([`source = $s AND source_id = $k`, { s: key.slice(0, colon), k: key.slice(colon + 1) }]);
  for (const [where, params] of tries) {
    const hits = await o.query<{ id: string; source: string; problem: string }>(`SELECT id, source, problem FROM records WHERE ${where} ORDER BY id LIMIT 20`, params);
    if (hits.length === 1) return { kind: 'found', id: hits[0].id };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  }
  return { kind: 'none' };
}

/**
 * Finds a record by its problem text: the exact text (cleaned or original), then the same text
 * ignoring case and whitespace, then records containing it.
 */
export async function lookupText(o: RunOutputs, text: string): Promise<Lookup> {
  const norm = `lower(regexp_replace(trim(%), '\\s+', ' ', 'g'))`;
  const steps = [
    `problem = $t OR problem_original = $t`,
    `${norm.replace('%', 'problem')} = ${norm.replace('%', '$t')} OR ${norm.replace('%', 'problem_original')} = ${norm.replace('%', '$t')}`,
    `contains(${norm.replace('%', 'problem')}, ${norm.replace('%', '$t')})`,
  ];
  for (const where of steps) {
    const hits = await o.query<{ id: string; source: string; problem: string }>(
      `SELECT id, source, problem FROM records WHERE ${where} ORDER BY kept DESC, id LIMIT 20`,
      { t: text },
    );
    if (hits.length === 1) return { kind: 'found', id: hits[0].id };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  }
  return { kind: 'none' };
}

export async function explain(o: RunOutputs, id: string): Promise<Explanation> {
  const [record] = await o.query<ExplainedRecord>(`SELECT ${RECORD_COLUMNS} FROM records WHERE id = $id`, { id });
  if (!record) throw new Error(`record ${id} not found`);
  const member = `id, source, kept, reason, duplicate_of,
    coalesce(list_extract(list_transform(list_filter(signals, lambda s: s.filter = 'dedup' AND s.fired), lambda s: s.evidence), 1), '') AS dedup_evidence, problem`;
  const cluster = record.dup_cluster
    ? await o.query<ClusterMember>(`SELECT ${member} FROM records WHERE dup_cluster = $c ORDER BY kept DESC, id LIMIT 50`, { c: record.dup_cluster })
    : [];
  const dupOf = record.duplicate_of ? (await o.query<ClusterMember>(`SELECT ${member} FROM records WHERE id = $d`, { d: record.duplicate_of }))[0] ?? null : null;
  const keptOver = await o.query<ClusterMember>(`SELECT ${member} FROM records WHERE duplicate_of = $id ORDER BY id LIMIT 50`, { id });
  const config = (o.manifest.config ?? {}) as { filters?: { disable?: string[] }; decontamination?: { keep_benchmark_problems?: boolean; boilerplate?: string[] | null } };
  const off = new Set(config.filters?.disable ?? []);
  if (config.decontamination?.keep_benchmark_problems) off.add('decontamination');
  const disabled = record.signals.filter((s) => s.fired && (off.has(s.filter) || off.has(s.reason))).map((s) => s.filter);
  const match = record.signals.find((s) => s.filter === 'decontamination' && s.fired)?.evidence ?? null;
  const contamination = { match, boilerplate_ngrams: config.decontamination?.boilerplate?.length ?? 0 };
  return { record, cluster, duplicate_of: dupOf, kept_over: keptOver, disabled, contamination };
}
