import * as Q from './rational.ts';
import { evalExact, evalNumeric, isFiniteC, type C, type Env } from './evaluate.ts';
import { bareDecimal, freeSymbols, hasDecimal, hasUnknownFunction, isInfinity, renameSymbols } from './expr-utils.ts';
import { LINE_PROBES, samplePoints } from './numeric-sampling.ts';
import { canonicalOf } from './canonical.ts';
import { floatsTrustworthy, preciseEqual } from './precise.ts';
import { isDefinition, toInterval } from './interpret.ts';
import type { CompareOptions, Expr, Interval, ParsedAnswer, RelOp } from './types.ts';

export type ResolvedOptions = Required<CompareOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  decimalPolicy: 'rounded',
  minSignificantDigits: 3,
  relTol: 1e-9,
  samples: 8,
};

/** Pairwise item comparisons allowed when matching two lists, so long lists cannot blow the time bound. */
const MAX_PAIRWISE = 2500;

function close(a: C, b: C, tol: number): boolean {
  const scale = Math.max(1, Math.hypot(a.re, a.im), Math.hypot(b.re, b.im));
  return Math.abs(a.re - b.re) <= tol * scale && Math.abs(a.im - b.im) <= tol * scale;
}

function sigDigits(text: string): number {
  return text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
}

/** Whether the exact value rounds (half up) or truncates to the decimal written with `places` places. */
function roundsTo(v: Q.Rational, decimalValue: Q.Rational, places: number): boolean {
  const scale = 10n ** BigInt(places);
  const scaled = Q.mul(v, Q.rat(scale));
  const target = Q.mul(decimalValue, Q.rat(scale)); // an integer
  const floor = scaled.n >= 0n ? scaled.n / scaled.d : -((-scaled.n + scaled.d - 1n) / scaled.d);
  const half = Q.add(scaled, Q.rat(1n, 2n));
  const rounded = half.n >= 0n ? half.n / half.d : -((-half.n + half.d - 1n) / half.d);
  const trunc = scaled.n / scaled.d; // toward zero
  return target.n === rounded || target.n === trunc || target.n === floor;
}

function roundsToFloat(v: number, d: number, places: number): boolean {
  const unit = 10 ** -places;
  const slack = 1e-12 * Math.max(1, Math.abs(v));
  if (Math.abs(v - d) <= unit / 2 + slack) return true;
  const diff = v - d; // truncation toward zero
  return d !== 0 ? Math.sign(diff) === Math.sign(d) && Math.abs(diff) < unit + slack : Math.abs(diff) < unit;
}

/** Compares two constant expressions under the decimal policy. */
function compareConstants(x: Expr, y: Expr, o: ResolvedOptions): boolean {
  const ex = evalExact(x), ey = evalExact(y);
  const dx = hasDecimal(x), dy = hasDecimal(y);
  if (ex !== null && ey !== null) {
    if (Q.eq(ex, ey)) return true;
    if (o.decimalPolicy === 'exact') return false;
    if (o.decimalPolicy === 'tolerance') return close({ re: Q.toNumber(ex), im: 0 }, { re: Q.toNumber(ey), im: 0 }, o.relTol);
    if (!dx && !dy) return false;
    return roundedMatch(x, ex, y, ey, o);
  }
  if (isRatio(x) && isRatio(y) && x.args.length === y.args.length && (ex === null || ey === null)) {
    return x.args.every((a, k) => compareConstants(a, y.args[k], o));
  }
  const vx = evalNumeric(x), vy = evalNumeric(y);
  const real = isFiniteC(vx) && isFiniteC(vy) && vx.im === 0 && vy.im === 0;
  // Doubles cannot tell 1/2004! from 1/2006! (both 0) nor 10^{20}+1 from 10^{20}: decide those at
  // 80 digits, and when even that cannot evaluate them the answer is "unknown", hence not equal.
  if (!isFiniteC(vx) || !isFiniteC(vy) || (real && !(floatsTrustworthy(vx.re) && floatsTrustworthy(vy.re)) && o.decimalPolicy !== 'tolerance')) {
    if (hasDecimal(x) || hasDecimal(y)) {
      if (!isFiniteC(vx) || !isFiniteC(vy)) return false;
    } else {
      return preciseEqual(x, y) === true;
    }
  }
  if (o.decimalPolicy === 'tolerance') return close(vx, vy, Math.max(o.relTol, 1e-6));
  if (close(vx, vy, o.relTol)) return true;
  if (o.decimalPolicy === 'exact' || (!dx && !dy) || vx.im !== 0 || vy.im !== 0) return false;
  for (const [dec, other] of [[x, vy], [y, vx]] as const) {
    const b = bareDecimal(dec);
    if (b && sigDigits(b.text) >= o.minSignificantDigits) {
      const d = Q.toNumber(evalExact(dec)!);
      if (roundsToFloat(other.re, d, b.places)) return true;
    }
  }
  return false;
}

