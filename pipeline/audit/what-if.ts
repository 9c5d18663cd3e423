import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { checkFilterNames } from '../process/filter-names.ts';
import { sqlList, type RunOutputs } from './outputs.ts';
import { sortReasons } from '../../schemas/reasons.ts';

/**
 * `bigmath audit DIR --what-if SPEC`: how the corpus would change under other settings, from the
 * signals stored with every record (no rerun). Every record carries every filter's signal, so
 * switching a filter off (or back on) is exact for the per-record stages; what dedup would do
 * with records that were never dedup candidates is not, and is reported as a caveat.
 */
export interface WhatIfScenario {
  /** Filter names or reason codes switched off in addition to the run's `filters.disable`. */
  disable: string[];
  /** Filter names or reason codes the run disabled that are switched back on. */
  enable: string[];
  /** Raised near-duplicate threshold (only a raise can be evaluated from stored data). */
  nearDupThreshold: number | null;
  /** Settings that cannot be evaluated without a rerun, with the reason. */
  needsRerun: string[];
  /** Settings that do not change which records are kept (e.g. rows_per_shard). */
  noEffect: string[];
}

export interface WhatIfRow {
  source: string;
  kept: number;
  newly_kept: number;
  newly_rejected: number;
  /** Newly kept records sharing a duplicate cluster with another record kept under the scenario. */
  newly_kept_in_dup_cluster: number;
  kept_after: number;
}

export interface WhatIfResult {
  scenario: WhatIfScenario;
  run_disabled: string[];
  disabled: string[];
  run_near_dup_threshold: number | null;
  rows: WhatIfRow[];
  total: WhatIfRow;
  /** Newly kept records by the primary reason they were rejected for. */
  newly_kept_by_reason: { source: string; reason: string; n: number }[];
  caveats: string[];
}

interface RunSettings {
  disabled: string[];
  filtersDisable: string[];
  nearDup: number | null;
  dedupEnabled: boolean;
  decontamEnabled: boolean;
  config: Record<string, unknown>;
}

