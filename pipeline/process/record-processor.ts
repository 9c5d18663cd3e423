import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Config } from '../../schemas/config.ts';
import { runChunkJob, unwrapOutcome, type ChunkJob, type ChunkResult, type JobOutcome } from './chunk-job.ts';

/**
 * Runs chunk jobs (decoding, adapting and the per-record stages of a piece of the inputs) on
 * worker threads or inline. Results come back per job, so the caller keeps input order by
 * awaiting in order.
 */
export interface RecordProcessor {
  run<J extends ChunkJob>(job: J): Promise<ChunkResult<J>>;
  close(): Promise<void>;
}

export function inlineProcessor(): RecordProcessor {
  return {
    run: async <J extends ChunkJob>(job: J) => unwrapOutcome<J>(await runChunkJob(job)),
    close: async () => {},
  };
}

/**
 * A pool of worker threads (piscina reached 2.0x one thread on 2 cores). The main thread only
 * plans chunks, folds identities in order and writes, so the workers get both cores.
 */
export function workerProcessor(threads: number): RecordProcessor {
  const pool = new Piscina({
    filename: new URL('./record-worker.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    run: async <J extends ChunkJob>(job: J) => unwrapOutcome<J>((await pool.run(job)) as JobOutcome),
    close: () => pool.destroy(),
  };
}

/** Worker threads a stage may start: the configured count, at most one per core. */
export function workerThreads(config: Config): number {
  return Math.min(config.workers, availableParallelism());
}

/** Below `worker_min_input_mb` of input, starting workers (~1 s each) costs more than it saves. */
export function makeProcessor(config: Config, inputBytes: number): RecordProcessor {
  const threads = workerThreads(config);
  return threads >= 1 && inputBytes >= config.worker_min_input_mb * 2 ** 20 ? workerProcessor(threads) : inlineProcessor();
}
