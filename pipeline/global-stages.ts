import type { Config } from '../schemas/config.ts';
import type { DedupDecision } from './dedup/dedup.ts';
import type { Progress } from './progress.ts';
import type { StagedLine } from './staging.ts';
import { passesFilters } from './verdict.ts';
import { PROJECT_ROOT } from './version.ts';

export interface Contamination {
  benchmark: string;
  item: string;
  span: string;
  kind: 'exact' | 'ngram';
}

/** What the cross-record stages decided, by dense record index (malformed rows excluded). */
export interface GlobalDecisions {
  contamination: Map<number, Contamination>;
  dedup: DedupDecision[] | null;
  summary: unknown;
}

/**
 * Decontamination against benchmark test sets, then dedup with answer-conflict checks.
 * Records rejected by a per-record filter or contaminated still get cluster facts (for audits)
 * but are never chosen as the copy a cluster keeps.
 */
export async function computeGlobalDecisions(
  stream: () => AsyncIterable<StagedLine>,
  n: number,
  config: Config,
  progress: Progress,
): Promise<GlobalDecisions> {
  const disabled = new Set(config.filters.disable);
  const contamination = new Map<number, Contamination>();
  if (config.decontamination.enabled) {
    const { ContaminationIndex, loadBenchmarks, defaultBenchmarkSpecs } = await import('./decontam/decontaminate.ts');
    const specs = config.decontamination.benchmarks.length ? config.decontamination.benchmarks : defaultBenchmarkSpecs(PROJECT_ROOT);
    const index = new ContaminationIndex(loadBenchmarks(specs), config.decontamination.ngram);
    let i = 0;
    for await (const line of stream()) {
      if (!('r' in line)) continue;
      const hit = index.check(line.r.problem);
      if (hit) contamination.set(i, hit);
      if (++i % 1000 === 0) progress.tick('decontamination', i);
    }
    progress.done();
  }
  if (!config.dedup.enabled) return { contamination, dedup: null, summary: null };

  const { dedup, dedupSummary } = await import('./dedup/dedup.ts');
  const { isEquivalent } = await import('../checker/index.ts');
  const sources: string[] = new Array(n);
  const blocksKeep = !config.decontamination.keep_benchmark_problems;
  async function* inputs() {
    let i = 0;
    for await (const line of stream()) {
      if (!('r' in line)) continue;
      const r = line.r;
      sources[i] = r.source;
      yield {
        index: i,
        id: r.id,
        source: r.source,
        subset: r.subset,
        problem: r.problem,
        answer: r.answer,
        answer_canonical: r.answer_canonical,
        eligible: passesFilters(r.signals, disabled) && !(blocksKeep && contamination.has(i)),
      };
      i++;
    }
  }
  const decisions = await dedup(inputs, n, config.dedup, (a, b) => isEquivalent(a, b));
  return { contamination, dedup: decisions, summary: dedupSummary(decisions, (i) => sources[i]) };
}
