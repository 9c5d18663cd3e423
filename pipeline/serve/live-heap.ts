import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/**
 * The live heap of this thread: the heap in use just after the last full garbage collection. The
 * heap in use at an arbitrary moment counts garbage too (up to the whole young generation and more),
 * which would make a byte budget fire far too early; after a full collection it is what is kept.
 */

/** null until the first full collection; then the heap in use measured just after the latest one. */
let live: number | null = null;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (((e as { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) live = getHeapStatistics().used_heap_size;
  }
}).observe({ entryTypes: ['gc'] });

/** Before any full collection the heap in use, garbage and all, is the best upper bound there is. */
export function liveHeapBytes(): number {
  return live ?? getHeapStatistics().used_heap_size;
}

/** After dropping the memo: what it held is garbage now, and the next full collection measures the rest. */
export function forgetLiveHeap(): void {
  live = 0;
}
