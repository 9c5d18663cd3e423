/** Exact rationals over BigInt, always normalised (den > 0, gcd(num, den) = 1). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

/** Results larger than this many bits are refused so hostile input (10^{10^{10}}) cannot stall us. */
export const MAX_BITS = 20_000;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) { n = -n; d = -d; }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  return x === 0n ? 0 : x.toString(16).length * 4;
}

export function add(a: Rational, b: Rational): Rational {
  return a.d === b.d ? rat(a.n + b.n, a.d) : rat(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Rational, b: Rational): Rational {
  return add(a, neg(b));
}
export function mul(a: Rational, b: Rational): Rational {
  return rat(a.n * b.n, a.d * b.d);
}
export function neg(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}
/** Null on division by zero. */
export function div(a: Rational, b: Rational): Rational | null {
  return b.n === 0n ? null : rat(a.n * b.d, a.d * b.n);
}
export function eq(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}
export function cmp(a: Rational, b: Rational): number {
  const l = a.n * b.d, r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function isInt(a: Rational): boolean {
  return a.d === 1n;
}

/** Integer power; null when the exponent is not an integer or the result would exceed MAX_BITS. */
export function pow(a: Rational, e: Rational): Rational | null {
  if (e.d !== 1n) return null;
  let k = e.n;
  if (a.n === 0n) return k > 0n ? ZERO : k === 0n ? ONE : null;
  if (a.d === 1n && (a.n === 1n)) return ONE;
  if (a.d === 1n && a.n === -1n) return k % 2n === 0n ? ONE : a;
  const inv = k < 0n;
  if (inv) k = -k;
  const bits = Math.max(bitLength(a.n), bitLength(a.d));
  if (Number(k) * bits > MAX_BITS) return null;
  const r = rat(a.n ** k, a.d ** k);
  return inv ? div(ONE, r) : r;
}

/** Exact integer square root when `x` is a perfect square, else null. */
function isqrtExact(x: bigint): bigint | null {
  if (x < 0n) return null;
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  // Newton refinement because the float estimate is off for large x.
  for (let i = 0; i < 200; i++) {
    const nr = (r + x / r) >> 1n;
    if (nr >= r && r * r <= x) break;
    r = nr;
  }
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r * r === x ? r : null;
}

export function sqrtExact(a: Rational): Rational | null {
  if (a.n < 0n) return null;
  if (bitLength(a.n) > MAX_BITS || bitLength(a.d) > MAX_BITS) return null;
  const n = isqrtExact(a.n), d = isqrtExact(a.d);
  return n !== null && d !== null ? rat(n, d) : null;
}

export function toNumber(a: Rational): number {
  const bn = bitLength(a.n), bd = bitLength(a.d);
  if (bn < 1000 && bd < 1000) return Number(a.n) / Number(a.d);
  // Scale both down so the quotient survives float conversion.
  const shift = BigInt(Math.max(0, Math.min(bn, bd) - 60));
  const n = Number(a.n >> shift), d = Number(a.d >> shift);
  return n / d;
}

export function toString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}

/** Parses a plain decimal literal such as "-12.50" into an exact rational. */
export function fromDecimal(s: string): Rational | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  const n = BigInt((m[2] || '0') + frac);
  const r = rat(n, 10n ** BigInt(frac.length));
  return m[1] ? neg(r) : r;
}

export function factorial(a: Rational): Rational | null {
  if (a.d !== 1n || a.n < 0n || a.n > 2000n) return null;
  let r = 1n;
  for (let i = 2n; i <= a.n; i++) r *= i;
  return rat(r);
}

export function binomial(n: Rational, k: Rational): Rational | null {
  if (n.d !== 1n || k.d !== 1n || n.n < 0n || n.n > 100_000n) return null;
  if (k.n < 0n || k.n > n.n) return ZERO;
  let kk = k.n < n.n - k.n ? k.n : n.n - k.n;
  if (kk > 2000n) return null;
  let r = 1n;
  for (let i = 1n; i <= kk; i++) r = (r * (n.n - kk + i)) / i;
  return rat(r);
}
