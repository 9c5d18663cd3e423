import { workerData } from 'node:worker_threads';
import type { Config } from '../schemas/config.ts';
import type { ProblemRecord } from '../schemas/record.ts';
import { processBatch } from './encode-batch.ts';

const config = (workerData as { config: Config }).config;

/** Piscina worker: the per-record stages for one batch, sent as its JSON text (see record-processor.ts). */
export default function run(batch: string) {
  return processBatch(JSON.parse(batch) as ProblemRecord[], config);
}
