import * as Q from './rational.ts';
import type { Rational } from './rational.ts';
import type { Expr } from './types.ts';

/**
 * Two evaluators: exact (rationals only, null as soon as a value is irrational or too large) and
 * numeric over complex doubles, for constants like π and √2 and for sampling expressions at points.
 */

export function evalExact(e: Expr): Rational | null {
  try {
    return exact(e);
  } catch {
    return null;
  }
}

function exact(e: Expr): Rational | null {
  switch (e.type) {
    case 'num': return e.value;
    case 'sym': return null;
    case 'add': {
      let acc = Q.ZERO;
      for (const a of e.args) {
        const v = exact(a);
        if (v === null) return null;
        acc = Q.add(acc, v);
      }
      return acc;
    }
    case 'mul': {
      let acc = Q.ONE;
      for (const a of e.args) {
        const v = exact(a);
        if (v === null) return null;
        acc = Q.mul(acc, v);
        if (Q.bitLength(acc.n) > Q.MAX_BITS || Q.bitLength(acc.d) > Q.MAX_BITS) return null;
      }
      return acc;
    }
    case 'neg': { const v = exact(e.arg); return v === null ? null : Q.neg(v); }
    case 'div': {
      const a = exact(e.num);
      if (a === null) return null;
      const b = exact(e.den);
      return b === null ? null : Q.div(a, b);
    }
    case 'pow': {
      const b = exact(e.base);
      if (b === null) return null;
      const x = exact(e.exp);
      if (x === null) return null;
      if (x.d === 1n) return Q.pow(b, x);
      // 8^{2/3}: exact only when the root is.
      if (x.d === 2n) {
        const r = Q.sqrtExact(b);
        return r === null ? null : Q.pow(r, Q.rat(x.n));
      }
      return rootExact(b, x.d) === null ? null : Q.pow(rootExact(b, x.d)!, Q.rat(x.n));
    }
    case 'pm': return null;
    case 'fn': return exactFn(e.name, e.args);
  }
}

function rootExact(b: Rational, k: bigint): Rational | null {
  if (k > 64n) return null;
  const f = Q.toNumber(b);
  const negative = f < 0;
  if (negative && k % 2n === 0n) return null;
  const guess = (x: bigint): bigint | null => {
    const ax = x < 0n ? -x : x;
    const r = BigInt(Math.round(Math.abs(Q.toNumber(Q.rat(ax))) ** (1 / Number(k))));
    for (const c of [r - 1n, r, r + 1n]) if (c >= 0n && c ** k === ax) return x < 0n ? -c : c;
    return null;
  };
  if (Q.bitLength(b.n) > 200 || Q.bitLength(b.d) > 200) return null;
  const n = guess(b.n), d = guess(b.d);
  return n !== null && d !== null ? Q.rat(n, d) : null;
}

function exactFn(name: string, args: Expr[]): Rational | null {
  const vals: Rational[] = [];
  for (const a of args) {
    const v = exact(a);
    if (v === null) return null;
    vals.push(v);
  }
  const [a, b] = vals;
  switch (name) {
    case 'sqrt': return Q.sqrtExact(a);
    case 'root': return b.d === 1n && b.n > 0n ? rootExact(a, b.n) : null;
    case 'cbrt': return rootExact(a, 3n);
    case 'abs': return a.n < 0n ? Q.neg(a) : a;
    case 'fact': return Q.factorial(a);
    case 'binom': return Q.binomial(a, b);
    case 'floor': return Q.rat(floorDiv(a.n, a.d));
    case 'ceil': return Q.rat(-floorDiv(-a.n, a.d));
    case 'ratio': return vals.length === 2 ? Q.div(a, b) : null;
    case 'mod': return vals.length === 2 && a.d === 1n && b.d === 1n && b.n !== 0n ? Q.rat(((a.n % b.n) + b.n) % b.n) : null;
    case 'gcd': case 'lcm': {
      if (!vals.every((v) => v.d === 1n)) return null;
      let g = vals[0].n < 0n ? -vals[0].n : vals[0].n;
      for (const v of vals.slice(1)) {
        let x = v.n < 0n ? -v.n : v.n;
        if (name === 'gcd') { let y = g; while (x) [y, x] = [x, y % x]; g = y; }
        else { let p = g, q = x; while (q) [p, q] = [q, p % q]; g = p === 0n ? 0n : (g / p) * x; }
      }
      return Q.rat(g);
    }
    case 'max': case 'min': {
      let best = vals[0];
      for (const v of vals) if ((Q.cmp(v, best) > 0) === (name === 'max') && !Q.eq(v, best)) best = v;
      return best;
    }
    case 'log': {
      // log_b(a) is rational only when both are powers of a common base; the common cases are integer powers.
      if (vals.length !== 2 || b === undefined) return null;
      return exactLog(a, b);
    }
    case 'logb': return null;
    default: return null;
  }
}

