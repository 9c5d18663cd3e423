/**
 * An independent numeric second opinion on a label: a LaTeX scalar is translated to a mathjs
 * expression and evaluated at a few fixed points. A constructed "equal" pair whose sides differ
 * numerically, or a constructed "unequal" pair whose sides agree everywhere, is a generator bug or
 * an ambiguous case, and is dropped. Null means "cannot tell" (untranslatable input).
 */
import { create, all } from 'mathjs';

const math = create(all, {});
// 60 significant digits and an exponent range far past doubles: 1/2004! and 1/2006! differ here
const big = create(all, { number: 'BigNumber', precision: 60 });

const FUNCS: Record<string, string> = {
  '\\sin': 'sin', '\\cos': 'cos', '\\tan': 'tan', '\\cot': 'cot', '\\sec': 'sec', '\\csc': 'csc',
  '\\ln': 'log', '\\exp': 'exp', '\\arcsin': 'asin', '\\arccos': 'acos', '\\arctan': 'atan',
};

/** Token stream of a LaTeX scalar, or null when something unknown appears. */
function tokens(src: string): string[] | null {
  let s = src
    .replace(/\\left|\\right|\\displaystyle|\\!|\\,|\\;|\\:|\\quad|~/g, ' ')
    .replace(/\\[dt]frac/g, '\\frac')
    .replace(/\\(?:cdot|times)/g, '*')
    .replace(/\\div/g, '/')
    .replace(/\\pi\b/g, ' pi ');
  s = s.replace(/\\frac\s*(\d)\s*(\d)/g, '\\frac{$1}{$2}');
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '\\') {
      const m = /^\\[a-zA-Z]+/.exec(s.slice(i));
      if (!m) return null;
      const name = m[0];
      i += name.length;
      if (name === '\\frac' || name === '\\sqrt') out.push(name);
      else if (name in FUNCS) out.push(`fn:${FUNCS[name]}`);
      else return null;
      continue;
    }
    if (/\d|\./.test(c)) {
      const m = /^\d*\.?\d+/.exec(s.slice(i)) ?? /^\d+/.exec(s.slice(i));
      if (!m) return null;
      out.push(m[0]); i += m[0].length; continue;
    }
    if (s.startsWith('pi', i)) { out.push('pi'); i += 2; continue; }
    if (/[a-zA-Z]/.test(c)) { out.push(c); i++; continue; }
    if ('+-*/^(){}[]!'.includes(c)) { out.push(c); i++; continue; }
    return null;
  }
  return out;
}

/** mathjs source for the token list (recursive over \frac and \sqrt groups). */
function toMathjs(t: string[]): string | null {
  let pos = 0;
  const group = (): string | null => {
    if (t[pos] === '{') {
      pos++;
      const inner = seq('}');
      if (inner === null || t[pos] !== '}') return null;
      pos++;
      return `(${inner})`;
    }
    const tok = t[pos++];
    if (tok === undefined) return null;
    if (/^\d+(\.\d+)?$/.test(tok) && tok.length > 1 && !tok.includes('.')) {
      // \frac12 style: one digit only
      pos--; t[pos] = tok.slice(1); return tok[0];
    }
    return atomOf(tok);
  };
  const atomOf = (tok: string): string | null => {
    if (tok === '\\frac') { const a = group(), b = group(); return a && b ? `((${a})/(${b}))` : null; }
    if (tok === '\\sqrt') {
      if (t[pos] === '[') {
        pos++;
        const n = seq(']');
        if (n === null || t[pos] !== ']') return null;
        pos++;
        const a = group();
        return a ? `nthRoot(${a},${n})` : null;
      }
      const a = group(); return a ? `sqrt(${a})` : null;
    }
    if (tok.startsWith('fn:')) {
      if (t[pos] !== '(' && t[pos] !== '{') return null;
      const open = t[pos++], close = open === '(' ? ')' : '}';
      const a = seq(close);
      if (a === null || t[pos] !== close) return null;
      pos++;
      return `${tok.slice(3)}(${a})`;
    }
    return tok;
  };
  const seq = (stop: string): string | null => {
    let out = '';
    let prevValue = false; // previous token ends a value: implicit multiplication follows
    while (pos < t.length && t[pos] !== stop) {
      const tok = t[pos];
      if ('+-*/'.includes(tok)) { out += tok; pos++; prevValue = false; continue; }
      if (tok === '!') { out += '!'; pos++; continue; }
      if (tok === '^') {
        pos++;
        const e = t[pos] === '{' ? group() : atomOf(t[pos++] ?? '');
        if (e === null) return null;
        out += `^(${e})`; prevValue = true; continue;
      }
      if (tok === '(' || tok === '[' || tok === '{') {
        pos++;
        const close = tok === '(' ? ')' : tok === '[' ? ']' : '}';
        const inner = seq(close);
        if (inner === null || t[pos] !== close) return null;
        pos++;
        out += (prevValue ? '*' : '') + `(${inner})`; prevValue = true; continue;
      }
      if (tok === ')' || tok === ']' || tok === '}') return null;
      pos++;
      const a = atomOf(tok);
      if (a === null) return null;
      out += (prevValue ? '*' : '') + a; prevValue = true;
    }
    return out;
  };
  const r = seq('\u0000');
  return r === null || r === '' ? null : r;
}

