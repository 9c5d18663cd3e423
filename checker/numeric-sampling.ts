import type { C, Env } from './evaluate.ts';

/**
 * Seeded sample points: the same inputs always see the same points, so verdicts are deterministic
 * (dedup and RL rewards must be reproducible). Never Math.random.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` environments over `vars` (sorted so the assignment does not depend on reading order).
 * Values avoid 0 and ±1 and mix signs, which separates |x| from x and x² from x.
 */
export function samplePoints(vars: readonly string[], count: number, seed = 0x5eed): Env[] {
  const rnd = mulberry32(seed);
  const names = [...vars].sort();
  const out: Env[] = [];
  for (let k = 0; k < count; k++) {
    const env = new Map<string, C>();
    for (const v of names) {
      const mag = 0.35 + 2.3 * rnd();
      const sign = k % 3 === 2 ? -1 : 1;
      env.set(v, { re: sign * mag, im: 0 });
    }
    out.push(env);
  }
  return out;
}

/** Fixed probe values for one-variable conditions (inequalities, intervals), besides their own constants. */
export const LINE_PROBES: readonly number[] = [-1e6, -1234.5, -50.5, -10.3, -3.7, -1.3, -0.6, -0.1, 0, 0.1, 0.6, 1.3, 3.7, 10.3, 50.5, 1234.5, 1e6];
