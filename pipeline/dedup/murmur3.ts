/**
 * MurmurHash3 x86_32 (Austin Appleby's reference algorithm, public domain) over the UTF-8 bytes
 * of a string, plus the seeded PRNG used to draw MinHash parameters.
 *
 * Why our own: every hash in dedup must be reproducible in other languages (Python `mmh3.hash(s,
 * seed, signed=False)` gives the same value for the same UTF-8 bytes), and hashing byte ranges of
 * one pre-encoded buffer avoids allocating a substring per shingle.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3 x86_32 of `bytes[start, end)` with `seed`; unsigned 32-bit result. */
export function murmur3Bytes(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let h = seed >>> 0;
  const len = end - start;
  const blockEnd = start + (len & ~3);
  let i = start;
  for (; i < blockEnd; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (len & 3) {
    case 3:
      k ^= bytes[i + 2] << 16;
    // falls through
    case 2:
      k ^= bytes[i + 1] << 8;
    // falls through
    case 1:
      k ^= bytes[i];
      k = Math.imul(k, C1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, C2);
      h ^= k;
  }
  h ^= len;
  return fmix32(h);
}

/** MurmurHash3 finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (a fresh array; fine for one call per record). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

let scratch = new Uint8Array(1 << 12);

/**
 * MurmurHash3 x86_32 of `s[start, end)` when every code unit there is ASCII (so its UTF-8 is its
 * code units, read without the encoder), else -1.
 */
export function murmur3AsciiRange(s: string, start: number, end: number, seed: number): number {
  if (end - start > scratch.length) return -1;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return -1;
    scratch[i - start] = c;
  }
  return murmur3Bytes(scratch, 0, end - start, seed);
}

/**
 * MurmurHash3 x86_32 of a whole string's UTF-8 bytes (encoded into a reused buffer: no allocation
 * per call; a short ASCII string, a token, straight from its code units).
 */
export function murmur3String(s: string, seed: number): number {
  if (s.length <= 64) {
    const h = murmur3AsciiRange(s, 0, s.length, seed);
    if (h >= 0) return h;
  }
  if (scratch.length < s.length * 3) scratch = new Uint8Array(Math.max(s.length * 3, scratch.length * 2));
  const { written } = encoder.encodeInto(s, scratch);
  return murmur3Bytes(scratch, 0, written, seed);
}

/**
 * SplitMix32-style generator (Mulberry32 by Tommy Ettinger): state += 0x6D2B79F5, then two
 * xorshift-multiply rounds. Used only to draw MinHash permutation parameters from `seed`, so the
 * same seed gives the same parameters in every language that copies these five lines.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
