import { fmix32 } from '../dedup/murmur3.ts';

/**
 * Index of the word n-grams of a set of token sequences (benchmark problems), answering "does
 * this token sequence share an n-gram with one of them, and where".
 *
 * A window's key is a 53-bit number built from two rolling hashes of its token hashes; every
 * hit is then verified token by token, so a hash collision can never produce a false
 * contamination.
 */
const KEY_SEED_LO = 0xb5297a4d;

/**
 * Bits of the key filter: one bit per (key mod 2^KEY_FILTER_BITS), set for every indexed key.
 * Almost every window of a query misses the benchmarks; the filter answers most of them with
 * one array read instead of a Map lookup on a 53-bit key (2 MB; about 1% of misses get through
 * at 200k indexed windows).
 */
const KEY_FILTER_BITS = 24;
const KEY_FILTER_MASK = (1 << KEY_FILTER_BITS) - 1;

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
  private readonly filter = new Uint32Array(1 << (KEY_FILTER_BITS - 5));

  constructor(n: number) {
    this.n = n;
  }

  add(tokens: string[]): void {
    const seq = this.seqs.length;
    this.seqs.push(tokens);
    const keys = windowKeys(hashTokens(tokens), this.n);
    for (let t = 0; t < keys.count; t++) {
      const key = keys.keys[t];
      const bit = (key >>> 0) & KEY_FILTER_MASK; // key mod 2^32, then its low bits
      this.filter[bit >>> 5] |= 1 << (bit & 31);
      const list = this.postings.get(key);
      if (list === undefined) this.postings.set(key, [seq, t]);
      else if (list.length < 64) list.push(seq, t); // boilerplate n-grams: a few postings suffice
    }
  }

  /** The first (earliest in the query) verified shared n-gram, or null. */
  find(tokens: string[]): NgramHit | null {
    return this.findShared(tokens, 1, null);
  }

  /**
   * The first indexed sequence that shares at least `minShared` verified n-grams (query
   * windows) with `tokens`, not counting windows whose key is in `skip` (boilerplate); the hit
   * names the first such window. Null when none does.
   */
  findShared(tokens: string[], minShared: number, skip: ReadonlySet<number> | null): NgramHit | null {
    if (tokens.length < this.n) return null;
    const { keys, count: windows } = windowKeys(hashTokens(tokens), this.n);
    const filter = this.filter;
    // made at the first verified window: almost every query has none
    let first: Map<number, NgramHit> | null = null;
    let count: Map<number, number> | null = null;
    let lastWindow: Map<number, number> | null = null; // a window counts once per sequence
    for (let t = 0; t < windows; t++) {
      const bit = (keys[t] >>> 0) & KEY_FILTER_MASK;
      if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
      const list = this.postings.get(keys[t]);
      if (list === undefined || skip?.has(keys[t])) continue;
      for (let k = 0; k < list.length; k += 2) {
        const seq = this.seqs[list[k]];
        const pos = list[k + 1];
        let len = 0;
        while (t + len < tokens.length && pos + len < seq.length && tokens[t + len] === seq[pos + len]) len++;
        if (len < this.n) continue;
        if (first === null || count === null || lastWindow === null) {
          first = new Map();
          count = new Map();
          lastWindow = new Map();
        }
        if (lastWindow.get(list[k]) === t) continue;
        lastWindow.set(list[k], t);
        const c = (count.get(list[k]) ?? 0) + 1;
        count.set(list[k], c);
        if (!first.has(list[k])) first.set(list[k], { seq: list[k], seqPos: pos, queryPos: t, length: len });
        if (c >= minShared) return first.get(list[k])!;
      }
    }
    return null;
  }

  /**
   * Keys of the query's windows that are verified n-grams of some indexed sequence (each key
   * once): what the boilerplate count of the training inputs needs.
   */
  sharedKeys(tokens: string[], out: Set<number>): void {
    if (tokens.length < this.n) return;
    const { keys, count: windows } = windowKeys(hashTokens(tokens), this.n);
    const filter = this.filter;
    for (let t = 0; t < windows; t++) {
      const bit = (keys[t] >>> 0) & KEY_FILTER_MASK;
      if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
      const list = this.postings.get(keys[t]);
      if (list === undefined || out.has(keys[t])) continue;
      const seq = this.seqs[list[0]];
      const pos = list[1];
      let len = 0;
      while (len < this.n && tokens[t + len] === seq[pos + len]) len++;
      if (len === this.n) out.add(keys[t]);
    }
  }

  /** The n-gram text of an indexed key (its first posting), or null. */
  ngramText(key: number): string | null {
    const list = this.postings.get(key);
    if (list === undefined) return null;
    return this.seqs[list[0]].slice(list[1], list[1] + this.n).join(' ');
  }
}

