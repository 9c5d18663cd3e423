import { REASON_STAGE, STAGES, sortReasons, type ReasonCode } from '../../schemas/reasons.ts';
import type { RunOutputs } from './outputs.ts';

export interface FunnelStage {
  stage: string;
  /** Records whose primary reason belongs to this stage. */
  removed: number;
  /** Records left after this stage. */
  remaining: number;
}

export interface FunnelRow {
  source: string;
  /** Upstream rows read (records + folded). */
  read: number;
  /** Rows folded into another record of the same problem (OpenMathInstruct-2 solutions). */
  folded: number;
  /** Records after folding: kept + rejected. */
  records: number;
  stages: FunnelStage[];
  kept: number;
}

export interface ReasonCell {
  source: string;
  reason: string;
  stage: string;
  /** Rejected records with this primary reason. */
  primary: number;
  /** Rejected records failing this check at all (a record counts under each of its reasons). */
  any: number;
}

export interface AuditSummary {
  sources: string[];
  funnel: FunnelRow[];
  /** The funnel summed over sources (`source` is `total`). */
  total: FunnelRow;
  reasons: string[];
  cells: ReasonCell[];
  /** Differences between the Parquet outputs and manifest.json (empty when they agree). */
  mismatches: string[];
}

/** Stage of a reason code; codes added after this tool was built fall into `unknown`. */
export function stageOf(reason: string): string {
  return REASON_STAGE[reason as ReasonCode] ?? 'unknown';
}

/**
 * The funnel per source and the source x reason counts, from the Parquet shards (the manifest
 * is only used for the source order and a consistency check).
 */
export async function auditSummary(o: RunOutputs): Promise<AuditSummary> {
  const base = await o.query<{ source: string; records: number; folded: number; kept: number }>(
    `SELECT source, count(*)::BIGINT AS records, coalesce(sum(folded_rows), 0)::BIGINT AS folded, count(*) FILTER (WHERE kept)::BIGINT AS kept
     FROM records GROUP BY source`,
  );
  const primary = await o.query<{ source: string; reason: string; stage: string; n: number }>(
    `SELECT source, reason, stage, count(*)::BIGINT AS n FROM rejected GROUP BY ALL`,
  );
  const any = await o.query<{ source: string; reason: string; n: number }>(
    `SELECT source, r AS reason, count(*)::BIGINT AS n FROM (SELECT source, unnest(reasons) AS r FROM rejected) GROUP BY ALL`,
  );

  const sources = [...new Set([...Object.keys(o.manifest.counts), ...base.map((b) => b.source)])].sort();
  const reasons = sortReasons([...primary.map((p) => p.reason), ...any.map((a) => a.reason)]);
  const stageNames = [...STAGES] as string[];
  for (const p of primary) if (!stageNames.includes(p.stage)) stageNames.push(p.stage);

  const funnel: FunnelRow[] = sources.map((source) => {
    const b = base.find((x) => x.source === source) ?? { records: 0, folded: 0, kept: 0 };
    let remaining = b.records;
    const stages = stageNames.map((stage) => {
      const removed = primary.filter((p) => p.source === source && p.stage === stage).reduce((a, p) => a + p.n, 0);
      remaining -= removed;
      return { stage, removed, remaining };
    });
    return { source, read: b.records + b.folded, folded: b.folded, records: b.records, stages, kept: b.kept };
  });
  const total: FunnelRow = {
    source: 'total',
    read: sum(funnel.map((f) => f.read)),
    folded: sum(funnel.map((f) => f.folded)),
    records: sum(funnel.map((f) => f.records)),
    kept: sum(funnel.map((f) => f.kept)),
    stages: stageNames.map((stage, i) => ({
      stage,
      removed: sum(funnel.map((f) => f.stages[i].removed)),
      remaining: sum(funnel.map((f) => f.stages[i].remaining)),
    })),
  };

  const cells: ReasonCell[] = [];
  for (const source of sources) {
    for (const reason of reasons) {
      const p = primary.filter((x) => x.source === source && x.reason === reason).reduce((a, x) => a + x.n, 0);
      const a = any.find((x) => x.source === source && x.reason === reason)?.n ?? 0;
      if (p || a) cells.push({ source, reason, stage: stageOf(reason), primary: p, any: a });
    }
  }

  return { sources, funnel, total, reasons, cells, mismatches: compareWithManifest(o, funnel, cells) };
}

