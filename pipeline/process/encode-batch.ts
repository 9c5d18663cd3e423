import type { Config } from '../../schemas/config.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import { getAdapter } from '../../sources/registry.ts';
import { encodeDedupFacts } from '../dedup/facts-file.ts';
import type { DedupFacts } from '../dedup/facts.ts';
import { processRecord } from './process-record.ts';
import { encodeRecord } from './staged-format.ts';

/** One batch after the per-record stages: staging and facts lines (joined, newline-terminated) and the binary dedup facts. */
export interface EncodedBatch {
  staged: string;
  facts: string;
  /** Entries of the dedup facts file (`facts-file.ts`), one per record; empty when dedup is off. */
  dedup: Uint8Array;
}

/**
 * The per-record stages plus serialisation, for one batch: what a worker thread returns. Two
 * strings cross the thread boundary instead of hundreds of objects.
 */
export function processBatch(batch: ProblemRecord[], config: Config): EncodedBatch {
  let staged = '';
  let facts = '';
  const dedup: DedupFacts[] = [];
  for (const rec of batch) {
    const p = processRecord(rec, config);
    const fold = getAdapter(rec.source).foldKey;
    const e = encodeRecord(p.record, fold ? fold(rec) : null);
    staged += e.staged + '\n';
    facts += e.facts + '\n';
    if (p.dedup) dedup.push(p.dedup);
  }
  return { staged, facts, dedup: encodeDedupFacts(dedup) };
}
