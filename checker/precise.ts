import { Decimal } from 'decimal.js';
import type { Expr } from './types.ts';

/**
 * High-precision real evaluation, for the constants that doubles cannot tell apart: 1/2004! and
 * 1/2006! both underflow to 0, 10^{20}+1 and 10^{20} round to the same double. Used only when the
 * exact rational evaluator gave up and the double values are outside the range where a relative
 * tolerance of 1e-9 is meaningful. Returns null for anything it cannot evaluate (complex values,
 * unknown functions): the caller then treats the pair as "unknown", which means not equal.
 */

const D80 = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
const D160 = Decimal.clone({ precision: 160, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
type Dec = InstanceType<typeof D80>;
type DecCtor = typeof D80;
let D: DecCtor = D80;

/** Factorials and binomials needing more factors than this are not evaluated (each factor costs ~1 µs). */
const MAX_FACTORS = 10_000;
/** Digits of agreement required: far more than any double, far less than the working precision. */
const AGREE = new D('1e-60');

const pi = (): Dec => D.acos(-1);

/** n! as a product rounded at working precision: relative error about n·10^-80, far below AGREE. */
function factorial(n: Dec): Dec | null {
  if (!n.isInteger() || n.isNeg() || n.gt(MAX_FACTORS)) return null;
  let r = new D(1);
  for (let i = 2, k = n.toNumber(); i <= k; i++) r = r.times(i);
  return r;
}

function binomial(n: Dec, k: Dec): Dec | null {
  if (!n.isInteger() || !k.isInteger() || n.isNeg()) return null;
  if (k.isNeg() || k.gt(n)) return new D(0);
  const m = D.min(k, n.minus(k));
  if (m.gt(MAX_FACTORS)) return null;
  let r = new D(1);
  for (let i = 1, top = m.toNumber(); i <= top; i++) r = r.times(n.minus(top).plus(i)).div(i);
  return r;
}

function ev(e: Expr, depth: number): Dec | null {
  if (depth > 200) return null;
  const d = depth + 1;
  switch (e.type) {
    case 'num': return new D(e.value.n.toString()).div(e.value.d.toString());
    case 'sym':
      if (e.name === 'pi') return pi();
      if (e.name === 'e') return D.exp(1);
      return null;
    case 'add': {
      let acc = new D(0);
      for (const a of e.args) { const v = ev(a, d); if (v === null) return null; acc = acc.plus(v); }
      return acc;
    }
    case 'mul': {
      let acc = new D(1);
      for (const a of e.args) { const v = ev(a, d); if (v === null) return null; acc = acc.times(v); }
      return acc;
    }
    case 'neg': { const v = ev(e.arg, d); return v === null ? null : v.neg(); }
    case 'div': {
      const a = ev(e.num, d), b = ev(e.den, d);
      return a === null || b === null || b.isZero() ? null : a.div(b);
    }
    case 'pow': {
      const b = ev(e.base, d), x = ev(e.exp, d);
      if (b === null || x === null) return null;
      if (b.isNeg() && !x.isInteger()) return null;
      if (x.abs().gt(1e7) && !b.abs().eq(1)) return null;
      const r = b.pow(x);
      return r.isFinite() ? r : null;
    }
    case 'pm': return null;
    case 'fn': return evFn(e, d);
  }
}

function evFn(e: Extract<Expr, { type: 'fn' }>, d: number): Dec | null {
  const args: Dec[] = [];
  for (const a of e.args) { const v = ev(a, d); if (v === null) return null; args.push(v); }
  const [a, b] = args;
  switch (e.name) {
    case 'sqrt': return a.isNeg() ? null : a.sqrt();
    case 'cbrt': return a.cbrt();
    case 'root': return b.isInteger() && b.gt(0) && !a.isNeg() ? a.pow(new D(1).div(b)) : null;
    case 'fact': return factorial(a);
    case 'exp': return a.abs().gt(1e9) ? null : a.exp();
    case 'ln': return a.gt(0) ? a.ln() : null;
    case 'log': return args.length === 2 ? (a.gt(0) && b.gt(0) && !b.eq(1) ? a.ln().div(b.ln()) : null) : (a.gt(0) ? a.ln() : null);
    case 'log10': return a.gt(0) ? a.log(10) : null;
    case 'abs': return a.abs();
    case 'sin': return a.abs().gt(1e6) ? null : a.sin();
    case 'cos': return a.abs().gt(1e6) ? null : a.cos();
    case 'tan': return a.abs().gt(1e6) ? null : a.tan();
    case 'binom': return binomial(a, b);
    default: return null;
  }
}

/**
 * Whether two constant expressions are equal at 80 significant digits: true, false, or null when
 * either cannot be evaluated here.
 */
export function preciseEqual(x: Expr, y: Expr): boolean | null {
  const diff = differenceAt(D80, x, y);
  if (diff === null) return null;
  if (diff.rel.lte(AGREE)) return true;
  if (!diff.tiny) return false;
  // |x - y| is below the working precision around zero: either rounding noise (sin π against 0), which
  // shrinks as precision grows, or a genuinely tiny value (1/2004! against 0), which does not.
  const finer = differenceAt(D160, x, y);
  if (finer === null) return null;
  return finer.abs.lt(diff.abs.times('1e-40'));
}

function differenceAt(ctor: DecCtor, x: Expr, y: Expr): { rel: Dec; abs: Dec; tiny: boolean } | null {
  D = ctor;
  let a: Dec | null, b: Dec | null;
  try {
    a = ev(x, 0);
    b = ev(y, 0);
  } catch {
    return null;
  } finally {
    D = D80;
  }
  if (a === null || b === null || !a.isFinite() || !b.isFinite()) return null;
  const abs = a.minus(b).abs();
  const scale = D80.max(a.abs(), b.abs());
  if (abs.isZero()) return { rel: abs, abs, tiny: false };
  return { rel: abs.div(scale), abs, tiny: (a.isZero() || b.isZero()) && scale.lt('1e-70') };
}

/** Doubles are trusted only where a relative tolerance of 1e-9 still separates distinct integers and underflow is far. */
export function floatsTrustworthy(v: number): boolean {
  const m = Math.abs(v);
  return Number.isFinite(m) && m < 1e8 && m > 1e-8;
}
