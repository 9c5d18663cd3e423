import type { Config } from '../../schemas/config.ts';
import type { DedupDecision, DedupInput } from '../dedup/dedup.ts';
import type { IndexedDedupFacts } from '../dedup/facts.ts';
import { workerThreads } from '../process/record-processor.ts';
import type { Progress } from './progress.ts';
import type { IndexedFacts } from './staging.ts';

/** What the cross-record stage decided, by dense record index (malformed rows excluded). */
export interface GlobalDecisions {
  dedup: DedupDecision[] | null;
  summary: unknown;
  /** Counts and timings of the dedup passes (for stats.json, not the manifest). */
  stats?: unknown;
}

/**
 * Dedup with answer-conflict checks over the records' small facts and the dedup facts the worker
 * threads computed (hashes, shingle sets). Records rejected by a per-record filter or
 * contaminated still get cluster facts (for audits) but are never chosen as the copy a cluster
 * keeps.
 */
export async function computeGlobalDecisions(
  factsAt: (wanted: Uint8Array | null) => AsyncIterable<IndexedFacts[]>,
  dedupFacts: (wanted?: Uint8Array) => AsyncIterable<readonly IndexedDedupFacts[]>,
  n: number,
  config: Config,
  progress: Progress,
): Promise<GlobalDecisions> {
  if (!config.dedup.enabled) return { dedup: null, summary: null };
  const { dedup, dedupSummary, lshThreadCount } = await import('../dedup/dedup.ts');
  const { isEquivalent } = await import('../../checker/index.ts');
  const disabled = new Set(config.filters.disable);
  if (config.decontamination.keep_benchmark_problems) disabled.add('decontamination');
  // fired is [filter, reason, filter, reason, ...]; a signal counts unless its filter or reason is disabled
  const passes = (fired: string[]): boolean => {
    for (let k = 0; k < fired.length; k += 2) if (!disabled.has(fired[k]) && !disabled.has(fired[k + 1])) return false;
    return true;
  };
  // sources of the records read (the summary asks only for those in clusters, all of them read)
  const sources: string[] = new Array(n);
  let pass = 0;
  async function* inputsAt(wanted: Uint8Array | null): AsyncGenerator<DedupInput[]> {
    for await (const batch of factsAt(wanted)) {
      yield batch.map(([index, f]) => {
        sources[index] = f.source;
        return { index, id: f.id, source: f.source, subset: f.subset, answer: f.answer, answer_canonical: f.answer_canonical, eligible: passes(f.fired) };
      });
      progress.tick('dedup: answers of clustered records', batch[batch.length - 1][0] + 1);
    }
  }
  async function* inputs(): AsyncGenerator<DedupInput> {
    for await (const batch of inputsAt(null)) yield* batch;
  }
  async function* features(wanted?: Uint8Array): AsyncGenerator<readonly IndexedDedupFacts[]> {
    pass++;
    for await (const batch of dedupFacts(wanted)) {
      yield batch;
      progress.tick(`dedup pass ${pass}`, batch[batch.length - 1].index + 1);
    }
  }
  let stats: unknown;
  const lshThreads = lshThreadCount(workerThreads(config), n);
  const decisions = await dedup(inputs, n, config.dedup, (a, b) => isEquivalent(a, b), { onStats: (s) => (stats = s), features, lshThreads, select: inputsAt });
  return { dedup: decisions, summary: dedupSummary(decisions, (i) => sources[i]), stats };
}
