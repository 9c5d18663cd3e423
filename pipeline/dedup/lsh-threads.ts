import { Worker } from 'node:worker_threads';
import { candidateFilter, type FilterArrays } from './candidate-filter.ts';
import { pairsInBands, sortedPairs, type Banding } from './lsh.ts';
import { PairBuffer } from './packed-sort.ts';

/**
 * LSH candidate pairs on several threads: this one and `threads - 1` worker threads take bands
 * from one shared counter until none is left, so the split follows the measured work (a worker
 * that is still starting takes fewer bands; per-band times vary with the pairs a band emits).
 * A pair is emitted in exactly one band, so the union of the threads' pairs, sorted by (i, j),
 * is `candidatePairs`' result whatever thread took which band; the sibling counts add up.
 *
 * At `threads` = 1 no worker is started: this thread takes every band.
 *
 * The arrays should be over SharedArrayBuffer (the dedup stage's are): workers then read them
 * in place; other arrays are copied to each worker (correct, just slower).
 */
export interface LshJob {
  banding: Banding;
  filter: FilterArrays;
}

export interface LshResult {
  /** Sorted by (i, j) as hi = i, lo = j. */
  pairs: PairBuffer;
  siblingPairs: number;
}

/** What a worker sends back: its pairs as [i, j, i, j, ...] and its sibling count. */
export interface LshWorkerResult {
  pairs: Uint32Array;
  siblingPairs: number;
}

export interface LshWorkerData {
  job: LshJob;
  /**
   * Shared Int32Array: [0] the next band to take; [slot] of each worker is set to 1 just before
   * its first claim, so this thread knows which workers may hold bands.
   */
  claims: Int32Array;
  slot: number;
}

/**
 * Below this many records the search takes ~0.3 s on one thread: a worker (a new isolate that
 * strips and compiles a few TypeScript modules: ~0.15 s of CPU, 0.1-0.4 s to its first band
 * on a busy machine) would take few bands, if any.
 */
export const LSH_THREADS_MIN_RECORDS = 50_000;

/** Threads the LSH may use: one when the stage may not start workers or the input is small. */
export function lshThreadCount(threads: number, records: number): number {
  return records < LSH_THREADS_MIN_RECORDS ? 1 : Math.max(1, threads);
}

export async function candidatePairsOnThreads(job: LshJob, threads: number): Promise<LshResult> {
  const workers = Math.max(0, threads - 1);
  const claims = new Int32Array(new SharedArrayBuffer(4 * (1 + workers)));
  const started = Array.from({ length: workers }, (_x, w) => startWorker({ job, claims, slot: 1 + w }));
  let mine: ThreadPairs;
  try {
    mine = bandsOf(job, claims, 0);
  } catch (e) {
    for (const w of started) w.stop();
    throw e;
  }
  // Every band is taken now. A worker that had not begun claiming never will: stopped, not
  // awaited (it may still be starting). The others are awaited, also when one fails.
  const busy: LshWorker[] = [];
  for (let w = 0; w < workers; w++) {
    if (Atomics.load(claims, 1 + w) === 0) started[w].stop();
    else busy.push(started[w]);
  }
  const done = await Promise.allSettled(busy.map((w) => w.result));
  const failed = done.find((d) => d.status === 'rejected');
  if (failed) throw failed.reason;
  const pairs = mine.pairs;
  let siblingPairs = mine.siblingPairs;
  for (const d of done) {
    const r = (d as PromiseFulfilledResult<LshWorkerResult>).value;
    pairs.pushAll(r.pairs);
    siblingPairs += r.siblingPairs;
  }
  return { pairs: sortedPairs(pairs), siblingPairs };
}

interface ThreadPairs {
  /** Unsorted. */
  pairs: PairBuffer;
  siblingPairs: number;
}

/** One thread's share: bands claimed until all are taken (`slot` 0 is this thread, see LshWorkerData). */
export function bandsOf(job: LshJob, claims: Int32Array, slot: number): ThreadPairs {
  const filter = candidateFilter(job.filter);
  const pairs = new PairBuffer(1024);
  pairsInBands(job.banding, claimed(claims, slot, job.banding.bands), filter.accept, pairs);
  return { pairs, siblingPairs: filter.siblingPairs() };
}

function* claimed(claims: Int32Array, slot: number, bands: number): Generator<number> {
  if (slot > 0) Atomics.store(claims, slot, 1); // before the claim (see candidatePairsOnThreads)
  for (let k = Atomics.add(claims, 0, 1); k < bands; k = Atomics.add(claims, 0, 1)) yield k;
}

export interface LshWorker {
  result: Promise<LshWorkerResult>;
  /** Ends the worker; its result is then never used. */
  stop: () => void;
}

/** A worker thread taking bands until none is left (lsh-worker.ts). */
export function startWorker(data: LshWorkerData): LshWorker {
  const w = new Worker(new URL('./lsh-worker.ts', import.meta.url), { workerData: data });
  const result = new Promise<LshWorkerResult>((resolve, reject) => {
    let sent: LshWorkerResult | null = null;
    w.once('message', (m: LshWorkerResult) => (sent = m));
    w.once('error', reject);
    w.once('exit', (code) => (sent && code === 0 ? resolve(sent) : reject(new Error(`dedup: LSH worker exited with code ${code}`))));
  });
  return {
    result,
    stop: () => {
      result.catch(() => {}); // a stopped worker's exit is no error
      void w.terminate();
    },
  };
}
