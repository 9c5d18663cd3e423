/**
 * Bucketed counts of observed values. The workers count per-pair work times into one of these per
 * batch and the metrics add the counts up: one message per batch instead of one per pair.
 */

/** Bounds (seconds) of the per-pair work-time buckets. */
export const PAIR_WORK_BUCKETS: readonly number[] = [0.00001, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

export interface HistogramData { counts: number[]; sum: number; max: number }

export class Histogram implements HistogramData {
  /** Counts per bucket, not cumulative; the last slot is +Inf. */
  counts: number[];
  sum = 0;
  max = 0;
  readonly bounds: readonly number[];

  constructor(bounds: readonly number[] = PAIR_WORK_BUCKETS) {
    this.bounds = bounds;
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  observe(v: number): void {
    let i = 0;
    while (i < this.bounds.length && v > this.bounds[i]) i++;
    this.counts[i]++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(h: HistogramData): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += h.counts[i] ?? 0;
    this.sum += h.sum;
    if (h.max > this.max) this.max = h.max;
  }

  get count(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }
}
