/** Constants with radicals, pi, trig, logs and exponentials. */
import { caseOf, distinct, draw, evaluable, hasVariable, type Case, type Generator } from '../kit.ts';
import { bumpConstant, dropTerm, explicitTimes, flipSign, reorderSum, slashFractions } from '../rewrite.ts';

const C = 'radicals-pi-trig-log';

/** a\sqrt{b} -> \sqrt{a^2 b} for integer a, b (exact). */
function absorbCoefficient(s: string): string | null {
  const r = s.replace(/(^|[^\d^{])(\d+)\s*\\sqrt\{(\d+)\}/, (_m, pre: string, a: string, b: string) => `${pre}\\sqrt{${BigInt(a) ** 2n * BigInt(b)}}`);
  return r === s ? null : r;
}

const rewrites: [string, (s: string) => string | null][] = [
  ['\\sqrt{n} as n^{1/2}', (s) => { const r = s.replace(/(\d?)\s*\\sqrt\{(\d+)\}/, (_m, c: string, n: string) => `${c ? `${c} \\cdot ` : ''}${n}^{1/2}`); return r === s ? null : r; }],
  ['\\sqrt{n} without braces', (s) => { const r = s.replace(/\\sqrt\{(\d)\}/g, '\\sqrt$1'); return r === s ? null : r; }],
  ['coefficient moved under the root', absorbCoefficient],
  ['e^{x} as \\exp(x)', (s) => { const r = s.replace(/(^|[^a-zA-Z\\])e\^\{([^{}]+)\}/, '$1\\exp($2)'); return r === s ? null : r; }],
  ['\\pi moved before its coefficient', (s) => { const r = s.replace(/(^|[^\d.^{])(\d+)\s*\\pi(?!\s*\^)/, '$1\\pi \\cdot $2'); return r === s ? null : r; }],
  ['fraction of a root split', (s) => { const m = /^\\[dt]?frac\{(\d*)\\sqrt\{(\d+)\}\}\{(\d+)\}$/.exec(s); return m ? `\\frac{${m[1] || '1'}}{${m[3]}}\\sqrt{${m[2]}}` : null; }],
];

const nearMisses: [string, (s: string) => string | null][] = [
  ['radicand changed', (s) => { const r = s.replace(/\\sqrt\{(\d+)\}/, (_m, n: string) => `\\sqrt{${BigInt(n) + 1n}}`); return r === s ? null : r; }],
  ['root dropped', (s) => { const r = s.replace(/\\sqrt\{(\d+)\}/, '$1'); return r === s ? null : r; }],
  ['\\pi dropped', (s) => { const r = s.replace(/\s*\\pi/, ''); return r === s || r === '' ? null : r; }],
  ['sin and cos exchanged', (s) => { const r = s.replace(/\\sin/, '\\cos'); return r === s ? null : r; }],
  ['square root as cube root', (s) => { const r = s.replace(/\\sqrt\{/, '\\sqrt[3]{'); return r === s ? null : r; }],
];

export const radicals: Generator = (golds, rng) => {
  const out: Case[] = [];
  const pool = distinct(golds).filter((g) => /\\sqrt|\\pi|\\sin|\\cos|\\tan|\\ln|\\exp|e\^/.test(g.answer)
    && !hasVariable(g.answer) && !/[=<>,;]|\\(?:text|pm|mp|infty)/.test(g.answer) && evaluable(g.answer));
  for (const g of draw(pool, 280, rng)) {
    const t = [...rewrites, ['summands reordered', (s: string) => reorderSum(s, rng)], ['explicit \\cdot', explicitTimes], ['fractions written with /', slashFractions]] as [string, (s: string) => string | null][];
    const f = [...nearMisses, ['one summand sign flipped', (s: string) => flipSign(s, rng)], ['one summand dropped', (s: string) => dropTerm(s, rng)], ['one constant changed', (s: string) => bumpConstant(s, rng)]] as [string, (s: string) => string | null][];
    const ts = t.map(([how, fn]) => [fn(g.answer), how] as const).filter(([p]) => p !== null && p !== g.answer);
    const fs = f.map(([how, fn]) => [fn(g.answer), how] as const).filter(([p]) => p !== null && p !== g.answer);
    if (ts.length > 0) { const [p, how] = rng.pick(ts); out.push(caseOf(C, g, p as string, true, how, { scalar: 'confirm' })); }
    if (fs.length > 0) { const [p, how] = rng.pick(fs); out.push(caseOf(C, g, p as string, false, how, { scalar: 'confirm' })); }
  }
  return out;
};
