/** Textual rewrites of LaTeX scalars whose effect on the value is known by construction. */
import type { Rng } from '../synthetic/prng.ts';
import { splitTop } from './latex-text.ts';

/** Top-level summands with their signs: "x^2-2x+1" -> ["x^2", "-2x", "+1"]. */
export function summands(s: string): string[] | null {
  const terms: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; while (i + 1 < s.length && /[a-zA-Z]/.test(s[i + 1])) i++; continue; }
    if ('{(['.includes(c)) depth++;
    else if ('})]'.includes(c)) depth--;
    else if (depth === 0 && (c === '+' || c === '-') && i > 0 && !/[\^_{(]\s*$/.test(s.slice(0, i))) {
      terms.push(s.slice(start, i).trim());
      start = i;
    }
  }
  terms.push(s.slice(start).trim());
  if (terms.some((t) => t === '' || t === '+' || t === '-')) return null;
  return terms;
}

/** Summands in another order (a new leading "+" dropped, a missing one added). */
export function reorderSum(s: string, rng: Rng): string | null {
  const t = summands(s);
  if (!t || t.length < 2 || s.includes('\\pm') || /[=<>,]/.test(s)) return null;
  const order = t.map((_, i) => i);
  while (order.every((v, i) => v === i)) order.splice(0, order.length, ...rng.sample(t.map((_, i) => i), t.length));
  const parts = order.map((i) => (/^[+-]/.test(t[i]) ? t[i] : `+${t[i]}`));
  return parts.map((p, k) => (k === 0 ? p.replace(/^\+/, '') : ` ${p[0]} ${p.slice(1).trim()}`)).join('');
}

/** One top-level summand's sign flipped (a value change unless that summand is zero). */
export function flipSign(s: string, rng: Rng): string | null {
  const t = summands(s);
  if (!t || t.length < 2 || s.includes('\\pm')) return null;
  const k = rng.int(1, t.length - 1);
  t[k] = (t[k].startsWith('-') ? '+' : '-') + t[k].slice(1);
  return t.join('');
}

/** One top-level summand left out. */
export function dropTerm(s: string, rng: Rng): string | null {
  const t = summands(s);
  if (!t || t.length < 2) return null;
  const k = rng.int(0, t.length - 1);
  return t.filter((_, i) => i !== k).join('').replace(/^\+/, '');
}

/** One integer literal (not an exponent) changed by +1 or +2. */
export function bumpConstant(s: string, rng: Rng): string | null {
  const spots: number[] = [];
  const re = /\d+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const before = s.slice(0, m.index);
    if (/\\sqrt\[$/.test(before) || /[a-zA-Z_.]$/.test(before) || /^\./.test(s.slice(m.index + m[0].length))) continue;
    spots.push(m.index);
  }
  if (spots.length === 0) return null;
  const at = rng.pick(spots);
  const m = /^\d+/.exec(s.slice(at)) as RegExpExecArray;
  const v = BigInt(m[0]) + BigInt(rng.int(1, 2));
  return s.slice(0, at) + v.toString() + s.slice(at + m[0].length);
}

/** Explicit multiplication sign between a coefficient and a letter or command: "3x" -> "3 \cdot x". */
export function explicitTimes(s: string): string | null {
  const r = s.replace(/(\d)\s*(\\sqrt|\\pi|[a-zA-Z](?![a-zA-Z]))/, '$1 \\cdot $2');
  return r === s ? null : r;
}

/** \frac{A}{B} -> (A)/(B), leaving atoms bare. */
export function slashFractions(s: string): string | null {
  const r = s.replace(/\\[dt]?frac\{([^{}]+)\}\{([^{}]+)\}/g, (_m, a: string, b: string) => {
    const wrap = (x: string) => (/^[\w.]+$/.test(x.trim()) ? x.trim() : `(${x.trim()})`);
    return `${wrap(a)}/${wrap(b)}`;
  });
  return r === s ? null : r;
}

/** Items of a comma list, unchanged except for trimming. */
export const items = (s: string) => splitTop(s, ',');
