import { describe, expect, it } from 'vitest';
import { MinHasher, murmur3Words } from '../../../pipeline/dedup/minhash.ts';
import { murmur3Bytes, murmur3String, mulberry32 } from '../../../pipeline/dedup/murmur3.ts';
import { jaccard, shingleSet } from '../../../pipeline/dedup/shingles.ts';

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
  it('draws the documented permutation parameters from the seed', () => {
    const next = mulberry32(1);
    const a0 = next() | 1;
    const b0 = next();
    const h = new MinHasher(4, 1);
    expect(h.a[0]).toBe(a0 >>> 0);
    expect(h.b[0]).toBe(b0);
    expect(Array.from(new MinHasher(4, 1).a)).toEqual(Array.from(h.a));
    expect(Array.from(new MinHasher(4, 2).a)).not.toEqual(Array.from(h.a));
  });
});

describe('shingles and MinHash', () => {
  const opts = { wordNgram: 3, charNgram: 5 };
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
});