function runSettings(o: RunOutputs): RunSettings {
  const config = (o.manifest.config ?? {}) as Record<string, unknown>;
  const section = (k: string) => (config[k] && typeof config[k] === 'object' ? (config[k] as Record<string, unknown>) : {});
  const filtersDisable = Array.isArray(section('filters').disable) ? (section('filters').disable as string[]) : [];
  const disabled = [...filtersDisable];
  if (section('decontamination').keep_benchmark_problems === true) disabled.push('decontamination');
  const nd = section('dedup').near_dup_threshold;
  return {
    disabled,
    filtersDisable,
    nearDup: typeof nd === 'number' ? nd : null,
    dedupEnabled: section('dedup').enabled !== false,
    decontamEnabled: section('decontamination').enabled !== false,
    config,
  };
}

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Parses `--what-if` values: `disable=a,b`, `enable=a`, `near_dup_threshold=0.9`, `dedup=off`,
 * `decontamination=off`, several joined with `;` or given as repeated flags, or the path of a
 * JSON config file (compared with the run's config key by key).
 */
export function parseWhatIf(specs: readonly string[], o: RunOutputs): WhatIfScenario {
  const run = runSettings(o);
  const sc: WhatIfScenario = { disable: [], enable: [], nearDupThreshold: null, needsRerun: [], noEffect: [] };
  for (const spec of specs.flatMap((s) => s.split(';')).map((s) => s.trim()).filter(Boolean)) {
    const eq = spec.indexOf('=');
    if (eq < 0) {
      if (existsSync(spec)) {
        applyConfigFile(spec, run, sc);
        continue;
      }
      throw new UsageError(`--what-if expects KEY=VALUE (disable=, enable=, near_dup_threshold=, dedup=off, decontamination=off) or a config file; got "${spec}" (no such file)`);
    }
    const alias: Record<string, string> = { 'filters.disable': 'disable', 'dedup.near_dup_threshold': 'near_dup_threshold' };
    const rawKey = spec.slice(0, eq).trim();
    const key = alias[rawKey] ?? rawKey;
    const value = spec.slice(eq + 1).trim();
    switch (key) {
      case 'disable':
        sc.disable.push(...splitList(value));
        break;
      case 'enable':
        sc.enable.push(...splitList(value));
        break;
      case 'near_dup_threshold':
        setThreshold(Number(value), value, run, sc);
        break;
      case 'dedup':
      case 'dedup.enabled':
        if (offValue(value)) sc.disable.push('dedup');
        else if (!run.dedupEnabled) sc.needsRerun.push('dedup=on: the run skipped dedup, so no duplicate clusters are stored');
        break;
      case 'decontamination':
      case 'decontamination.enabled':
        if (offValue(value)) sc.disable.push('decontamination');
        else if (!run.decontamEnabled) sc.needsRerun.push('decontamination=on: the run skipped decontamination, so no benchmark overlaps are stored');
        break;
      default:
        throw new UsageError(`--what-if: unknown setting "${key}"; use disable=, enable=, near_dup_threshold=, dedup=off, decontamination=off, or a config file`);
    }
  }
  sc.disable = [...new Set(sc.disable)];
  sc.enable = [...new Set(sc.enable)];
  checkFilterNames(sc.disable, '--what-if disable');
  checkFilterNames(sc.enable, '--what-if enable');
  const notDisabled = sc.enable.filter((e) => !run.disabled.includes(e));
  if (notDisabled.length) throw new UsageError(`--what-if enable=${notDisabled.join(',')}: not disabled in this run (run disabled: ${run.disabled.join(', ') || 'nothing'})`);
  return sc;
}

function offValue(v: string): boolean {
  if (/^(off|false|no|0|disable|disabled)$/i.test(v)) return true;
  if (/^(on|true|yes|1|enable|enabled)$/i.test(v)) return false;
  throw new UsageError(`--what-if: expected on or off, got "${v}"`);
}

function setThreshold(t: number, raw: string, run: RunSettings, sc: WhatIfScenario): void {
  if (!Number.isFinite(t) || t < 0 || t > 1) throw new UsageError(`--what-if near_dup_threshold expects a number between 0 and 1, got "${raw}"`);
  if (!run.dedupEnabled) {
    sc.needsRerun.push(`near_dup_threshold=${t}: the run skipped dedup, so no similarities are stored`);
  } else if (run.nearDup === null) {
    sc.needsRerun.push(`near_dup_threshold=${t}: the run's threshold is not in manifest.json`);
  } else if (t < run.nearDup) {
    sc.needsRerun.push(
      `near_dup_threshold=${t}: lower than the run's ${run.nearDup}. Pairs below ${run.nearDup} were never confirmed, so the outputs hold no trace of them; ` +
        `rerun with --config (dedup.near_dup_threshold=${t}) to see which records it would merge`,
    );
  } else if (t > run.nearDup) sc.nearDupThreshold = t;
}

/** Leaf paths where two config objects differ (arrays compared whole). */
function diffPaths(a: unknown, b: unknown, path: string[] = []): string[][] {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => diffPaths(a[k], b[k], [...path, k]));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

function merge(base: unknown, over: unknown): unknown {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

function applyConfigFile(path: string, run: RunSettings, sc: WhatIfScenario): void {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--what-if config file ${path}: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`--what-if config file ${path}: expected a JSON object`);
  const { out: _o, workers: _w, ...rest } = raw as Record<string, unknown>;
  const merged = merge(run.config, rest) as Record<string, unknown>;
  for (const p of diffPaths(run.config, merged)) {
    const key = p.join('.');
    const value = p.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], merged);
    if (key === 'filters.disable') {
      const next = Array.isArray(value) ? (value as string[]) : [];
      sc.disable.push(...next.filter((x) => !run.filtersDisable.includes(x)));
      sc.enable.push(...run.filtersDisable.filter((x) => !next.includes(x)));
    } else if (key === 'dedup.near_dup_threshold') setThreshold(Number(value), String(value), run, sc);
    else if (key === 'dedup.enabled') {
      if (value === false) sc.disable.push('dedup');
      else sc.needsRerun.push('dedup.enabled: the run skipped dedup, so no duplicate clusters are stored');
    } else if (key === 'decontamination.enabled') {
      if (value === false) sc.disable.push('decontamination');
      else sc.needsRerun.push('decontamination.enabled: the run skipped decontamination, so no benchmark overlaps are stored');
    } else if (key === 'decontamination.keep_benchmark_problems') {
      if (value === true) sc.disable.push('decontamination');
      else sc.enable.push('decontamination');
    } else if (key === 'rows_per_shard') sc.noEffect.push(key);
    else sc.needsRerun.push(`${key}: changes what the stages compute (${JSON.stringify(value)} instead of ${JSON.stringify(p.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], run.config))}); needs a rerun`);
  }
}

