/**
 * Exact rationals (bigint) for the number cases: a rewriting is "equal" only when it denotes the
 * same rational, and a perturbation is "unequal" only when it denotes a different one.
 */

export interface Q { n: bigint; d: bigint } // d > 0, reduced

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a); b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

export function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new Error('zero denominator');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const eqQ = (a: Q, b: Q) => a.n === b.n && a.d === b.d;
export const addQ = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const mulQ = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);

/**
 * Reads a plain number as the data sets write it: integer, decimal, \frac{p}{q} / \dfrac /
 * \tfrac with integer parts, p/q, optional leading minus. Null for anything else.
 */
export function parseQ(s: string): Q | null {
  const t = s.trim().replace(/^\{(.*)\}$/, '$1');
  let m = /^(-?)(\d+)$/.exec(t);
  if (m) return q(BigInt(m[1] + m[2]));
  m = /^(-?)(\d*)\.(\d+)$/.exec(t);
  if (m) return q(BigInt(m[1] + (m[2] || '0') + m[3]), 10n ** BigInt(m[3].length));
  m = /^(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}$/.exec(t) ?? /^(-?)(\d+)\/(\d+)$/.exec(t);
  if (m && BigInt(m[3]) !== 0n) return q(BigInt(m[1] + m[2]), BigInt(m[3]));
  return null;
}

/** Terminating decimal of a rational, or null when it repeats. */
export function decimalOf(x: Q): string | null {
  let d = x.d, k = 0;
  while (d % 2n === 0n) { d /= 2n; k++; }
  let j = 0;
  while (d % 5n === 0n) { d /= 5n; j++; }
  if (d !== 1n) return null;
  const digits = Math.max(k, j);
  const scaled = (abs(x.n) * 10n ** BigInt(digits)) / x.d;
  let s = scaled.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return (x.n < 0n ? '-' : '') + s;
}

export function fracTex(x: Q, cmd = '\\frac'): string {
  if (x.d === 1n) return x.n.toString();
  return `${x.n < 0n ? '-' : ''}${cmd}{${abs(x.n)}}{${x.d}}`;
}

export function slash(x: Q): string {
  return x.d === 1n ? x.n.toString() : `${x.n}/${x.d}`;
}

/** Mixed number `2\frac{1}{3}` for improper fractions, else null. */
export function mixedTex(x: Q): string | null {
  if (x.d === 1n || abs(x.n) < x.d) return null;
  const w = abs(x.n) / x.d, r = abs(x.n) % x.d;
  return `${x.n < 0n ? '-' : ''}${w}\\frac{${r}}{${x.d}}`;
}

/** Integer with a thousands separator every three digits. */
export function grouped(n: bigint, sep: string): string {
  const s = abs(n).toString();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return (n < 0n ? '-' : '') + out;
}

/** `1.2 \times 10^{4}` for an integer with trailing zeros (exact), else null. */
export function scientific(n: bigint, times = '\\times'): string | null {
  if (n === 0n) return null;
  const s = abs(n).toString();
  const e = s.length - 1;
  if (e < 3) return null;
  const mant = s.replace(/0+$/, '');
  if (mant.length > 4) return null;
  const m = mant.length === 1 ? mant : `${mant[0]}.${mant.slice(1)}`;
  return `${n < 0n ? '-' : ''}${m} ${times} 10^{${e}}`;
}

export const toNumber = (x: Q) => Number(x.n) / Number(x.d);
