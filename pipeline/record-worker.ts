import { workerData } from 'node:worker_threads';
import type { Config } from '../schemas/config.ts';
import type { ProblemRecord } from '../schemas/record.ts';
import { processRecord } from './process-record.ts';

const config = (workerData as { config: Config }).config;

/** Piscina worker: the per-record stages for one batch. */
export default function processBatch(batch: ProblemRecord[]) {
  return batch.map((r) => processRecord(r, config));
}