function compareWithManifest(o: RunOutputs, funnel: FunnelRow[], cells: ReasonCell[]): string[] {
  const out: string[] = [];
  for (const f of funnel) {
    const m = o.manifest.counts[f.source];
    if (!m) {
      out.push(`source ${f.source}: in the Parquet outputs but not in manifest.json`);
      continue;
    }
    const check = (what: string, parquet: number, manifest: number) => {
      if (parquet !== manifest) out.push(`source ${f.source}: ${what} is ${parquet} in the Parquet outputs but ${manifest} in manifest.json`);
    };
    check('read', f.read, m.read);
    check('kept', f.kept, m.kept);
    check('rejected', f.records - f.kept, m.rejected);
    check('folded', f.folded, m.folded);
    const reasons = new Set([...Object.keys(m.by_reason), ...cells.filter((c) => c.source === f.source).map((c) => c.reason)]);
    for (const r of reasons) {
      check(`rejections for ${r}`, cells.find((c) => c.source === f.source && c.reason === r)?.primary ?? 0, m.by_reason[r] ?? 0);
    }
  }
  const rows = (list: { rows: number }[]) => sum(list.map((s) => s.rows));
  const kept = sum(funnel.map((f) => f.kept));
  const rejected = sum(funnel.map((f) => f.records - f.kept));
  if (rows(o.manifest.outputs.corpus) !== kept) out.push(`corpus shards hold ${kept} rows but manifest.json lists ${rows(o.manifest.outputs.corpus)}`);
  if (rows(o.manifest.outputs.rejected) !== rejected) out.push(`rejected shards hold ${rejected} rows but manifest.json lists ${rows(o.manifest.outputs.rejected)}`);
  return out;
}

export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export interface FilterBehaviour {
  filter: string;
  /** Reason codes this filter rejected with (dedup has three). */
  reasons: string[];
  /** Records on which the filter fired (kept records too, when the filter is disabled). */
  fired: number;
  /** Rejected records whose primary reason comes from this filter. */
  primary: number;
  /** Rejected records this filter alone rejects: switching only it off would keep them (dedup aside). */
  sole: number;
  /** Disabled in the run: recorded but never rejecting. */
  disabled: boolean;
}

/** Names the run disabled: `filters.disable`, plus `decontamination` when benchmark problems are kept. */
export function runDisabled(o: RunOutputs): string[] {
  const config = (o.manifest.config ?? {}) as { filters?: { disable?: unknown }; decontamination?: { keep_benchmark_problems?: unknown } };
  const list = Array.isArray(config.filters?.disable) ? (config.filters!.disable as string[]) : [];
  return config.decontamination?.keep_benchmark_problems === true ? [...list, 'decontamination'] : [...list];
}

/** How each filter behaves on this run: how often it fires, rejects first, and rejects alone. */
export async function filterBehaviour(o: RunOutputs): Promise<FilterBehaviour[]> {
  const disabled = runDisabled(o);
  const D = `[${disabled.map((d) => `'${d.replaceAll("'", "''")}'`).join(', ')}]::VARCHAR[]`;
  const rows = await o.query<{ filter: string; reasons: string[]; fired: number; primary: number; sole: number; pos: number; any_reason: string }>(
    `WITH r AS (
       SELECT kept, reason, signals,
              len(list_filter(signals, lambda x: x.fired AND NOT list_contains(${D}, x.filter) AND NOT list_contains(${D}, x.reason))) AS active
       FROM records),
     s AS (SELECT kept, reason, active, unnest(signals) AS sig, generate_subscripts(signals, 1) AS pos FROM r)
     SELECT sig.filter AS filter, min(sig.reason) AS any_reason,
            coalesce(list_sort(list_distinct(list(sig.reason) FILTER (WHERE sig.fired))), []) AS reasons,
            count(*) FILTER (WHERE sig.fired)::BIGINT AS fired,
            count(*) FILTER (WHERE sig.fired AND NOT kept AND reason = sig.reason)::BIGINT AS primary,
            count(*) FILTER (WHERE sig.fired AND NOT kept AND active = 1 AND NOT list_contains(${D}, sig.filter) AND NOT list_contains(${D}, sig.reason))::BIGINT AS sole,
            min(pos)::BIGINT AS pos
     FROM s GROUP BY sig.filter`,
  );
  const rank = new Map(sortReasons(rows.map((r) => r.any_reason)).map((c, i) => [c, i]));
  const order = (f: (typeof rows)[number]) => rank.get(f.any_reason)! * 1000 + f.pos;
  rows.sort((a, b) => order(a) - order(b));
  return rows.map(({ pos: _p, any_reason: _a, ...f }) => ({ ...f, reasons: f.reasons.length ? sortReasons(f.reasons) : [], disabled: disabled.includes(f.filter) }));
}
