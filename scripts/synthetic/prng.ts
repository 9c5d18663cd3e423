/**
 * Seeded randomness for the synthetic corpus. Never Math.random: every draw comes from a
 * mulberry32 stream whose seed is a hash of (global seed, stream name, item index), so any item
 * can be regenerated on its own (duplicates re-derive their original instead of storing it).
 */

import { fmix32 } from '../../pipeline/dedup/murmur3.ts';

export { fmix32 };

/** FNV-1a of a string, then mixed: a stable 32-bit id for stream names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

/** Combines a seed with up to three integers into one 32-bit seed. */
export function mix(seed: number, a: number, b = 0, c = 0): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32((h ^ Math.imul(a >>> 0, 0xcc9e2d51)) >>> 0);
  h = fmix32((h + Math.imul(b >>> 0, 0x1b873593) + 0x6b43a9b5) >>> 0);
  h = fmix32((h ^ Math.imul(c >>> 0, 0x27d4eb2f)) >>> 0);
  return h;
}

/** A uniform number in [0, 1) from one hash, for cheap yes/no decisions without a stream. */
export function hash01(seed: number, a: number, b = 0, c = 0): number {
  return mix(seed, a, b, c) / 4294967296;
}

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** Index drawn with the given non-negative weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** k distinct items (order random). */
  sample<T>(xs: readonly T[], k: number): T[] {
    const a = xs.slice();
    const n = Math.min(k, a.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (a.length - i));
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a.slice(0, n);
  }
}

/** The stream of one item: (seed, stream name, index) → independent generator. */
export function itemRng(seed: number, stream: string, index: number, salt = 0): Rng {
  return new Rng(mix(seed, hashString(stream), index, salt));
}
