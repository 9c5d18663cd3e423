import { Piscina } from 'piscina';
import { runChunkJob, type ChunkJob } from './chunk-job.ts';

/**
 * Piscina worker: one chunk job (the first or the second pass over a chunk of the inputs). The
 * byte arrays of a processed chunk are moved to the main thread, not copied.
 */
export default async function run(job: ChunkJob) {
  const outcome = await runChunkJob(job);
  if (!('ok' in outcome) || !('staged' in outcome.ok)) return outcome;
  const buffers = new Set<ArrayBuffer>();
  for (const a of [outcome.ok.staged, outcome.ok.facts, outcome.ok.dedup]) {
    // only arrays that own their whole buffer (never a view into a shared pool)
    if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  }
  const moved = { [Piscina.transferableSymbol]: [...buffers], [Piscina.valueSymbol]: outcome };
  // piscina types its symbols as plain `symbol`, so the object's type cannot name them
  return Piscina.move(moved as unknown as Parameters<typeof Piscina.move>[0]);
}
