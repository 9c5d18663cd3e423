import { join } from 'node:path';
import type { Config } from '../../schemas/config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import type { Signal } from '../../schemas/signal.ts';
import type { Accounting } from '../run/accounting.ts';
import type { GlobalDecisions } from '../run/global-stages.ts';
import type { Progress } from '../run/progress.ts';
import { MALFORMED, readStagedHead } from '../process/staged-format.ts';
import { verdictOf } from '../process/verdict.ts';
import { FrameReader } from './frame-reader.ts';
import { ShardRowWriter } from './parquet-shards.ts';
import { DEDUP_FILTER, type GlobalFields } from './shard-rows.ts';

/**
 * Streams the staging files a last time, completes each record with the global decisions
 * (dedup columns and signal, folded rows, verdict) and writes kept records to `corpus/` and
 * everything else to `rejected/`, in input order. Only each frame's head (identity and fired
 * signals) is decoded here; a shard's rows refer to their frames, which its conversion reads.
 */
export async function writeOutputs(
  staged: readonly string[],
  decisions: GlobalDecisions,
  folded: ReadonlyMap<string, number>,
  config: Config,
  accounting: Accounting,
  progress: Progress,
): Promise<Manifest['outputs']> {
  const corpus = new ShardRowWriter(join(config.out, 'corpus'), 'corpus', config.rows_per_shard);
  const rejected = new ShardRowWriter(join(config.out, 'rejected'), 'rejected', config.rows_per_shard);
  const disabled = new Set(config.filters.disable);
  if (config.decontamination.keep_benchmark_problems) disabled.add('decontamination');
  let i = 0;
  let written = 0;
  for (const path of staged) {
    const reader = new FrameReader(path);
    try {
      for (let at = reader.next(); at >= 0; at = reader.next()) {
        const offset = reader.fileOffset;
        const length = reader.frameLength;
        const head = readStagedHead(reader.buf, at);
        if (head.kind === MALFORMED) {
          if (rejected.addMalformed(path, offset, length)) await rejected.flush();
          accounting.rejected(head.source, 'malformed_row', ['malformed_row']);
        } else {
          const dd = decisions.dedup?.[i];
          const dedup = { reason: dd?.reason ?? 'exact_duplicate', fired: !!dd?.reason, evidence: dd?.evidence ?? '' };
          const fired: Signal[] = head.fired.map(([filter, reason, evidence]) => ({ filter, reason, fired: true, evidence }));
          if (dedup.fired) fired.push({ filter: DEDUP_FILTER, ...dedup });
          const v = verdictOf(fired, disabled);
          const g: GlobalFields = {
            dup_cluster: dd?.dup_cluster ?? null,
            dup_cluster_size: dd?.dup_cluster_size ?? 1,
            duplicate_of: dd?.duplicate_of ?? null,
            folded_rows: folded.get(head.id) ?? 0,
            dedup,
          };
          if (v.kept) {
            if (corpus.addRecord(path, offset, length, g, null)) await corpus.flush();
            accounting.kept(head.source, head.subset);
          } else {
            if (rejected.addRecord(path, offset, length, g, v)) await rejected.flush();
            accounting.rejected(head.source, v.reason!, v.reasons);
          }
          i++;
        }
        if ((++written & 1023) === 0) {
          progress.tick('writing', written);
          // DuckDB's scans call back into this thread for their rows: without a turn of the
          // event loop now and then, conversions started earlier would wait for this loop to end
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      reader.close();
    }
  }
  const prefix = (dir: string) => (s: { path: string; rows: number; bytes: number; sha256: string }) => ({ ...s, path: `${dir}/${s.path}` });
  return { corpus: (await corpus.close()).map(prefix('corpus')), rejected: (await rejected.close()).map(prefix('rejected')) };
}
