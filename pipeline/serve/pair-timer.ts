import { Histogram } from './histogram.ts';

/**
 * Times each pair a worker checks. Wall time goes into the histogram (cheap: performance.now());
 * on a shared machine wall time also counts the thread being descheduled, so the bound the server
 * promises ("no pair over 100 ms of work") is checked on the thread's CPU time. Reading it costs a
 * system call (microseconds, as much as a whole cheap pair), so it is read every CHECKPOINT pairs and
 * after any pair slower than 1 ms: the CPU time since the last reading is an upper bound on that
 * pair's CPU time (it may include a few cheap pairs before it).
 */

const CHECKPOINT = 32;

function threadCpuSeconds(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1e6;
}

export class PairTimer {
  readonly wall = new Histogram();
  /** Upper bound on the CPU seconds of the slowest pair. */
  cpuMax = 0;
  private cpuMark = threadCpuSeconds();
  private sinceMark = 0;
  private started = 0;

  start(): void {
    this.started = performance.now();
  }

  stop(): void {
    const seconds = (performance.now() - this.started) / 1000;
    this.wall.observe(seconds);
    if (seconds > 0.001 || ++this.sinceMark >= CHECKPOINT) {
      const now = threadCpuSeconds();
      if (seconds > 0.001) this.cpuMax = Math.max(this.cpuMax, now - this.cpuMark);
      this.cpuMark = now;
      this.sinceMark = 0;
    }
  }
}
