import type { Config } from '../../schemas/config.ts';
import { getAdapter } from '../../sources/registry.ts';
import { recordId, rowSourceId } from '../../sources/identity.ts';
import { fullRow, readChunk, type Chunk } from '../read/chunks.ts';
import { BatchEncoder, type EncodedBatch } from './encode-batch.ts';
import { toRecord } from './to-record.ts';

/** What the in-order fold decided for each record of a chunk (index: the record's place among the chunk's records). */
export const KEEP = 0;
/** A later row of a problem already kept: counted in `folded_rows` of that record, not processed. */
export const FOLDED = 1;
/** A repeated source id: kept under `source_id#row` (and the id of that), never written twice. */
export const RENAMED = 2;

/** The second pass over a chunk: the per-record stages for the records the fold kept. */
export interface ProcessJob {
  kind: 'process';
  chunk: Chunk;
  decisions: Uint8Array;
  /** Carried by every job: the boilerplate list is derived after the workers started. */
  config: Config;
}

/**
 * Decodes and adapts the chunk's rows again (cheaper than holding them between the passes),
 * applies the fold's decisions and runs the per-record stages: the staging, facts and dedup
 * facts of the chunk, in row order, malformed rows included.
 */
export async function processChunk(job: ProcessJob): Promise<EncodedBatch> {
  const adapter = getAdapter(job.chunk.source);
  const enc = new BatchEncoder(job.config);
  let k = 0;
  for await (const raw of readChunk(job.chunk)) {
    const res = toRecord(adapter, raw);
    if (!res.ok) {
      const full = toRecord(adapter, await fullRow(job.chunk, raw));
      if (full.ok) throw new Error(`chunk ${job.chunk.task}/${job.chunk.seq}: row ${raw.row} is malformed only without its dropped list columns`);
      enc.addMalformed(full.malformed);
      continue;
    }
    const decision = job.decisions[k++];
    if (decision === FOLDED) continue;
    let rec = res.record;
    if (decision === RENAMED) {
      const source_id = `${rec.source_id}#${rowSourceId(raw)}`;
      rec = { ...rec, source_id, id: recordId(rec.source, source_id) };
    }
    enc.add(rec);
  }
  if (k !== job.decisions.length) throw new Error(`chunk ${job.chunk.task}/${job.chunk.seq}: ${k} records on the second read, ${job.decisions.length} on the first`);
  return enc.finish();
}
