import { shingleFeatures } from './features.ts';
import type { ShingleOptions } from './shingles.ts';

/** Piscina worker: shingle features of a batch of candidate records. */
export default function run({ problems, shingles }: { problems: string[]; shingles: ShingleOptions }) {
  return problems.map((p) => shingleFeatures(p, shingles));
}
