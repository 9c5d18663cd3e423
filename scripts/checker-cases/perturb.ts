/** Value-changing and value-keeping rewrites of one plain number, with exact semantics. */
import type { Rng } from '../synthetic/prng.ts';
import { addQ, decimalOf, eqQ, fracTex, grouped, mixedTex, mulQ, parseQ, q, scientific, slash, type Q } from './exact.ts';

/** The same number written another way: [pred, how]. Empty when none applies. */
export function sameNumber(s: string): [string, string][] {
  const x = parseQ(s);
  if (x === null) return [];
  const out: [string, string][] = [];
  const dec = decimalOf(x);
  if (x.d === 1n) {
    out.push([`${x.n}.0`, 'trailing .0']);
    if (x.n >= 1000n || x.n <= -1000n) {
      out.push([grouped(x.n, ','), 'thousands comma']);
      out.push([grouped(x.n, '{,}'), 'thousands {,}']);
      out.push([grouped(x.n, '\\,'), 'thousands \\,']);
      out.push([grouped(x.n, ' '), 'thousands space']);
    }
    const sci = scientific(x.n);
    if (sci) out.push([sci, 'scientific notation']);
  } else {
    out.push([slash(x), 'slash fraction']);
    out.push([fracTex(x, '\\dfrac'), '\\dfrac']);
    out.push([`${x.n < 0n ? '-' : ''}\\frac{${2n * (x.n < 0n ? -x.n : x.n)}}{${2n * x.d}}`, 'unreduced fraction']);
    if (x.n < 0n) out.push([`\\frac{${x.n}}{${x.d}}`, 'minus in numerator']);
    if (dec !== null && dec.length <= 10) out.push([dec, 'exact decimal']);
    const mixed = mixedTex(x);
    if (mixed) out.push([mixed, 'mixed number']);
    if (s.includes('.') && dec !== null) out.push([fracTex(x), 'decimal as fraction'], [`${dec}0`, 'trailing zero']);
  }
  return out.filter(([p]) => p !== s);
}

/** A different number, formatted like the original: [pred, how]. */
export function otherNumber(s: string, rng: Rng): [string, string] | null {
  const x = parseQ(s);
  if (x === null) return null;
  const kinds: [Q, string][] = [
    [addQ(x, q(1n)), 'value +1'],
    [addQ(x, q(-1n)), 'value -1'],
    [mulQ(x, q(10n)), 'value x10'],
    [mulQ(x, q(2n)), 'value x2'],
  ];
  if (x.n !== 0n) kinds.push([q(-x.n, x.d), 'sign flipped']);
  if (x.d !== 1n && x.n !== 0n && x.n !== x.d && x.n !== -x.d) kinds.push([q(x.d, x.n), 'reciprocal'], [q(x.n + 1n, x.d), 'numerator +1']);
  if (x.d === 1n && (x.n >= 10n || x.n <= -10n)) {
    const t = x.n.toString(), i = t.length - 2;
    const swapped = t.slice(0, i) + t[i + 1] + t[i] ;
    if (swapped !== t) kinds.push([q(BigInt(swapped)), 'last digits swapped']);
  }
  const [y, how] = rng.pick(kinds.filter(([v]) => !eqQ(v, x)));
  if (s.includes('.') && decimalOf(y) !== null) return [decimalOf(y) as string, how];
  if (x.d === 1n && y.d !== 1n) return [slash(y), how];
  return [/\\[dt]?frac/.test(s) || s.includes('/') ? (s.includes('/') ? slash(y) : fracTex(y)) : (decimalOf(y) ?? fracTex(y)), how];
}
