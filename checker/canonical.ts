import * as Q from './rational.ts';
import { evalExact } from './evaluate.ts';
import { freeSymbols } from './expr-utils.ts';
import type { Expr, Interval, ParsedAnswer, RelOp } from './types.ts';

/**
 * Deterministic canonical strings. Expressions are put in a normal form first (flattened sums and
 * products, folded numeric constants, arguments sorted), then printed as LaTeX that parses back to
 * the same form, so canonicalisation is idempotent.
 */

const isNum = (e: Expr): e is Extract<Expr, { type: 'num' }> => e.type === 'num';
const numE = (v: Q.Rational, decimal: string | null = null): Expr => ({ type: 'num', value: v, decimal });

/** Decimal literal text for a rational that terminates in base ten (used when the source wrote decimals). */
function decimalText(v: Q.Rational): string | null {
  let d = v.d, twos = 0, fives = 0;
  while (d % 2n === 0n && twos <= 400) { d /= 2n; twos++; }
  while (d % 5n === 0n && fives <= 400) { d /= 5n; fives++; }
  if (d !== 1n || Math.max(twos, fives) > 400) return null;
  const k = Math.max(twos, fives);
  const scaled = (v.n * 10n ** BigInt(k)) / v.d;
  const neg = scaled < 0n;
  let digits = (neg ? -scaled : scaled).toString().padStart(k + 1, '0');
  if (k > 0) digits = digits.slice(0, digits.length - k) + '.' + digits.slice(digits.length - k);
  return (neg ? '-' : '') + digits;
}

/** "012.500" → "12.5", ".5" → "0.5": the written literal, tidied without re-deriving it from the rational. */
function tidyDecimal(text: string): string {
  let [ip, fp = ''] = text.split('.');
  ip = ip.replace(/^0+(?=\d)/, '') || '0';
  fp = fp.replace(/0+$/, '');
  return fp ? `${ip}.${fp}` : ip;
}
function negateDecimal(text: string): string {
  if (/^-/.test(text)) return text.slice(1);
  return /^[0.]*$/.test(text) ? text : '-' + text;
}

export function normalForm(e: Expr, depth = 0): Expr {
  if (depth > 300) return e;
  const d = depth + 1;
  // Exactly rational constants collapse to one number, so 2/4, 0.5·1 and \frac12 print alike.
  if (e.type !== 'num' && e.type !== 'sym' && freeSymbols(e).size === 0 && !containsSpecial(e)) {
    const v = evalExact(e);
    if (v !== null) return numE(v, containsDecimal(e) ? decimalText(v) : null);
  }
  switch (e.type) {
    case 'num': return e.decimal !== null ? numE(e.value, tidyDecimal(e.decimal)) : e;
    case 'sym': return e;
    case 'neg': {
      const a = normalForm(e.arg, d);
      if (isNum(a)) return numE(Q.neg(a.value), a.decimal !== null ? negateDecimal(a.decimal) : null);
      if (a.type === 'neg') return a.arg;
      return { type: 'neg', arg: a };
    }
    case 'add': {
      const terms: Expr[] = [];
      const push = (t: Expr) => { if (t.type === 'add') t.args.forEach(push); else terms.push(t); };
      e.args.forEach((a) => push(normalForm(a, d)));
      let constant = Q.ZERO;
      let dec = false;
      const rest: Expr[] = [];
      for (const t of terms) {
        if (isNum(t)) { constant = Q.add(constant, t.value); dec ||= t.decimal !== null; } else rest.push(t);
      }
      if (constant.n !== 0n || rest.length === 0) rest.push(numE(constant, dec ? decimalText(constant) : null));
      if (rest.length === 1) return rest[0];
      return { type: 'add', args: sortByPrint(rest, (t) => (t.type === 'neg' ? t.arg : t)) };
    }
    case 'mul': {
      const factors: Expr[] = [];
      let sign = 1;
      const push = (t: Expr) => {
        if (t.type === 'mul') t.args.forEach(push);
        else if (t.type === 'neg') { sign = -sign; push(t.arg); } else factors.push(t);
      };
      e.args.forEach((a) => push(normalForm(a, d)));
      let coef = Q.ONE;
      let dec = false;
      const rest: Expr[] = [];
      for (const f of factors) {
        if (isNum(f)) { coef = Q.mul(coef, f.value); dec ||= f.decimal !== null; } else rest.push(f);
      }
      if (sign < 0) coef = Q.neg(coef);
      if (coef.n === 0n) return numE(Q.ZERO);
      const negative = coef.n < 0n;
      const abs = negative ? Q.neg(coef) : coef;
      const args = sortByPrint(rest, (x) => x);
      if (!Q.eq(abs, Q.ONE) || args.length === 0) args.unshift(numE(abs, dec ? decimalText(abs) : null));
      const body: Expr = args.length === 1 ? args[0] : { type: 'mul', args };
      return negative ? { type: 'neg', arg: body } : body;
    }
    case 'div': {
      const n = normalForm(e.num, d), den = normalForm(e.den, d);
      if (isNum(den) && Q.eq(den.value, Q.ONE)) return n;
      if (n.type === 'neg') return { type: 'neg', arg: { type: 'div', num: n.arg, den } };
      return { type: 'div', num: n, den };
    }
    case 'pow': {
      const b = normalForm(e.base, d), x = normalForm(e.exp, d);
      if (isNum(x) && Q.eq(x.value, Q.ONE)) return b;
      if (isNum(x) && Q.eq(x.value, Q.rat(1n, 2n))) return { type: 'fn', name: 'sqrt', args: [b] };
      return { type: 'pow', base: b, exp: x };
    }
    case 'pm': return { type: 'pm', left: e.left ? normalForm(e.left, d) : null, right: normalForm(e.right, d) };
    case 'fn': {
      const args = e.args.map((a) => normalForm(a, d));
      const sorted = e.name === 'gcd' || e.name === 'lcm' || e.name === 'max' || e.name === 'min' ? sortByPrint(args, (x) => x) : args;
      return { type: 'fn', name: e.name, args: sorted };
    }
  }
}

