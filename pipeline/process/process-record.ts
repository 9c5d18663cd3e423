import { classify } from '../../checker/index.ts';
import { cleanRecord, readableAnswer, runFilters } from '../../filters/index.ts';
import type { Config } from '../../schemas/config.ts';
import type { ProcessedRecord } from '../../schemas/processed.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import type { FilterInput } from '../../filters/filter.ts';
import { dedupFactsNormalized, type DedupFacts } from '../dedup/facts.ts';
import { normalizeProblem } from '../dedup/normalize.ts';
import { contaminationIndex } from './record-context.ts';

export interface ProcessedWithFacts {
  record: ProcessedRecord;
  /** Hashes the dedup stage needs (null when dedup is off). */
  dedup: DedupFacts | null;
}

/**
 * The per-record stages: source-specific cleaning, the checker's reading of the answer, every
 * filter's signal, the benchmark-overlap check and the dedup hashes. A pure function of the
 * record and the config, so it runs on any worker thread and recomputes identically on resume.
 */
/** What the filters see: the record after cleaning, with the checker's reading of its answer. */
export function filterInputOf(record: ProblemRecord): FilterInput {
  const cleaned = cleanRecord(record);
  const c = classify(readableAnswer(record.answer ?? ''));
  return {
    ...record,
    problem: cleaned.problem,
    cleaning: cleaned.cleaning,
    problem_original: cleaned.problem_original,
    answer_kind: c.closedForm ? c.kind : null,
    answer_canonical: c.closedForm ? c.canonical : null,
    answer_not_closed_reason: c.closedForm ? null : c.reason,
  };
}

export function processRecord(record: ProblemRecord, config: Config): ProcessedWithFacts {
  const input = filterInputOf(record);
  // dedup and decontamination compare the same math-aware normal form: compute it once
  const d = config.decontamination.enabled || config.dedup.enabled ? normalizeProblem(input.problem) : '';
  return {
    record: {
      ...record,
      problem: input.problem,
      problem_original: input.problem_original ?? null,
      cleaning: [...(input.cleaning ?? [])],
      answer_kind: input.answer_kind,
      answer_canonical: input.answer_canonical,
      signals: runFilters(input, config),
      contamination: contaminationIndex(config)?.checkNormalized(d) ?? null,
    },
    dedup: config.dedup.enabled ? dedupFactsNormalized(d, config.dedup, input.problem) : null,
  };
}