function isRatio(e: Expr): e is Extract<Expr, { type: 'fn' }> {
  return e.type === 'fn' && e.name === 'ratio';
}

function roundedMatch(x: Expr, ex: Q.Rational, y: Expr, ey: Q.Rational, o: ResolvedOptions): boolean {
  const bx = bareDecimal(x), by = bareDecimal(y);
  // The side written with fewer decimal places is the rounded one.
  const candidates: Array<[NonNullable<typeof bx>, Q.Rational, Q.Rational]> = [];
  if (bx && (!by || bx.places <= by.places)) candidates.push([bx, ex, ey]);
  if (by && (!bx || by.places <= bx.places)) candidates.push([by, ey, ex]);
  for (const [dec, decVal, other] of candidates) {
    if (sigDigits(dec.text) < o.minSignificantDigits) continue;
    if (roundsTo(other, decVal, dec.places)) return true;
  }
  return false;
}

/** Expressions with free variables: equal values at every seeded sample point. */
function compareExpressions(x: Expr, y: Expr, o: ResolvedOptions): boolean {
  const vars = new Set([...freeSymbols(x), ...freeSymbols(y)]);
  if (vars.size === 0) return compareConstants(x, y, o);
  let valid = 0;
  for (const env of samplePoints([...vars], o.samples)) {
    const a = evalNumeric(x, env), b = evalNumeric(y, env);
    const fa = isFiniteC(a), fb = isFiniteC(b);
    if (!fa && !fb) continue;
    if (fa !== fb) return false;
    if (!close(a, b, Math.max(o.relTol, 1e-8))) {
      // Off the real domain (ln x at x < 0) identities such as ln(xy) = ln x + ln y break on branch cuts:
      // such points are inconclusive, not a difference.
      if (Math.abs(a.im) > 1e-12 || Math.abs(b.im) > 1e-12) continue;
      return false;
    }
    valid++;
  }
  return valid >= Math.min(3, o.samples);
}

