/** Element-level helpers for lists, tuples, intervals and matrices. */
import type { Rng } from '../synthetic/prng.ts';
import { sameNumber, otherNumber } from './perturb.ts';
import { sameValue } from './numeric-check.ts';
import { isNumber } from './kit.ts';

/** Whether two elements certainly differ in value (numeric check, or distinct plain numbers). */
export function differ(a: string, b: string): boolean {
  const v = sameValue(a, b);
  return v === false;
}

/** Whether all elements pairwise certainly differ. */
export function allDistinct(xs: readonly string[]): boolean {
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (!differ(xs[i], xs[j])) return false;
  return true;
}

/** One element rewritten without changing its value, or null. */
export function rewriteOne(xs: readonly string[], rng: Rng): [string[], string] | null {
  const spots = xs.map((x, i) => [i, sameNumber(x).filter(([, how]) => !['thousands comma', 'thousands space', 'scientific notation', 'mixed number'].includes(how))] as const).filter(([, s]) => s.length > 0);
  if (spots.length === 0) return null;
  const [i, opts] = rng.pick(spots);
  const [p, how] = rng.pick(opts);
  const ys = xs.slice();
  ys[i] = p;
  return [ys, `element ${i + 1}: ${how}`];
}

/** One element changed to a different value (numbers only, so the change is certain). */
export function perturbOne(xs: readonly string[], rng: Rng): [string[], string] | null {
  const spots = xs.map((x, i) => i).filter((i) => isNumber(xs[i]));
  if (spots.length === 0) return null;
  const i = rng.pick(spots);
  const o = otherNumber(xs[i], rng);
  if (!o) return null;
  const ys = xs.slice();
  ys[i] = o[0];
  return [ys, `element ${i + 1}: ${o[1]}`];
}

/** A different element order (never the identity). */
export function permute<T>(xs: readonly T[], rng: Rng): T[] {
  if (xs.length < 2 || xs.every((x) => x === xs[0])) return xs.slice();
  if (xs.length === 2) return [xs[1], xs[0]];
  for (;;) {
    const ys = rng.sample(xs, xs.length);
    if (ys.some((y, i) => y !== xs[i])) return ys;
  }
}
