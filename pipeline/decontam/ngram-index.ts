import { murmur3String } from '../dedup/murmur3.ts';
import { murmur3Words } from '../dedup/minhash.ts';

/**
 * Index of the word n-grams of a set of token sequences (benchmark problems), answering "does
 * this token sequence share an n-gram with one of them, and where".
 *
 * A window's key is a 53-bit number built from two murmur3 hashes of its token hashes, so a
 * lookup allocates nothing; every hit is then verified token by token, so a hash collision can
 * never produce a false contamination.
 */
const TOKEN_SEED = 0x1b873593;
const KEY_SEED_HI = 0x68e31da4;
const KEY_SEED_LO = 0xb5297a4d;

export interface NgramHit {
  /** Index of the indexed sequence. */
  seq: number;
  /** Token position of the shared n-gram in the indexed sequence and in the query. */
  seqPos: number;
  queryPos: number;
  /** Length of the shared run, extended forward beyond n while tokens keep matching. */
  length: number;
}

export class NgramIndex {
  readonly n: number;
  private readonly seqs: string[][] = [];
  /** key -> flat [seq, pos, seq, pos, ...]. */
  private readonly postings = new Map<number, number[]>();
  private readonly tokenHashes = new Map<string, number>();

  constructor(n: number) {
    this.n = n;
  }

  add(tokens: string[]): void {
    const seq = this.seqs.length;
    this.seqs.push(tokens);
    const hashes = this.hashTokens(tokens);
    for (let t = 0; t + this.n <= tokens.length; t++) {
      const key = windowKey(hashes, t, this.n);
      const list = this.postings.get(key);
      if (list === undefined) this.postings.set(key, [seq, t]);
      else if (list.length < 64) list.push(seq, t); // boilerplate n-grams: a few postings suffice
    }
  }

  /** The first (earliest in the query) verified shared n-gram, or null. */
  find(tokens: string[]): NgramHit | null {
    if (tokens.length < this.n) return null;
    const hashes = this.hashTokens(tokens);
    for (let t = 0; t + this.n <= tokens.length; t++) {
      const list = this.postings.get(windowKey(hashes, t, this.n));
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k += 2) {
        const seq = this.seqs[list[k]];
        const pos = list[k + 1];
        let len = 0;
        while (t + len < tokens.length && pos + len < seq.length && tokens[t + len] === seq[pos + len]) len++;
        if (len >= this.n) return { seq: list[k], seqPos: pos, queryPos: t, length: len };
      }
    }
    return null;
  }

  private hashTokens(tokens: string[]): Uint32Array {
    const out = new Uint32Array(tokens.length);
    // The vocabulary cache is bounded so a long corpus scan cannot grow it without limit.
    if (this.tokenHashes.size > 1_000_000) this.tokenHashes.clear();
    for (let i = 0; i < tokens.length; i++) {
      let h = this.tokenHashes.get(tokens[i]);
      if (h === undefined) {
        h = murmur3String(tokens[i], TOKEN_SEED);
        this.tokenHashes.set(tokens[i], h);
      }
      out[i] = h;
    }
    return out;
  }
}

function windowKey(hashes: Uint32Array, t: number, n: number): number {
  const hi = murmur3Words(hashes, t, t + n, KEY_SEED_HI) & 0x1fffff;
  return hi * 0x100000000 + murmur3Words(hashes, t, t + n, KEY_SEED_LO);
}
