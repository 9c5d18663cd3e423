import { normalizeProblem } from './normalize.ts';
import { shingleSet, type ShingleOptions } from './shingles.ts';
import { valueTokens } from './template-siblings.ts';

/** What confirming a candidate pair needs of one record: its shingle set and its values. */
export interface ShingleFeatures {
  set: Uint32Array;
  values: string[];
}

export function shingleFeatures(problem: string, shingles: ShingleOptions): ShingleFeatures {
  const norm = normalizeProblem(problem);
  return { set: shingleSet(norm, shingles), values: valueTokens(norm, problem) };
}

/**
 * Computes features for a batch of problems, in order. The pipeline passes one backed by worker
 * threads (recomputing shingle sets of candidate records is most of dedup's time); the default
 * computes them in the calling thread.
 */
export type Featurizer = (problems: string[], shingles: ShingleOptions) => Promise<ShingleFeatures[]>;

export const inlineFeaturizer: Featurizer = async (problems, shingles) => problems.map((p) => shingleFeatures(p, shingles));
