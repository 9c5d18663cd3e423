import { Histogram, type HistogramData } from './histogram.ts';

/**
 * The server's Prometheus metrics, in the text exposition format (version 0.0.4). Written here rather
 * than with prom-client because the per-pair work histogram is counted inside the worker threads and
 * merged as bucket counts, one message per batch, which prom-client's observe-one-value API cannot take.
 */

const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function histogramLines(h: Histogram, name: string, labels: Labels): string[] {
  const out: string[] = [];
  let cum = 0;
  for (let i = 0; i < h.bounds.length; i++) {
    cum += h.counts[i];
    out.push(`${name}_bucket${labelText({ ...labels, le: String(h.bounds[i]) })} ${cum}`);
  }
  cum += h.counts[h.bounds.length];
  out.push(`${name}_bucket${labelText({ ...labels, le: '+Inf' })} ${cum}`, `${name}_sum${labelText(labels)} ${h.sum}`,
    `${name}_count${labelText(labels)} ${cum}`);
  return out;
}

/** A counter family keyed by its label values. */
class Counter {
  readonly values = new Map<string, { labels: Labels; value: number }>();
  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const cur = this.values.get(key);
    if (cur) cur.value += by;
    else this.values.set(key, { labels, value: by });
  }
}

export type ErrorKind = 'bad_request' | 'too_large' | 'unauthorized' | 'overloaded' | 'not_found' | 'shutting_down' | 'internal';

export class ServeMetrics {
  readonly requests = new Counter();
  readonly pairs = new Counter();
  readonly errors = new Counter();
  readonly latency = new Map<string, Histogram>();
  readonly pairWork = new Histogram();
  pairCpuMax = 0;
  cacheClears = 0;
  readonly workerHeap = new Map<number, { used: number; total: number }>();

  private readonly gauges: () => { queued: number; running: number; workers: number };

  constructor(gauges: () => { queued: number; running: number; workers: number }) {
    this.gauges = gauges;
  }

  request(route: string, code: number, seconds: number): void {
    this.requests.inc({ route, code: String(code) });
    let h = this.latency.get(route);
    if (!h) this.latency.set(route, (h = new Histogram(REQUEST_BUCKETS)));
    h.observe(seconds);
  }

  error(kind: ErrorKind): void {
    this.errors.inc({ kind });
  }

  work(route: string, pairs: number, w: HistogramData, cpuMax: number): void {
    this.pairs.inc({ route }, pairs);
    this.pairWork.merge(w);
    this.pairCpuMax = Math.max(this.pairCpuMax, cpuMax);
  }

  render(): string {
    const out: string[] = [];
    const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const counter = (name: string, help: string, c: Counter) => {
      family(name, 'counter', help);
      for (const { labels, value } of c.values.values()) out.push(`${name}${labelText(labels)} ${value}`);
    };
    counter('bigmath_requests_total', 'HTTP requests answered, by route and status code.', this.requests);
    counter('bigmath_pairs_total', 'Pairs checked, by route.', this.pairs);
    counter('bigmath_errors_total', 'Requests refused or failed, by kind.', this.errors);
    family('bigmath_request_duration_seconds', 'histogram', 'Time from request start to response, by route.');
    for (const [route, h] of this.latency) out.push(...histogramLines(h, 'bigmath_request_duration_seconds', { route }));
    family('bigmath_pair_work_seconds', 'histogram', 'Wall time of checking one pair in a worker thread.');
    out.push(...histogramLines(this.pairWork, 'bigmath_pair_work_seconds', {}));
    family('bigmath_pair_work_max_seconds', 'gauge', 'Longest wall time of one pair since start (counts descheduling).');
    out.push(`bigmath_pair_work_max_seconds ${this.pairWork.max}`);
    family('bigmath_pair_cpu_max_seconds', 'gauge', 'Upper bound on the longest thread CPU time of one pair since start.');
    out.push(`bigmath_pair_cpu_max_seconds ${this.pairCpuMax}`);
    family('bigmath_cache_clears_total', 'counter', 'Times a worker emptied the checker memo at its heap budget.');
    out.push(`bigmath_cache_clears_total ${this.cacheClears}`);
    family('bigmath_worker_heap_used_bytes', 'gauge', 'V8 heap in use of each worker thread after its latest batch.');
    for (const [thread, h] of this.workerHeap) out.push(`bigmath_worker_heap_used_bytes{thread="${thread}"} ${h.used}`);
    family('bigmath_worker_heap_total_bytes', 'gauge', 'V8 heap reserved by each worker thread after its latest batch.');
    for (const [thread, h] of this.workerHeap) out.push(`bigmath_worker_heap_total_bytes{thread="${thread}"} ${h.total}`);
    const m = process.memoryUsage();
    family('bigmath_main_heap_used_bytes', 'gauge', 'V8 heap in use of the main thread.');
    out.push(`bigmath_main_heap_used_bytes ${m.heapUsed}`);
    family('bigmath_external_bytes', 'gauge', 'Memory outside the V8 heaps held by JavaScript objects (buffers), main thread.');
    out.push(`bigmath_external_bytes ${m.external + m.arrayBuffers}`);
    const g = this.gauges();
    family('bigmath_queued_batches', 'gauge', 'Batches waiting for a worker thread.');
    out.push(`bigmath_queued_batches ${g.queued}`);
    family('bigmath_running_batches', 'gauge', 'Batches being checked.');
    out.push(`bigmath_running_batches ${g.running}`);
    family('bigmath_worker_threads', 'gauge', 'Worker threads checking pairs.');
    out.push(`bigmath_worker_threads ${g.workers}`);
    family('process_resident_memory_bytes', 'gauge', 'Resident set size of the server process.');
    out.push(`process_resident_memory_bytes ${process.memoryUsage.rss()}`);
    return out.join('\n') + '\n';
  }
}
