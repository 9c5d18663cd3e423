import { runChunkJob, type ChunkJob } from './chunk-job.ts';

/** Piscina worker: one chunk job (the first or the second pass over a chunk of the inputs). */
export default function run(job: ChunkJob) {
  return runChunkJob(job);
}
