import { cpuUsage, memoryUsage } from 'node:process';

export interface StageRow {
  stage: string;
  records_in: number;
  records_out: number;
  wall_s: number;
  cpu_s: number;
  records_per_s: number;
}

/** Wall and CPU time per stage, and peak RSS sampled while the run goes (for stats and bench). */
export class StageTimer {
  private readonly open = new Map<string, { wall: number; cpu: NodeJS.CpuUsage }>();
  private readonly done: StageRow[] = [];
  private peak = 0;
  private readonly sampler: NodeJS.Timeout;

  constructor() {
    this.sampler = setInterval(() => this.sample(), 200);
    this.sampler.unref();
  }
  private sample(): void {
    this.peak = Math.max(this.peak, memoryUsage.rss());
  }
  start(stage: string): void {
    this.open.set(stage, { wall: performance.now(), cpu: cpuUsage() });
  }
  /** CPU time includes worker threads: they share the process. */
  stop(stage: string, recordsIn: number, recordsOut: number): void {
    const s = this.open.get(stage)!;
    const wall = (performance.now() - s.wall) / 1000;
    const cpu = cpuUsage(s.cpu);
    this.sample();
    this.done.push({ stage, records_in: recordsIn, records_out: recordsOut, wall_s: round(wall), cpu_s: round((cpu.user + cpu.system) / 1e6), records_per_s: Math.round(recordsIn / Math.max(wall, 1e-9)) });
  }
  rows(): StageRow[] {
    return this.done;
  }
  /** The kernel's high-water mark (exact, covers worker threads) or the sampled peak if larger. */
  peakRssMb(): number {
    this.sample();
    return Math.round(Math.max(this.peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20);
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
