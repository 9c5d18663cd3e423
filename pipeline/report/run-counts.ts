import type { Manifest } from '../../schemas/manifest.ts';
import type { RunOutputs } from '../audit/outputs.ts';
import { auditSummary, filterBehaviour, type AuditSummary, type FilterBehaviour } from '../audit/summary.ts';

/**
 * What the report and the dataset card both show: the funnel and reason counts and how each
 * filter behaved. The filter query unnests every record's signals, the costliest read of the
 * shards, so a run computes these once and hands them to both.
 */
export interface RunCounts {
  manifest: Manifest;
  summary: AuditSummary;
  filters: FilterBehaviour[];
}

export async function runCounts(o: RunOutputs): Promise<RunCounts> {
  return { manifest: o.manifest, summary: await auditSummary(o), filters: await filterBehaviour(o) };
}
