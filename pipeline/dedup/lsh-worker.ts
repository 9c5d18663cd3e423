import { parentPort, workerData } from 'node:worker_threads';
import { bandsOf, type LshWorkerData, type LshWorkerResult } from './lsh-threads.ts';

/** Worker thread of `candidatePairsOnThreads`: takes bands until none is left, sends its pairs. */
const { job, claims, slot } = workerData as LshWorkerData;
const mine = bandsOf(job, claims, slot);
const pairs = mine.pairs.toArray();
const result: LshWorkerResult = { pairs, siblingPairs: mine.siblingPairs };
parentPort!.postMessage(result, [pairs.buffer]);