export async function whatIf(o: RunOutputs, sc: WhatIfScenario): Promise<WhatIfResult> {
  const run = runSettings(o);
  const disabled = [...new Set([...run.disabled.filter((d) => !sc.enable.includes(d)), ...sc.disable])];
  const nearFree =
    sc.nearDupThreshold === null
      ? 'false'
      : `(s.filter = 'dedup' AND s.reason = 'near_duplicate' AND TRY_CAST(regexp_extract(s.evidence, '^Jaccard ([0-9.]+)', 1) AS DOUBLE) < ${sc.nearDupThreshold})`;
  const D = sqlList(disabled);
  const scenario = `
    WITH v AS (
      SELECT source, kept, reason, dup_cluster,
             len(list_filter(signals, lambda s: s.fired AND NOT list_contains(${D}, s.filter) AND NOT list_contains(${D}, s.reason) AND NOT ${nearFree})) = 0 AS kept_new
      FROM records),
    w AS (
      SELECT *, CASE WHEN dup_cluster IS NULL THEN 0 ELSE count(*) FILTER (WHERE kept_new) OVER (PARTITION BY dup_cluster) END AS cluster_kept_new
      FROM v)`;
  const rows = await o.query<WhatIfRow>(
    `${scenario}
     SELECT source,
            count(*) FILTER (WHERE kept)::BIGINT AS kept,
            count(*) FILTER (WHERE NOT kept AND kept_new)::BIGINT AS newly_kept,
            count(*) FILTER (WHERE kept AND NOT kept_new)::BIGINT AS newly_rejected,
            count(*) FILTER (WHERE NOT kept AND kept_new AND cluster_kept_new > 1)::BIGINT AS newly_kept_in_dup_cluster,
            count(*) FILTER (WHERE kept_new)::BIGINT AS kept_after
     FROM w GROUP BY source ORDER BY source`,
  );
  const byReason = await o.query<{ source: string; reason: string; n: number }>(
    `${scenario} SELECT source, reason, count(*)::BIGINT AS n FROM w WHERE NOT kept AND kept_new GROUP BY ALL ORDER BY source, n DESC`,
  );
  const order = sortReasons(byReason.map((r) => r.reason));
  byReason.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : order.indexOf(a.reason) - order.indexOf(b.reason)));
  const total: WhatIfRow = { source: 'total', kept: 0, newly_kept: 0, newly_rejected: 0, newly_kept_in_dup_cluster: 0, kept_after: 0 };
  for (const r of rows) for (const k of ['kept', 'newly_kept', 'newly_rejected', 'newly_kept_in_dup_cluster', 'kept_after'] as const) total[k] += r[k];

  const caveats: string[] = [];
  const dedupOff = disabled.includes('dedup');
  if (total.newly_kept && !dedupOff && run.dedupEnabled && sc.disable.length + sc.enable.length > 0) {
    caveats.push(
      'Records that become eligible here were never candidates to be kept in dedup: the run did not consider them when choosing the copy a duplicate cluster keeps or when comparing answers. ' +
        `${fmtN(total.newly_kept_in_dup_cluster)} of the newly kept records share a duplicate cluster with another record kept under this scenario; a rerun keeps one copy per cluster ` +
        '(and may flag answer conflicts), so the true gain is between the newly kept count minus that number and the newly kept count.',
    );
  }
  if (sc.nearDupThreshold !== null) {
    caveats.push(
      `near_dup_threshold=${sc.nearDupThreshold} (run: ${run.nearDup}): a near duplicate is counted as freed when the stored Jaccard of the pair that joined it to its cluster ` +
        '(rounded to 2 decimals) is below the new threshold. It may still be linked to the cluster through another pair, and answer conflicts found through such pairs are not re-evaluated, ' +
        'so this is an upper bound; rerun for the exact number.',
    );
  }
  if (sc.noEffect.length) caveats.push(`${sc.noEffect.join(', ')}: does not change which records are kept`);
  return { scenario: sc, run_disabled: run.disabled, disabled, run_near_dup_threshold: run.nearDup, rows, total, newly_kept_by_reason: byReason, caveats };
}

function fmtN(n: number): string {
  return n.toLocaleString('en-US');
}
