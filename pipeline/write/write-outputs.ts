import { join } from 'node:path';
import type { Config } from '../../schemas/config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import type { Signal } from '../../schemas/signal.ts';
import type { Accounting } from '../run/accounting.ts';
import type { GlobalDecisions } from '../run/global-stages.ts';
import type { Progress } from '../run/progress.ts';
import { completeBody, decodeLine } from '../process/staged-format.ts';
import { readLines } from '../run/staging.ts';
import { verdictOf } from '../process/verdict.ts';
import { CORPUS_COLUMNS, REJECTED_COLUMNS } from './columns.ts';
import { ParquetShardWriter } from './parquet-shards.ts';

/**
 * Streams the staging files a last time, completes each record with the global decisions
 * (dedup columns and signal, folded rows, verdict) and writes kept records to `corpus/` and
 * everything else to `rejected/`, in input order. Only each line's small head is parsed.
 */
export async function writeOutputs(
  staged: readonly string[],
  decisions: GlobalDecisions,
  folded: ReadonlyMap<string, number>,
  config: Config,
  accounting: Accounting,
  progress: Progress,
): Promise<Manifest['outputs']> {
  const corpus = new ParquetShardWriter(join(config.out, 'corpus'), CORPUS_COLUMNS, config.rows_per_shard);
  const rejected = new ParquetShardWriter(join(config.out, 'rejected'), REJECTED_COLUMNS, config.rows_per_shard);
  const disabled = new Set(config.filters.disable);
  if (config.decontamination.keep_benchmark_problems) disabled.add('decontamination');
  let i = 0;
  let written = 0;
  for await (const line of readLines(staged)) {
    const d = decodeLine(line);
    if (d.kind === 'malformed') {
      await rejected.writeJson(d.row);
      accounting.rejected(d.source, 'malformed_row', ['malformed_row']);
    } else {
      const dd = decisions.dedup?.[i];
      const dedupSignal: Signal = { filter: 'dedup', reason: dd?.reason ?? 'exact_duplicate', fired: !!dd?.reason, evidence: dd?.evidence ?? '' };
      const fired: Signal[] = d.fired.map(([filter, reason, evidence]) => ({ filter, reason, fired: true, evidence }));
      if (dedupSignal.fired) fired.push(dedupSignal);
      const v = verdictOf(fired, disabled);
      const { id, source, subset } = idOf(d.body);
      const globalFields: Record<string, unknown> = {
        dup_cluster: dd?.dup_cluster ?? null,
        dup_cluster_size: dd?.dup_cluster_size ?? 1,
        duplicate_of: dd?.duplicate_of ?? null,
        folded_rows: folded.get(id) ?? 0,
      };
      if (v.kept) {
        await corpus.writeJson(completeBody(d.body, dedupSignal, globalFields));
        accounting.kept(source, subset);
      } else {
        Object.assign(globalFields, { reason: v.reason, reasons: v.reasons, stage: v.stage, evidence: v.evidence });
        await rejected.writeJson(completeBody(d.body, dedupSignal, globalFields));
        accounting.rejected(source, v.reason!, v.reasons);
      }
      i++;
    }
    if ((++written & 1023) === 0) progress.tick('writing', written);
  }
  const prefix = (dir: string) => (s: { path: string; rows: number; bytes: number; sha256: string }) => ({ ...s, path: `${dir}/${s.path}` });
  return { corpus: (await corpus.close()).map(prefix('corpus')), rejected: (await rejected.close()).map(prefix('rejected')) };
}

/** The body starts with its identity fields (see encodeRecord): read them without a full parse. */
function idOf(body: string): { id: string; source: string; subset: string | null } {
  const end = body.indexOf(',"problem":');
  return JSON.parse(body.slice(0, end) + '}') as { id: string; source: string; subset: string | null };
}