const compiled = new Map<string, ((scope: Record<string, number>) => unknown) | null>();
const sources = new Map<string, string | null>();

/** The mathjs source of a LaTeX scalar, or null when it cannot be translated. */
export function sourceOf(latex: string): string | null {
  if (!sources.has(latex)) { const t = tokens(latex); sources.set(latex, t ? toMathjs(t) : null); }
  return sources.get(latex) ?? null;
}

/** Exact-enough comparison of two constants in 60-digit big numbers; null when either fails. */
function bigSame(a: string, b: string): boolean | null {
  const sa = sourceOf(a), sb = sourceOf(b);
  if (sa === null || sb === null) return null;
  try {
    const x = big.evaluate(sa) as unknown, y = big.evaluate(sb) as unknown;
    if (!big.isBigNumber(x) || !big.isBigNumber(y) || !x.isFinite() || !y.isFinite()) return null;
    // relative: both sides may be far below 1 (1/2004! against 1/2006!)
    const scale = x.abs().gt(y.abs()) ? x.abs() : y.abs();
    return y.minus(x).abs().lte(scale.times('1e-40'));
  } catch { return null; }
}

function compile(latex: string): ((scope: Record<string, number>) => unknown) | null {
  if (compiled.has(latex)) return compiled.get(latex) ?? null;
  let fn: ((scope: Record<string, number>) => unknown) | null = null;
  const src = sourceOf(latex);
  if (src !== null) {
    try {
      const code = math.compile(src);
      fn = (scope) => code.evaluate({ ...scope });
    } catch { fn = null; }
  }
  compiled.set(latex, fn);
  return fn;
}

const POINTS = [0.37, 1.91, 2.63];
const VARS = 'abcdfghjklmnpqrstuvwxyzABCDFGHJKLMNOPQRSTUVWXYZ'.split('');

function valueAt(fn: (scope: Record<string, number>) => unknown, k: number): { re: number; im: number } | null {
  const scope: Record<string, number> = {};
  VARS.forEach((v, j) => { scope[v] = POINTS[k] + j * 0.173; });
  try {
    const v = fn(scope) as unknown;
    if (typeof v === 'number') return Number.isFinite(v) ? { re: v, im: 0 } : null;
    if (v && typeof v === 'object' && 're' in v && 'im' in v) return { re: Number((v as { re: number }).re), im: Number((v as { im: number }).im) };
    return null;
  } catch { return null; }
}

/** True: same value at every point; false: differ at some point; null: cannot tell. */
export function sameValue(a: string, b: string): boolean | null {
  const fa = compile(a), fb = compile(b);
  if (!fa || !fb) return null;
  let compared = 0;
  for (let k = 0; k < POINTS.length; k++) {
    const x = valueAt(fa, k), y = valueAt(fb, k);
    if (!x || !y) continue;
    compared++;
    const scale = Math.max(1, Math.hypot(x.re, x.im));
    if (Math.hypot(x.re - y.re, x.im - y.im) > 1e-9 * scale) return false;
  }
  if (compared === 0) return bigSame(a, b);
  // doubles cannot tell tiny or huge constants apart (1/2^2012 against 1/4^2012): ask big numbers
  const tiny = (v: { re: number; im: number } | null) => v !== null && v.im === 0 && (Math.abs(v.re) < 1e-200 || Math.abs(v.re) > 1e200);
  if (tiny(valueAt(fa, 0)) || tiny(valueAt(fb, 0))) return bigSame(a, b);
  return true;
}

/** Whether a LaTeX scalar can be evaluated at all (used to pick expression golds). */
export function evaluable(a: string): boolean {
  const f = compile(a);
  return f !== null && valueAt(f, 0) !== null;
}

/** Expanded polynomial / rational form (mathjs rationalize) in plain text, or null. */
export function expandedPlain(latex: string): string | null {
  const src = sourceOf(latex);
  if (src === null || /sqrt|nthRoot|sin|cos|tan|log|exp|pi|\bi\b|\be\b|!/.test(src)) return null;
  // rationalize expands products symbolically and takes seconds on long ones: short, low-degree input only
  if (latex.length > 30 || (latex.match(/\(/g) ?? []).length > 2 || /\)\s*\^|\^\{?(?:[5-9]|\d\d)/.test(latex)) return null;
  try {
    const text = math.rationalize(src).toString().replace(/\s+/g, ' ');
    // floating coefficients (1/3 as 0.333...) are not the same expression: exact output only
    return text.length <= 80 && !/\d\.\d/.test(text) ? text : null;
  } catch { return null; }
}
