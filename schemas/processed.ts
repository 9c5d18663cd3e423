import { z } from 'zod';
import { ProblemRecordSchema } from './record.ts';
import { SignalSchema } from './signal.ts';

/**
 * A record after the per-record stages: cleaned text (original kept), every filter's signal,
 * and the checker's reading of the answer. Pure function of the record and the config.
 */
export const ProcessedRecordSchema = ProblemRecordSchema.extend({
  /** The problem text before source-specific cleaning, or null when cleaning changed nothing. */
  problem_original: z.string().nullable(),
  /** Names of the cleaning transformations that changed the problem, in order applied. */
  cleaning: z.array(z.string()),
  /** Checker's kind of the answer (`number`, `expression`, `set`, ...) or null when not closed-form. */
  answer_kind: z.string().nullable(),
  /** Checker's canonical form of the answer, or null when it could not be parsed. */
  answer_canonical: z.string().nullable(),
  /** One signal per filter that ran, in filter order. */
  signals: z.array(SignalSchema),
  /** Overlap with a benchmark test problem, or null (null too when decontamination is off). */
  contamination: z
    .object({ benchmark: z.string(), item: z.string(), span: z.string(), kind: z.enum(['exact', 'ngram', 'template']) })
    .nullable(),
});
export type ProcessedRecord = z.infer<typeof ProcessedRecordSchema>;
