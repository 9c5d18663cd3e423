import { ContaminationIndex, defaultBenchmarkSpecs, loadBenchmarks } from '../decontam/decontaminate.ts';
import type { Config } from '../../schemas/config.ts';
import { PROJECT_ROOT } from '../version.ts';

/**
 * Per-thread state the per-record stages share across records: the benchmark n-gram index.
 * Built once per thread and config (a few thousand benchmark problems: milliseconds).
 */
let cached: { key: string; index: ContaminationIndex | null } | null = null;
/**
 * The settings object last seen: records of a run share one, so the key (which serialises the
 * derived boilerplate list, thousands of n-grams) is computed once per settings object, not per
 * record (per record it was 80% of the per-record CPU).
 */
let lastSettings: Config['decontamination'] | null = null;

export function contaminationIndex(config: Config): ContaminationIndex | null {
  const d = config.decontamination;
  if (d === lastSettings && cached) return cached.index;
  lastSettings = d;
  const key = JSON.stringify(d);
  if (cached?.key !== key) {
    const specs = d.benchmarks.length ? d.benchmarks : defaultBenchmarkSpecs(PROJECT_ROOT);
    cached = { key, index: d.enabled ? new ContaminationIndex(loadBenchmarks(specs), { ngram: d.ngram, minShared: d.min_shared_ngrams, boilerplate: d.boilerplate ?? [], template: d.template }) : null };
  }
  return cached.index;
}

/**
 * Reads the run's benchmark files (an unreadable one is a usage error before any work) without
 * building the index: the worker threads build their own, so one on the main thread is waste.
 */
export function checkBenchmarks(config: Config): void {
  const d = config.decontamination;
  if (d.enabled) loadBenchmarks(d.benchmarks.length ? d.benchmarks : defaultBenchmarkSpecs(PROJECT_ROOT));
}
