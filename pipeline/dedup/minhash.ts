import { fmix32, mulberry32 } from './murmur3.ts';

/**
 * MinHash signatures by one-permutation hashing with optimal densification (Li, Owen & Zhang
 * 2012; Shrivastava 2017), on typed arrays.
 *
 * Why not k independent permutations: that costs k hash evaluations per shingle (120 x ~240 per
 * problem, about half of all per-record CPU time in the pipeline); this costs one. The estimator
 * is the same: two signatures agree in a bin with probability equal to the sets' Jaccard.
 *
 * Scheme (documented for other languages in README.md): parameters from mulberry32(seed):
 * `mix = next()`, then `dens = next()`. For each shingle x (already a murmur3 hash),
 * h = fmix32(x XOR mix), a bijection of 32-bit ints; its bin is floor(h * numPerm / 2^32)
 * and the bin keeps the smallest h. An empty bin i takes the value of the first non-empty bin
 * among j_t = floor(fmix32(dens XOR (i * 0x9E3779B1 + t * 0x85EBCA77)) * numPerm / 2^32),
 * t = 0, 1, 2, ... (values of non-empty bins only, so the result does not depend on bin order).
 * The empty set gives 0xFFFFFFFF everywhere.
 *
 * Band hash k (rows r) = murmur3_x86_32 of the little-endian bytes of signature[k*r .. k*r+r-1],
 * seed k. Candidates are confirmed with the exact Jaccard of their shingle sets, never with the
 * signature estimate.
 */
export class MinHasher {
  readonly numPerm: number;
  readonly mix: number;
  readonly dens: number;
  private readonly sig: Uint32Array;
  private readonly filled: Uint8Array;

  constructor(numPerm: number, seed: number) {
    if (numPerm < 1 || numPerm > 65536) throw new Error(`MinHasher: numPerm must be 1..65536, got ${numPerm}`);
    this.numPerm = numPerm;
    const next = mulberry32(seed);
    this.mix = next();
    this.dens = next();
    this.sig = new Uint32Array(numPerm);
    this.filled = new Uint8Array(numPerm);
  }

  /** Signature of a shingle set (any order; repeats are harmless); the returned array is reused by the next call. */
  signature(shingles: Uint32Array): Uint32Array {
    const sig = this.sig.fill(0xffffffff);
    const filled = this.filled.fill(0);
    const k = this.numPerm;
    const n = shingles.length;
    if (n === 0) return sig;
    const mix = this.mix;
    let nonEmpty = 0;
    for (let j = 0; j < n; j++) {
      const h = fmix32((shingles[j] ^ mix) >>> 0);
      const bin = binOf(h, k);
      if (!filled[bin]) {
        filled[bin] = 1;
        nonEmpty++;
        sig[bin] = h;
      } else if (h < sig[bin]) sig[bin] = h;
    }
    if (nonEmpty === k) return sig;
    for (let i = 0; i < k; i++) {
      if (filled[i]) continue;
      for (let t = 0; ; t++) {
        const j = binOf(fmix32((this.dens ^ (Math.imul(i, 0x9e3779b1) + Math.imul(t, 0x85ebca77))) >>> 0), k);
        if (filled[j]) {
          sig[i] = sig[j];
          break;
        }
      }
    }
    return sig;
  }

  /** Writes `bands` band hashes of `sig` (rows per band `rows`) into `out` at `offset`. */
  static bandHashes(sig: Uint32Array, bands: number, rows: number, out: Uint32Array, offset: number): void {
    for (let k = 0; k < bands; k++) out[offset + k] = murmur3Words(sig, k * rows, k * rows + rows, k);
  }
}

/**
 * floor(h * k / 2^32) for a uint32 h and k <= 65536, in 32-bit integer steps (a quarter faster
 * than the float division): with h = hi * 2^16 + lo it is
 * floor((hi * k + floor(lo * k / 2^16)) / 2^16), and hi * k + 2^16 stays below 2^32.
 */
function binOf(h: number, k: number): number {
  return (Math.imul(h >>> 16, k) + (Math.imul(h & 0xffff, k) >>> 16)) >>> 16;
}

/** MurmurHash3 x86_32 of 32-bit words read as little-endian bytes (equal to murmur3Bytes on them). */
export function murmur3Words(words: Uint32Array, start: number, end: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    let k = Math.imul(words[i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= (end - start) * 4;
  return fmix32(h);
}
