import type { DedupConfig } from '../../schemas/config.ts';
import { MinHasher } from './minhash.ts';
import { murmur3Bytes } from './murmur3.ts';
import { normalizeProblem } from './normalize.ts';
import { questionTokensOf } from './question-tokens.ts';
import { shingleHashesOf } from './shingles.ts';
import { valueHashes } from './template-siblings.ts';
import { textBytes } from './text-bytes.ts';
import { tokenRanges } from './token-ranges.ts';

/** Seeds of the 64-bit exact-text hash (two murmur3 x86_32 halves of the normalised UTF-8). */
export const EXACT_SEED_HI = 0x2545f491;
export const EXACT_SEED_LO = 0x5bd1e995;

/**
 * Everything dedup needs of one record's text: a pure function of the problem and the config,
 * so the pipeline computes it on the worker threads during the per-record stages and the dedup
 * stage never normalises or shingles a text again.
 */
export interface DedupFacts {
  /** 64-bit exact hash of the normalised text. */
  hi: number;
  lo: number;
  /** LSH band hashes of the MinHash signature. */
  bands: Uint32Array;
  /**
   * b-bit MinHash sketch: the low 8 bits of every signature value. Two sketches agree in a
   * position with probability J + (1 - J)/256, so they estimate Jaccard well enough to skip
   * candidate pairs far below the threshold before computing their exact Jaccard.
   */
  sketch: Uint8Array;
  /** Unique shingle hashes in first-occurrence order (sorted copies give the exact Jaccard of candidate pairs). */
  set: Uint32Array;
  /** Sorted hashes of the value tokens (the template-sibling rule). */
  values: Uint32Array;
  /** Question tokens in text order (the "two problems, not one" rule, question-tokens.ts). */
  question: Uint32Array;
}

/** A record's dedup facts with its record index (what the dedup passes stream). */
export interface IndexedDedupFacts extends DedupFacts {
  index: number;
}

const hashers = new Map<string, MinHasher>();
let last: { numPerm: number; seed: number; hasher: MinHasher } | null = null;

/** The MinHasher of a config (the last one kept apart: no key string per record). */
function hasherFor(cfg: DedupConfig): MinHasher {
  if (last && last.numPerm === cfg.num_perm && last.seed === cfg.seed) return last.hasher;
  const key = `${cfg.num_perm}/${cfg.seed}`;
  let hasher = hashers.get(key);
  if (!hasher) hashers.set(key, (hasher = new MinHasher(cfg.num_perm, cfg.seed)));
  last = { numPerm: cfg.num_perm, seed: cfg.seed, hasher };
  return hasher;
}

export function dedupFacts(problem: string, cfg: DedupConfig): DedupFacts {
  return dedupFactsNormalized(normalizeProblem(problem), cfg, problem);
}

/** `dedupFacts` for text already passed through `normalizeProblem` (`original`: the text before). */
export function dedupFactsNormalized(norm: string, cfg: DedupConfig, original: string): DedupFacts {
  const hasher = hasherFor(cfg);
  // one encoding and one tokenisation of the text, shared by the hashes below
  const text = textBytes(norm);
  const tokens = tokenRanges(norm);
  const set = shingleHashesOf(text, tokens, { wordNgram: cfg.word_ngram, charNgram: cfg.char_ngram });
  const bands = new Uint32Array(cfg.bands);
  const sig = hasher.signature(set);
  MinHasher.bandHashes(sig, cfg.bands, cfg.rows, bands, 0);
  const sketch = new Uint8Array(sig.length);
  for (let i = 0; i < sig.length; i++) sketch[i] = sig[i] & 0xff;
  return {
    hi: murmur3Bytes(text.bytes, 0, text.length, EXACT_SEED_HI),
    lo: murmur3Bytes(text.bytes, 0, text.length, EXACT_SEED_LO),
    bands,
    sketch,
    set,
    values: valueHashes(norm, original),
    question: questionTokensOf(norm, tokens, original),
  };
}