/** Equations are equal when lhs−rhs of one is a non-zero constant multiple of the other's. */
function compareEquations(l1: Expr, r1: Expr, l2: Expr, r2: Expr, o: ResolvedOptions): boolean {
  const d1: Expr = { type: 'add', args: [l1, { type: 'neg', arg: r1 }] };
  const d2: Expr = { type: 'add', args: [l2, { type: 'neg', arg: r2 }] };
  const vars = new Set([...freeSymbols(d1), ...freeSymbols(d2)]);
  if (vars.size === 0) return false;
  let ratio: C | null = null;
  let valid = 0;
  for (const env of samplePoints([...vars], Math.max(o.samples, 6), 0xe9a7)) {
    const a = evalNumeric(d1, env), b = evalNumeric(d2, env);
    if (!isFiniteC(a) || !isFiniteC(b)) continue;
    const za = Math.hypot(a.re, a.im) < 1e-10, zb = Math.hypot(b.re, b.im) < 1e-10;
    if (za || zb) {
      if (za !== zb) return false;
      continue;
    }
    const d = b.re * b.re + b.im * b.im;
    const r: C = { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
    if (ratio === null) ratio = r;
    else if (!close(ratio, r, 1e-7)) return false;
    valid++;
  }
  return valid >= 3;
}

// ---------------------------------------------------------------------------------------------
// Subsets of the real line: intervals, inequalities, tuples read as open intervals

type Pred = { test: (t: number) => boolean; consts: number[] };
const EPS = 1e-10;

function holds(a: number, op: RelOp, b: number): boolean {
  const s = EPS * Math.max(1, Number.isFinite(a) ? Math.abs(a) : 0, Number.isFinite(b) ? Math.abs(b) : 0);
  switch (op) {
    case '<': return a < b - s;
    case '<=': return a <= b + s;
    case '>': return a > b + s;
    case '>=': return a >= b - s;
    case '=': return Math.abs(a - b) <= s;
    case '!=': return Math.abs(a - b) > s;
    default: return false;
  }
}

function realValue(e: Expr, env?: Env): number {
  const v = evalNumeric(e, env);
  return v.im === 0 ? v.re : NaN;
}

function intervalPred(parts: Interval[]): Pred | null {
  const ends = parts.map((p) => ({ lo: realValue(p.lo), hi: realValue(p.hi), p }));
  if (ends.some((e) => Number.isNaN(e.lo) || Number.isNaN(e.hi))) return null;
  return {
    consts: ends.flatMap((e) => [e.lo, e.hi]).filter(Number.isFinite),
    test: (t) => ends.some(({ lo, hi, p }) => holds(t, p.loClosed ? '>=' : '>', lo) && holds(t, p.hiClosed ? '<=' : '<', hi)),
  };
}

function inequalityPred(parts: Expr[], ops: RelOp[]): Pred | null {
  const nonConst = parts.map((p, k) => (freeSymbols(p).size > 0 ? k : -1)).filter((k) => k >= 0);
  if (nonConst.length !== 1) {
    if (nonConst.length === 0) return null;
    // Several members with the same single variable (2x < x + 3): substitute it in all of them.
    const vars = new Set(parts.flatMap((p) => [...freeSymbols(p)]));
    if (vars.size !== 1 || parts.some(hasUnknownFunction)) return null;
    const v = [...vars][0];
    return {
      consts: parts.filter((p) => freeSymbols(p).size === 0).map((p) => realValue(p)).filter(Number.isFinite),
      test: (t) => {
        const env = new Map([[v, { re: t, im: 0 }]]);
        const vals = parts.map((p) => realValue(p, env));
        return ops.every((op, k) => holds(vals[k], op, vals[k + 1]));
      },
    };
  }
  const idx = nonConst[0];
  const target = parts[idx];
  const consts = parts.map((p, k) => (k === idx ? NaN : realValue(p)));
  const vars = freeSymbols(target);
  // With one variable, "1 ≤ |z| ≤ 3/2" is a condition on z; otherwise the middle term itself is the quantity.
  const single = vars.size === 1 && !hasUnknownFunction(target) ? [...vars][0] : null;
  const valueAt = (t: number) => (single === null ? t : realValue(target, new Map([[single, { re: t, im: 0 }]])));
  const extra: number[] = [];
  if (single !== null) {
    // Where the middle term crosses a bound, approximately: probe a coarse grid for sign changes.
    for (const c of consts.filter(Number.isFinite)) extra.push(c, -c, Math.sqrt(Math.abs(c)), -Math.sqrt(Math.abs(c)));
  }
  return {
    consts: [...consts.filter(Number.isFinite), ...extra],
    test: (t) => {
      const vals = parts.map((_, k) => (k === idx ? valueAt(t) : consts[k]));
      return ops.every((op, k) => holds(vals[k], op, vals[k + 1]));
    },
  };
}

function realSetPred(a: ParsedAnswer): Pred | null {
  if (a.kind === 'interval') return intervalPred(a.parts);
  if (a.kind === 'inequality') return inequalityPred(a.parts, a.ops);
  if (a.kind === 'tuple') {
    const iv = toInterval(a);
    return iv ? intervalPred([iv]) : null;
  }
  if (a.kind === 'set' && a.items.length === 1) return realSetPred(a.items[0]);
  // "x < 2 or x > 3": a bare list of conditions on the line is their union.
  if (a.kind === 'set' && !a.braces && a.items.every((x) => x.kind === 'inequality' || x.kind === 'interval')) {
    const preds = a.items.map(realSetPred);
    if (preds.some((p) => p === null)) return null;
    const ps = preds as Pred[];
    return { consts: ps.flatMap((p) => p.consts), test: (t) => ps.some((p) => p.test(t)) };
  }
  return null;
}

function compareRealSets(a: Pred, b: Pred): boolean {
  const probes = new Set<number>(LINE_PROBES);
  for (const c of [...a.consts, ...b.consts]) {
    const d = 1e-7 * Math.max(1, Math.abs(c));
    probes.add(c); probes.add(c - d); probes.add(c + d); probes.add(c - 0.37); probes.add(c + 0.37);
  }
  for (const t of probes) if (a.test(t) !== b.test(t)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------

function matchSets(xs: ParsedAnswer[], ys: ParsedAnswer[], o: ResolvedOptions): boolean {
  if (xs.length === 0 || ys.length === 0) return xs.length === ys.length;
  const cx = xs.map(canonicalOf), cy = ys.map(canonicalOf);
  const sy = new Set(cy), sx = new Set(cx);
  let budget = MAX_PAIRWISE;
  const covered = (i: number, from: ParsedAnswer[], fromC: (string | null)[], to: ParsedAnswer[], toSet: Set<string | null>) => {
    if (fromC[i] !== null && toSet.has(fromC[i])) return true;
    for (const t of to) {
      if (--budget < 0) return false;
      if (compareAnswers(from[i], t, o)) return true;
    }
    return false;
  };
  for (let i = 0; i < xs.length; i++) if (!covered(i, xs, cx, ys, sy)) return false;
  for (let i = 0; i < ys.length; i++) if (!covered(i, ys, cy, xs, sx)) return false;
  return true;
}

function matchOrdered(xs: ParsedAnswer[], ys: ParsedAnswer[], o: ResolvedOptions): boolean {
  return xs.length === ys.length && xs.every((x, k) => compareAnswers(x, ys[k], o));
}

const isScalar = (a: ParsedAnswer): a is Extract<ParsedAnswer, { kind: 'number' | 'expression' }> =>
  a.kind === 'number' || a.kind === 'expression';

function vectorOf(a: ParsedAnswer): Expr[] | null {
  if (a.kind === 'matrix' && (a.rows.length === 1 || a.rows.every((r) => r.length === 1))) return a.rows.flat();
  if (a.kind === 'tuple' && a.items.every(isScalar)) return a.items.map((x) => (x as { expr: Expr }).expr);
  return null;
}

/** f(x) = x^2 and f(y) = y^2 define the same function: rename the second's variables to the first's. */
function sameDefinition(fa: Extract<Expr, { type: 'fn' }>, ra: Expr, fb: Extract<Expr, { type: 'fn' }>, rb: Expr, o: ResolvedOptions): boolean {
  if (fa.name !== fb.name || fa.args.length !== fb.args.length) return false;
  // Both sides' variables become the same fresh names, so a free parameter cannot be captured.
  const fresh = (f: Extract<Expr, { type: 'fn' }>) => new Map(f.args.map((arg, k) => [(arg as { name: string }).name, `arg#${k}`]));
  return compareExpressions(renameSymbols(ra, fresh(fa)), renameSymbols(rb, fresh(fb)), o);
}

function sameEndpoint(x: Expr, y: Expr, o: ResolvedOptions): boolean {
  if (isInfinity(x) || isInfinity(y)) return isInfinity(x) && isInfinity(y) && (x.type === 'neg') === (y.type === 'neg');
  return compareExpressions(x, y, o);
}

function sameIntervals(xs: Interval[], ys: Interval[], o: ResolvedOptions): boolean {
  return xs.length === ys.length && xs.every((x, k) => x.loClosed === ys[k].loClosed && x.hiClosed === ys[k].hiClosed
    && sameEndpoint(x.lo, ys[k].lo, o) && sameEndpoint(x.hi, ys[k].hi, o));
}

export function compareAnswers(a: ParsedAnswer, b: ParsedAnswer, o: ResolvedOptions): boolean {
  if (a.kind === 'not_closed_form' || b.kind === 'not_closed_form') return false;
  if (isScalar(a) && isScalar(b)) return compareExpressions(a.expr, b.expr, o);
  // y = 2x + 1 against 2x + 1: the named side is a label.
  if (a.kind === 'equation' && b.kind === 'equation') {
    if (isDefinition(a.lhs) && isDefinition(b.lhs)) return sameDefinition(a.lhs, a.rhs, b.lhs, b.rhs, o);
    return compareEquations(a.lhs, a.rhs, b.lhs, b.rhs, o)
      || (a.lhs.type === 'sym' && b.lhs.type === 'sym' && a.lhs.name === b.lhs.name && !freeSymbols(a.rhs).has(a.lhs.name)
        && !freeSymbols(b.rhs).has(b.lhs.name) && compareExpressions(a.rhs, b.rhs, o));
  }
  if (a.kind === 'equation' && isScalar(b)) return (a.lhs.type === 'sym' || isDefinition(a.lhs)) && compareExpressions(a.rhs, b.expr, o);
  if (b.kind === 'equation' && isScalar(a)) return (b.lhs.type === 'sym' || isDefinition(b.lhs)) && compareExpressions(a.expr, b.rhs, o);
  // One-element lists stand for their element.
  if ((a.kind === 'set' || a.kind === 'tuple') && a.items.length === 1 && b.kind !== a.kind) return compareAnswers(a.items[0], b, o);
  if ((b.kind === 'set' || b.kind === 'tuple') && b.items.length === 1 && a.kind !== b.kind) return compareAnswers(a, b.items[0], o);
  // Same shape, endpoint by endpoint: the decimal policy applies to endpoints as to tuple entries
  // ([1, 8/3] = [1, 2.667]); the set comparison below would treat 2.667 as exact.
  if (a.kind === 'interval' && b.kind === 'interval' && sameIntervals(a.parts, b.parts, o)) return true;
  if (a.kind === 'inequality' && b.kind === 'inequality' && a.ops.length === b.ops.length && a.ops.every((op, k) => op === b.ops[k])
    && a.parts.every((x, k) => sameEndpoint(x, b.parts[k], o))) return true;
  const realSetKinds = new Set(['interval', 'inequality']);
  if (realSetKinds.has(a.kind) || realSetKinds.has(b.kind)) {
    const pa = realSetPred(a), pb = realSetPred(b);
    return pa !== null && pb !== null && compareRealSets(pa, pb);
  }
  if (a.kind === 'set' && b.kind === 'set') return matchSets(a.items, b.items, o);
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    if (a.labels && b.labels && a.labels.length === b.labels.length && new Set([...a.labels, ...b.labels]).size === a.labels.length) {
      return a.labels.every((l, k) => compareAnswers(a.items[k], b.items[b.labels!.indexOf(l)], o));
    }
    return matchOrdered(a.items, b.items, o);
  }
  // Structure fails closed: a bare list ("1, 3") against a tuple is read in order only, so a
  // permutation of an ordered answer is never rewarded. A bare list matches as a set only a set or
  // another bare list (the "all solutions" form), never a tuple.
  if (a.kind === 'set' && !a.braces && b.kind === 'tuple') return matchOrdered(a.items, b.items, o);
  if (b.kind === 'set' && !b.braces && a.kind === 'tuple') return matchOrdered(a.items, b.items, o);
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    return a.rows.length === b.rows.length && a.rows.every((r, i) => r.length === b.rows[i].length
      && r.every((x, j) => compareExpressions(x, b.rows[i][j], o)));
  }
  const va = vectorOf(a), vb = vectorOf(b);
  if (va && vb && (a.kind === 'matrix' || b.kind === 'matrix')) {
    return va.length === vb.length && va.every((x, k) => compareExpressions(x, vb[k], o));
  }
  return false;
}
