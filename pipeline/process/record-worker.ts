import { workerData } from 'node:worker_threads';
import type { Config } from '../../schemas/config.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import { processBatch } from './encode-batch.ts';

const config = (workerData as { config: Config }).config;

/** Piscina worker: the per-record stages for one batch. */
export default function run(batch: ProblemRecord[]) {
  return processBatch(batch, config);
}