function exactLog(a: Rational, base: Rational): Rational | null {
  if (a.n <= 0n || base.n <= 0n || Q.eq(base, Q.ONE)) return null;
  if (Q.eq(a, Q.ONE)) return Q.ZERO;
  const guess = Math.log(Q.toNumber(a)) / Math.log(Q.toNumber(base));
  if (!Number.isFinite(guess)) return null;
  for (let den = 1; den <= 6; den++) {
    const num = Math.round(guess * den);
    if (Math.abs(num / den - guess) > 1e-9 || Math.abs(num) > 4000) continue;
    const lhs = Q.pow(a, Q.rat(BigInt(den)));
    const rhs = Q.pow(base, Q.rat(BigInt(num)));
    if (lhs && rhs && Q.eq(lhs, rhs)) return Q.rat(BigInt(num), BigInt(den));
  }
  return null;
}

function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? q - 1n : q;
}

// ---------------------------------------------------------------------------------------------
// Complex numeric evaluation

export interface C { re: number; im: number }
const c = (re: number, im = 0): C => ({ re, im });
const NAN: C = c(NaN, NaN);

const cadd = (a: C, b: C): C => c(a.re + b.re, a.im + b.im);
const cmul = (a: C, b: C): C => (a.im === 0 && b.im === 0 ? c(a.re * b.re) : c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re));
function cdiv(a: C, b: C): C {
  if (b.im === 0 && a.im === 0) return b.re === 0 ? NAN : c(a.re / b.re);
  const d = b.re * b.re + b.im * b.im;
  if (d === 0) return NAN;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}
const cabs = (a: C): number => Math.hypot(a.re, a.im);
function cexp(a: C): C { const m = Math.exp(a.re); return a.im === 0 ? c(m) : c(m * Math.cos(a.im), m * Math.sin(a.im)); }
function clog(a: C): C { return a.im === 0 && a.re > 0 ? c(Math.log(a.re)) : c(Math.log(cabs(a)), Math.atan2(a.im, a.re)); }
function csqrt(a: C): C {
  if (a.im === 0) return a.re >= 0 ? c(Math.sqrt(a.re)) : c(0, Math.sqrt(-a.re));
  const m = cabs(a);
  const re = Math.sqrt((m + a.re) / 2);
  const im = Math.sign(a.im) * Math.sqrt((m - a.re) / 2);
  return c(re, im);
}
function cpow(a: C, b: C, exactExp: Rational | null): C {
  if (b.im === 0 && a.im === 0) {
    // Real base with an odd-denominator rational exponent: the real root, as (-8)^{1/3} = -2 in school math.
    if (a.re < 0 && exactExp !== null && exactExp.d % 2n === 1n) {
      const r = Math.pow(-a.re, b.re);
      return c(exactExp.n % 2n === 0n ? r : -r);
    }
    if (a.re >= 0 || Number.isInteger(b.re)) return c(Math.pow(a.re, b.re));
  }
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let r = c(1);
    const k = Math.abs(b.re);
    for (let j = 0; j < k; j++) r = cmul(r, a);
    return b.re < 0 ? cdiv(c(1), r) : r;
  }
  if (a.re === 0 && a.im === 0) return b.re > 0 ? c(0) : NAN;
  return cexp(cmul(b, clog(a)));
}
function csin(a: C): C { return a.im === 0 ? c(Math.sin(a.re)) : c(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im)); }
function ccos(a: C): C { return a.im === 0 ? c(Math.cos(a.re)) : c(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im)); }

function realOnly(f: (x: number) => number): (a: C) => C {
  return (a) => (Math.abs(a.im) > 1e-12 * Math.max(1, Math.abs(a.re)) ? NAN : c(f(a.re)));
}

function gamma(x: number): number {
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    if (x > 171) return Infinity;
    let r = 1;
    for (let k = 2; k < x; k++) r *= k;
    return r;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  // Lanczos approximation.
  const g = 7;
  const p = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = p[0];
  const t = x + g + 0.5;
  for (let k = 1; k < 9; k++) a += p[k] / (x + k);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}

/** Deterministic stand-in for an unknown function f: distinct names give unrelated smooth functions. */
function hashName(s: string): number {
  let h = 2166136261;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
  return ((h >>> 0) % 10007) / 10007;
}
function unknownFn(name: string, args: C[]): C {
  const h = hashName(name);
  let acc = c(0.3 + h);
  args.forEach((a, k) => {
    const w = 1.1 + h + 0.37 * k;
    acc = cadd(acc, cadd(csin(cmul(c(w), a)), cmul(c(0.5 + h * (k + 1)), a)));
  });
  return acc;
}

export type Env = ReadonlyMap<string, C>;

export function evalNumeric(e: Expr, env: Env = new Map()): C {
  try {
    return num(e, env, 0);
  } catch {
    return NAN;
  }
}

