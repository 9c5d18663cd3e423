import type { DedupConfig } from '../../schemas/config.ts';
import { MinHasher } from './minhash.ts';
import { murmur3Bytes } from './murmur3.ts';
import { normalizeProblem } from './normalize.ts';
import { shingleSet } from './shingles.ts';

/** Seeds of the 64-bit exact-text hash (two murmur3 x86_32 halves of the normalised UTF-8). */
export const EXACT_SEED_HI = 0x2545f491;
export const EXACT_SEED_LO = 0x5bd1e995;

/**
 * What dedup's first pass needs of one record: the exact-text hash, the shingle-set size and
 * the LSH band hashes. A pure function of the problem text and the config, so the pipeline
 * computes it on worker threads during the per-record stages.
 */
export interface DedupFacts {
  hi: number;
  lo: number;
  size: number;
  bands: number[];
  /**
   * b-bit MinHash sketch: the low 8 bits of every signature value, base64. Two sketches agree
   * in a position with probability J + (1 - J)/256, so they estimate Jaccard well enough to skip
   * candidate pairs far below the threshold before computing their exact Jaccard.
   */
  sketch: string;
}

const hashers = new Map<string, MinHasher>();
const encoder = new TextEncoder();

export function dedupFacts(problem: string, cfg: DedupConfig): DedupFacts {
  return dedupFactsNormalized(normalizeProblem(problem), cfg);
}

/** `dedupFacts` for text already passed through `normalizeProblem`. */
export function dedupFactsNormalized(norm: string, cfg: DedupConfig): DedupFacts {
  const key = `${cfg.num_perm}/${cfg.seed}`;
  let hasher = hashers.get(key);
  if (!hasher) hashers.set(key, (hasher = new MinHasher(cfg.num_perm, cfg.seed)));
  const bytes = encoder.encode(norm);
  const set = shingleSet(norm, { wordNgram: cfg.word_ngram, charNgram: cfg.char_ngram });
  const bands = new Uint32Array(cfg.bands);
  const sig = hasher.signature(set);
  MinHasher.bandHashes(sig, cfg.bands, cfg.rows, bands, 0);
  const low = new Uint8Array(sig.length);
  for (let i = 0; i < sig.length; i++) low[i] = sig[i] & 0xff;
  return {
    sketch: Buffer.from(low.buffer, low.byteOffset, low.length).toString('base64'),
    hi: murmur3Bytes(bytes, 0, bytes.length, EXACT_SEED_HI),
    lo: murmur3Bytes(bytes, 0, bytes.length, EXACT_SEED_LO),
    size: set.length,
    bands: Array.from(bands),
  };
}