/** Key of one n-gram given as its tokens (for a stored boilerplate list). */
export function ngramKey(tokens: string[]): number {
  const { keys, count } = windowKeys(hashTokens(tokens), tokens.length);
  return count > 0 ? keys[0] : NaN; // no tokens: a key no window has
}

/**
 * Token hashes: FNV-1a over the UTF-16 code units, then murmur3's finaliser. In-memory only
 * (index and queries hash alike; hits are verified token by token), so it needs no encoding,
 * no allocation and no cache. The result is a view of a scratch array that the next call
 * overwrites (every caller is done with it before then).
 */
function hashTokens(tokens: string[]): Uint32Array {
  if (hashScratch.length < tokens.length) hashScratch = new Uint32Array(Math.max(tokens.length, 2 * hashScratch.length));
  const out = hashScratch.subarray(0, tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    let h = 0x811c9dc5;
    for (let c = 0; c < w.length; c++) h = Math.imul(h ^ w.charCodeAt(c), 0x01000193);
    out[i] = fmix32(h);
  }
  return out;
}

/**
 * Keys of every window of n token hashes, by two rolling polynomial hashes (mod 2^32, odd bases)
 * combined into a 53-bit number: O(1) per window instead of hashing n words each time. Keys
 * only find candidates; every hit is verified token by token.
 */
const BASE_HI = 0x01000193;
const BASE_LO = 0x5bd1e995;

function windowKeys(hashes: Uint32Array, n: number): WindowKeys {
  const count = hashes.length - n + 1;
  if (count <= 0) return { keys: keyScratch, count: 0 };
  let powHi = 1;
  let powLo = 1;
  for (let i = 1; i < n; i++) {
    powHi = Math.imul(powHi, BASE_HI);
    powLo = Math.imul(powLo, BASE_LO);
  }
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < n; i++) {
    hi = (Math.imul(hi, BASE_HI) + hashes[i]) | 0;
    lo = (Math.imul(lo, BASE_LO) + (hashes[i] ^ KEY_SEED_LO)) | 0;
  }
  if (keyScratch.length < count) keyScratch = new Float64Array(Math.max(count, 2 * keyScratch.length));
  const keys = keyScratch;
  for (let t = 0; ; t++) {
    keys[t] = ((hi >>> 0) & 0x1fffff) * 0x100000000 + (lo >>> 0);
    if (t + 1 >= count) break;
    const out = hashes[t];
    const inn = hashes[t + n];
    hi = (Math.imul(hi - Math.imul(out, powHi), BASE_HI) + inn) | 0;
    lo = (Math.imul(lo - Math.imul(out ^ KEY_SEED_LO, powLo), BASE_LO) + (inn ^ KEY_SEED_LO)) | 0;
  }
  return { keys, count };
}

/** Window keys in `keys[0 .. count)`: a scratch array that the next call overwrites. */
interface WindowKeys {
  keys: Float64Array;
  count: number;
}

/**
 * Scratch arrays of the token hashes and window keys, reused from call to call: a query's
 * arrays lived for one call, and allocating them per record was a fair part of its cost.
 */
let hashScratch = new Uint32Array(1024);
let keyScratch = new Float64Array(1024);