function num(e: Expr, env: Env, depth: number): C {
  if (depth > 400) return NAN;
  const d = depth + 1;
  switch (e.type) {
    case 'num': return c(Q.toNumber(e.value));
    case 'sym': {
      const v = env.get(e.name);
      if (v) return v;
      if (e.name === 'pi') return c(Math.PI);
      if (e.name === 'e') return c(Math.E);
      if (e.name === 'i') return c(0, 1);
      if (e.name === 'inf') return c(Infinity);
      return NAN;
    }
    case 'add': {
      let acc = c(0);
      for (const a of e.args) acc = cadd(acc, num(a, env, d));
      return acc;
    }
    case 'mul': {
      let acc = c(1);
      for (const a of e.args) acc = cmul(acc, num(a, env, d));
      return acc;
    }
    case 'neg': { const v = num(e.arg, env, d); return c(-v.re, -v.im); }
    case 'div': return cdiv(num(e.num, env, d), num(e.den, env, d));
    case 'pow': {
      const ex = e.exp.type === 'num' ? e.exp.value : e.exp.type === 'neg' && e.exp.arg.type === 'num' ? Q.neg(e.exp.arg.value)
        : e.exp.type === 'div' ? evalExact(e.exp) : null;
      return cpow(num(e.base, env, d), num(e.exp, env, d), ex);
    }
    case 'pm': return NAN;
    case 'fn': return numFn(e, env, d);
  }
}

function numFn(e: Extract<Expr, { type: 'fn' }>, env: Env, d: number): C {
  const { name } = e;
  if (name === 'sum' || name === 'prod') return bigOp(e, env, d);
  const args = e.args.map((a) => num(a, env, d));
  const [a, b] = args;
  if (name.startsWith('apply:') || name.startsWith('sub:')) return unknownFn(name, args);
  switch (name) {
    case 'sqrt': return csqrt(a);
    case 'root': {
      const k = evalExact(e.args[1]);
      return cpow(a, cdiv(c(1), b), k && k.n !== 0n ? Q.div(Q.ONE, k) : null);
    }
    case 'cbrt': return cpow(a, c(1 / 3), Q.rat(1n, 3n));
    case 'sin': return csin(a);
    case 'cos': return ccos(a);
    case 'tan': return cdiv(csin(a), ccos(a));
    case 'cot': return cdiv(ccos(a), csin(a));
    case 'sec': return cdiv(c(1), ccos(a));
    case 'csc': return cdiv(c(1), csin(a));
    case 'arcsin': return realOnly(Math.asin)(a);
    case 'arccos': return realOnly(Math.acos)(a);
    case 'arctan': return realOnly(Math.atan)(a);
    case 'sinh': return realOnly(Math.sinh)(a);
    case 'cosh': return realOnly(Math.cosh)(a);
    case 'tanh': return realOnly(Math.tanh)(a);
    case 'exp': return cexp(a);
    case 'ln': return clog(a);
    case 'log': return args.length === 2 ? cdiv(clog(a), clog(b)) : clog(a);
    case 'log10': return cdiv(clog(a), c(Math.LN10));
    case 'abs': return c(cabs(a));
    case 'fact': return realOnly((x) => gamma(x + 1))(a);
    case 'dfact': return realOnly((x) => { let r = 1; for (let k = x; k > 1 && r < Infinity; k -= 2) r *= k; return Number.isInteger(x) ? r : NaN; })(a);
    case 'binom': {
      if (a.im || b.im) return NAN;
      return c(gamma(a.re + 1) / (gamma(b.re + 1) * gamma(a.re - b.re + 1)));
    }
    case 'floor': return realOnly(Math.floor)(a);
    case 'ceil': return realOnly(Math.ceil)(a);
    case 'ratio': return args.length === 2 ? cdiv(a, b) : NAN;
    case 'mod': return args.length === 2 ? realOnly((x) => ((x % b.re) + b.re) % b.re)(a) : NAN;
    case 'max': case 'min': {
      if (args.some((x) => x.im !== 0)) return NAN;
      return c(name === 'max' ? Math.max(...args.map((x) => x.re)) : Math.min(...args.map((x) => x.re)));
    }
    case 'gcd': case 'lcm': {
      const ex = evalExact(e);
      return ex ? c(Q.toNumber(ex)) : NAN;
    }
    case 'det': return NAN;
    default: return NAN;
  }
}

/** Sums and products with numeric bounds of at most 10,000 terms are computed; anything else is unknown. */
function bigOp(e: Extract<Expr, { type: 'fn' }>, env: Env, d: number): C {
  const [idx, loE, hiE, body] = e.args;
  if (idx.type !== 'sym') return NAN;
  const lo = num(loE, env, d), hi = num(hiE, env, d);
  if (lo.im || hi.im || !Number.isInteger(lo.re) || !Number.isInteger(hi.re) || hi.re - lo.re > 10_000) {
    return NAN; // symbolic bounds: left to canonical comparison
  }
  let acc = c(e.name === 'sum' ? 0 : 1);
  const inner = new Map(env);
  for (let k = lo.re; k <= hi.re; k++) {
    inner.set(idx.name, c(k));
    const v = num(body, inner, d);
    acc = e.name === 'sum' ? cadd(acc, v) : cmul(acc, v);
  }
  return acc;
}

export function isFiniteC(v: C): boolean {
  return Number.isFinite(v.re) && Number.isFinite(v.im);
}