function containsSpecial(e: Expr): boolean {
  switch (e.type) {
    case 'num': return false;
    case 'sym': return true;
    case 'pm': return true;
    case 'add': case 'mul': return e.args.some(containsSpecial);
    case 'neg': return containsSpecial(e.arg);
    case 'div': return containsSpecial(e.num) || containsSpecial(e.den);
    case 'pow': return containsSpecial(e.base) || containsSpecial(e.exp);
    case 'fn': return e.name === 'ratio' || e.args.some(containsSpecial);
  }
}
function containsDecimal(e: Expr): boolean {
  switch (e.type) {
    case 'num': return e.decimal !== null;
    case 'sym': return false;
    case 'pm': return containsDecimal(e.right) || (e.left !== null && containsDecimal(e.left));
    case 'add': case 'mul': return e.args.some(containsDecimal);
    case 'neg': return containsDecimal(e.arg);
    case 'div': return containsDecimal(e.num) || containsDecimal(e.den);
    case 'pow': return containsDecimal(e.base) || containsDecimal(e.exp);
    case 'fn': return e.args.some(containsDecimal);
  }
}

function sortByPrint(xs: Expr[], key: (e: Expr) => Expr): Expr[] {
  const keyed = xs.map((x) => ({ x, k: printExpr(key(x)), full: printExpr(x) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
  return keyed.map((o) => o.x);
}

// Precedence: 1 add, 2 mul/neg, 3 pow base, 4 atom.
function prec(e: Expr): number {
  switch (e.type) {
    case 'add': case 'pm': return 1;
    case 'neg': case 'mul': return 2;
    case 'num': return e.value.n < 0n ? 2 : 4;
    case 'div': return 4; // printed as \frac
    case 'pow': return 3;
    default: return 4;
  }
}
const wrap = (s: string, p: boolean) => (p ? `\\left(${s}\\right)` : s);

const FN_LATEX: Record<string, string> = {
  sin: '\\sin', cos: '\\cos', tan: '\\tan', cot: '\\cot', sec: '\\sec', csc: '\\csc', arcsin: '\\arcsin', arccos: '\\arccos',
  arctan: '\\arctan', sinh: '\\sinh', cosh: '\\cosh', tanh: '\\tanh', ln: '\\ln', exp: '\\exp', log: '\\log', gcd: '\\gcd',
  max: '\\max', min: '\\min', det: '\\det', lcm: 'lcm', mod: 'mod', log10: '\\lg',
};
const SYM_LATEX: Record<string, string> = { pi: '\\pi', inf: '\\infty' };

export function printExpr(e: Expr): string {
  switch (e.type) {
    case 'num': {
      if (e.decimal !== null) return e.decimal;
      const v = e.value;
      if (v.d === 1n) return v.n.toString();
      return v.n < 0n ? `-\\frac{${-v.n}}{${v.d}}` : `\\frac{${v.n}}{${v.d}}`;
    }
    case 'sym': {
      if (SYM_LATEX[e.name]) return SYM_LATEX[e.name];
      if (e.name.endsWith("'")) return printExpr({ type: 'sym', name: e.name.slice(0, -1) }) + "'";
      const [base, sub] = e.name.split('_');
      const b = base.length > 1 && !base.includes(':') ? `\\${base}` : base.includes(':') ? `\\${base.split(':')[0]}{${base.split(':')[1]}}` : base;
      return sub !== undefined ? `${b}_{${sub}}` : b;
    }
    case 'add': {
      let out = '';
      e.args.forEach((t, k) => {
        if (t.type === 'neg') out += '-' + wrap(printExpr(t.arg), prec(t.arg) <= 1);
        else if (t.type === 'num' && t.value.n < 0n) out += printExpr(t);
        else out += (k ? '+' : '') + wrap(printExpr(t), prec(t) <= 1);
      });
      return out;
    }
    case 'mul': {
      let out = '';
      e.args.forEach((f, k) => {
        const s = wrap(printExpr(f), prec(f) <= 2 && !(k === 0 && f.type === 'num' && f.value.d === 1n && f.value.n >= 0n));
        out += k === 0 ? s : `\\cdot ${s}`;
      });
      return out;
    }
    case 'neg': return '-' + wrap(printExpr(e.arg), prec(e.arg) <= 1);
    case 'div': return `\\frac{${printExpr(e.num)}}{${printExpr(e.den)}}`;
    case 'pow': return `${wrap(printExpr(e.base), prec(e.base) <= 3)}^{${printExpr(e.exp)}}`;
    case 'pm': return `${e.left ? printExpr(e.left) : ''}\\pm ${wrap(printExpr(e.right), prec(e.right) <= 1)}`;
    case 'fn': return printFn(e);
  }
}

function printFn(e: Extract<Expr, { type: 'fn' }>): string {
  const args = e.args.map(printExpr);
  switch (e.name) {
    case 'sqrt': return `\\sqrt{${args[0]}}`;
    case 'root': return `\\sqrt[${args[1]}]{${args[0]}}`;
    case 'abs': return `\\left|${args[0]}\\right|`;
    case 'fact': return `${wrap(args[0], prec(e.args[0]) < 4)}!`;
    case 'dfact': return `${wrap(args[0], prec(e.args[0]) < 4)}!!`;
    case 'binom': return `\\binom{${args[0]}}{${args[1]}}`;
    case 'floor': return `\\lfloor ${args[0]}\\rfloor`;
    case 'ceil': return `\\lceil ${args[0]}\\rceil`;
    case 'ratio': return args.join(':');
    case 'cbrt': return `\\sqrt[3]{${args[0]}}`;
    case 'sum': case 'prod': return `\\${e.name}_{${args[0]}=${args[1]}}^{${args[2]}}${wrap(args[3], prec(e.args[3]) <= 2)}`;
    case 'log': if (args.length === 2) return `\\log_{${args[1]}}\\left(${args[0]}\\right)`;
  }
  if (e.name.startsWith('apply:')) return `${e.name.slice(6)}\\left(${args.join(',')}\\right)`;
  if (e.name.startsWith('sub:')) return `${e.name.slice(4)}_{${args[0]}}`;
  const head = FN_LATEX[e.name] ?? `\\operatorname{${e.name}}`;
  return `${head}\\left(${args.join(',')}\\right)`;
}

const REL_LATEX: Record<RelOp, string> = { '=': '=', '<': '<', '<=': '\\le ', '>': '>', '>=': '\\ge ', '!=': '\\ne ', in: '\\in ' };

function printInterval(iv: Interval): string {
  return `${iv.loClosed ? '[' : '('}${printExpr(normalForm(iv.lo))},${printExpr(normalForm(iv.hi))}${iv.hiClosed ? ']' : ')'}`;
}

export function canonicalOf(a: ParsedAnswer): string | null {
  switch (a.kind) {
    case 'number': case 'expression': return printExpr(normalForm(a.expr));
    case 'equation': return `${printExpr(normalForm(a.lhs))}=${printExpr(normalForm(a.rhs))}`;
    case 'inequality': {
      let s = printExpr(normalForm(a.parts[0]));
      a.ops.forEach((op, k) => { s += REL_LATEX[op] + printExpr(normalForm(a.parts[k + 1])); });
      return s;
    }
    case 'interval': return a.parts.map(printInterval).join('\\cup ');
    case 'set': {
      const items = [...new Set(a.items.map((x) => canonicalOf(x) ?? ''))].sort();
      return a.braces ? `\\{${items.join(',')}\\}` : items.join(',');
    }
    case 'tuple': return `\\left(${a.items.map((x) => canonicalOf(x) ?? '').join(',')}\\right)`;
    case 'matrix': return `\\begin{pmatrix}${a.rows.map((r) => r.map((x) => printExpr(normalForm(x))).join('&')).join('\\\\')}\\end{pmatrix}`;
    case 'not_closed_form': return null;
  }
}
