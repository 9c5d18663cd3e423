import { describe, expect, it } from 'vitest';
import { MinHasher, murmur3Words } from '../../../pipeline/dedup/minhash.ts';
import { fmix32, murmur3Bytes, murmur3String, mulberry32 } from '../../../pipeline/dedup/murmur3.ts';
import { jaccard, jaccardAtLeast, shingleHashes, shingleSet } from '../../../pipeline/dedup/shingles.ts';

describe('murmur3', () => {
  it('matches reference MurmurHash3_x86_32 vectors', () => {
    expect(murmur3String('', 0)).toBe(0);
    expect(murmur3String('', 1)).toBe(0x514e28b7);
    expect(murmur3String('hello', 0)).toBe(0x248bfa47);
    expect(murmur3String('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
  });
  it('hashes words as their little-endian bytes', () => {
    const w = new Uint32Array([0x04030201, 0xdeadbeef]);
    const b = new Uint8Array(w.buffer);
    expect(murmur3Words(w, 0, 2, 9)).toBe(murmur3Bytes(b, 0, 8, 9));
  });
  it('draws the documented parameters from the seed', () => {
    const next = mulberry32(1);
    const mix = next();
    const dens = next();
    const h = new MinHasher(4, 1);
    expect(h.mix).toBe(mix);
    expect(h.dens).toBe(dens);
    expect(new MinHasher(4, 2).mix).not.toBe(h.mix);
  });
});

describe('shingles and MinHash', () => {
  const opts = { wordNgram: 3, charNgram: 5 };
  it('gives the same distinct hashes unsorted as sorted, first occurrences first', () => {
    const text = 'the the the cat sat on the mat and the cat sat on the hat '.repeat(40);
    const u = shingleHashes(text, opts);
    const s = shingleSet(text, opts);
    expect(new Set(u).size).toBe(u.length);
    expect(Array.from(u).sort((x, y) => x - y)).toEqual(Array.from(s));
  });
  it('covers short texts and computes exact Jaccard', () => {
    expect(shingleSet('ab', opts).length).toBeGreaterThan(0);
    const a = shingleSet('find the sum of all positive divisors of 36', opts);
    expect(jaccard(a, a)).toBe(1);
    const b = shingleSet('find the sum of all positive divisors of 37', opts);
    const j = jaccard(a, b);
    expect(j).toBeGreaterThan(0.6);
    expect(j).toBeLessThan(1);
  });
  it('signature agreement estimates Jaccard', () => {
    const h = new MinHasher(256, 1);
    const a = shingleSet('a train travels sixty miles in two hours and then rests for one hour before going on', opts);
    const b = shingleSet('a train travels sixty miles in two hours and then rests for half an hour before going on', opts);
    const sa = Array.from(h.signature(a));
    const sb = h.signature(b);
    let eq = 0;
    for (let i = 0; i < 256; i++) if (sa[i] === sb[i]) eq++;
    expect(Math.abs(eq / 256 - jaccard(a, b))).toBeLessThan(0.1);
  });
  it('puts each shingle in its documented bin and densifies empty bins from filled ones', () => {
    const h = new MinHasher(8, 1);
    const set = Uint32Array.of(1, 2, 3);
    const sig = Array.from(h.signature(set));
    const hashed = Array.from(set, (x) => fmix32((x ^ h.mix) >>> 0));
    // every value is one of the shingles' hashes, and each shingle's hash sits in its own bin
    for (const v of sig) expect(hashed).toContain(v);
    for (const x of hashed) {
      const bin = Math.floor((x * 8) / 2 ** 32);
      expect(sig[bin]).toBeLessThanOrEqual(x);
    }
    expect(Array.from(h.signature(new Uint32Array(0)))).toEqual(new Array(8).fill(0xffffffff));
    // order and repeats do not matter
    expect(Array.from(h.signature(Uint32Array.of(3, 1, 2, 1)))).toEqual(sig);
  });
  it('bins by floor(h * numPerm / 2^32) exactly (integer steps), up to numPerm 65536', () => {
    for (const k of [7, 120, 4096, 65536]) {
      const h = new MinHasher(k, 3);
      const set = Uint32Array.from({ length: 3000 }, (_x, i) => fmix32(i * 2654435761));
      const sig = h.signature(set);
      const min = new Map<number, number>();
      for (const x of set) {
        const v = fmix32((x ^ h.mix) >>> 0);
        const bin = Math.floor((v * k) / 2 ** 32);
        min.set(bin, Math.min(min.get(bin) ?? Infinity, v));
      }
      for (const [bin, v] of min) expect(sig[bin]).toBe(v);
    }
  });
});

describe('jaccardAtLeast', () => {
  it('equals jaccard at or above the bound and is below it otherwise', () => {
    const rand = mulberry32(5);
    for (let k = 0; k < 2000; k++) {
      const universe = 20 + (rand() % 200);
      const pick = () => Uint32Array.from(new Set(Array.from({ length: rand() % 120 }, () => rand() % universe))).sort();
      const a = pick();
      const b = rand() % 3 === 0 ? a : pick();
      const min = [0.5, 0.7, 0.8, 0.9][k % 4];
      const exact = jaccard(a, b);
      const got = jaccardAtLeast(a, b, min);
      if (exact >= min) expect(got).toBe(exact);
      else expect(got).toBeLessThan(min);
    }
  });
});

describe('murmur3String', () => {
  it('hashes ASCII and non-ASCII strings as their UTF-8 bytes', () => {
    for (const s of ['', '7', '\\times', '$x', 'a'.repeat(300), 'é', '数学 2', '😀']) {
      const b = new TextEncoder().encode(s);
      expect(murmur3String(s, 0x1b873593)).toBe(murmur3Bytes(b, 0, b.length, 0x1b873593));
    }
  });
});
