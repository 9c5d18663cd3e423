import { clearCheckerCaches, isEquivalent, reward } from '../../checker/index.ts';
import { parseCheckBody, parseRewardBody, RequestError } from './protocol.ts';
import { Histogram, type HistogramData } from './histogram.ts';
import { threadId } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { PairTimer } from './pair-timer.ts';
import { forgetLiveHeap, liveHeapBytes } from './live-heap.ts';

/**
 * Piscina worker of `bigmath serve`: decodes, validates and checks one request body and returns the
 * response text. Everything but socket I/O happens here, so the event loop of the main thread only
 * moves bytes (the body arrives as a transferred buffer, the answer leaves as one string).
 */

export interface ServeTask {
  route: 'reward' | 'check';
  body: Uint8Array;
  maxPairs: number;
  /** Heap bytes past which this worker empties the checker's memo after the batch. */
  cacheBytes: number;
}

export interface ServeResult {
  status: number;
  body: string;
  pairs: number;
  /** The kind of client error when status is not 200. */
  error: 'bad_request' | 'too_large' | null;
  /** Wall time of each pair. */
  work: HistogramData;
  /** Upper bound on the CPU seconds of the slowest pair (see PairTimer). */
  cpuMax: number;
  /** Whether the worker emptied the checker's memo after this batch. */
  cleared: boolean;
  /** This worker thread's id and V8 heap in use and reserved after the batch (the /metrics gauges). */
  heap: { thread: number; used: number; total: number };
}

function run(task: ServeTask): { body: string; timer: PairTimer } {
  const timer = new PairTimer();
  const results: unknown[] = [];
  if (task.route === 'reward') {
    for (const it of parseRewardBody(task.body, task.maxPairs)) {
      timer.start();
      results.push(reward(it.gold, it.response, it.options));
      timer.stop();
    }
  } else {
    for (const it of parseCheckBody(task.body, task.maxPairs)) {
      timer.start();
      results.push(isEquivalent(it.gold, it.pred, it.options));
      timer.stop();
    }
  }
  return { body: JSON.stringify(results), timer };
}

/**
 * The checker memoises parses by count (200,000 entries, each up to 12,000 characters), which for a
 * server that runs for days of fresh answers is not a memory bound. So each worker watches its own
 * live heap and empties the memo past a byte budget: memory stays flat, and the answers that repeat
 * (the golds of the rollouts in flight) are parsed again within a batch or two.
 */
function boundCaches(budget: number): boolean {
  if (liveHeapBytes() <= budget) return false;
  clearCheckerCaches();
  forgetLiveHeap();
  return true;
}

function heap(): ServeResult['heap'] {
  const h = getHeapStatistics();
  return { thread: threadId, used: h.used_heap_size, total: h.total_heap_size };
}

export default function serveTask(task: ServeTask): ServeResult {
  try {
    const { body, timer } = run(task);
    return { status: 200, body, pairs: timer.wall.count, error: null, work: timer.wall, cpuMax: timer.cpuMax, cleared: boundCaches(task.cacheBytes), heap: heap() };
  } catch (e) {
    if (!(e instanceof RequestError)) throw e;
    const tooLarge = e.cause === 'too_large';
    return {
      status: tooLarge ? 413 : 400, body: JSON.stringify({ error: e.message }), pairs: 0,
      error: tooLarge ? 'too_large' : 'bad_request', work: new Histogram(), cpuMax: 0, cleared: false, heap: heap(),
    };
  }
}
