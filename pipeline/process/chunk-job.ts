import { identifyChunk, type IdentifiedChunk, type IdentifyJob } from '../read/identify-chunk.ts';
import { InputFileError } from '../read/raw-row.ts';
import type { EncodedBatch } from './encode-batch.ts';
import { processChunk, type ProcessJob } from './process-chunk.ts';

export type ChunkJob = IdentifyJob | ProcessJob;
export type ChunkResult<J extends ChunkJob> = J extends IdentifyJob ? IdentifiedChunk : EncodedBatch;

/** A job's result, or the input error it met: an error's class does not survive the thread boundary. */
export type JobOutcome = { ok: IdentifiedChunk | EncodedBatch } | { inputError: [file: string, problem: string] };

/** Runs one chunk job (on a worker thread or inline). */
export async function runChunkJob(job: ChunkJob): Promise<JobOutcome> {
  try {
    return { ok: job.kind === 'identify' ? await identifyChunk(job) : await processChunk(job) };
  } catch (e) {
    if (e instanceof InputFileError) return { inputError: [e.file, e.problem] };
    throw e;
  }
}

/** The result again, or the input error raised again on this thread (the CLI exits 2 on it, naming the file). */
export function unwrapOutcome<J extends ChunkJob>(o: JobOutcome): ChunkResult<J> {
  if ('inputError' in o) throw new InputFileError(o.inputError[0], o.inputError[1]);
  return o.ok as ChunkResult<J>;
}
