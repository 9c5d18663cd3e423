/**
 * LaTeX spelling variants of the same answer (\dfrac, \left\right, spaces, \!, braces,
 * \displaystyle), and the same variants applied to a near miss.
 */
import { caseOf, distinct, draw, evaluable, type Case, type Generator } from '../kit.ts';
import { bumpConstant } from '../rewrite.ts';
import { otherNumber } from '../perturb.ts';
import { isNumber } from '../kit.ts';
import { splitTop } from '../latex-text.ts';

const C = 'latex-formatting';

const VARIANTS: [string, (s: string) => string | null][] = [
  ['\\frac as \\dfrac', (s) => (/\\frac/.test(s) ? s.replace(/\\frac/g, '\\dfrac') : null)],
  ['\\dfrac as \\frac', (s) => (/\\[dt]frac/.test(s) ? s.replace(/\\[dt]frac/g, '\\frac') : null)],
  ['\\frac as \\tfrac', (s) => (/\\frac/.test(s) ? s.replace(/\\frac/g, '\\tfrac') : null)],
  ['short \\frac12', (s) => { const r = s.replace(/\\([dt]?)frac\{(\d)\}\{(\d)\}/g, '\\$1frac$2$3'); return r === s ? null : r; }],
  ['spaces removed', (s) => { const r = s.replace(/\s+(?![a-zA-Z])/g, '').replace(/(\\[a-zA-Z]+)\s+(?=[a-zA-Z])/g, '$1 '); return r === s ? null : r; }],
  ['spaces added', (s) => { const r = s.replace(/([+\-=,])/g, ' $1 ').replace(/\s+/g, ' ').trim(); return r === s ? null : r; }],
  ['\\left( \\right)', (s) => (/^\(.*\)$/.test(s) && !/\\left/.test(s) ? `\\left${s.slice(0, -1)}\\right)` : null)],
  ['\\left \\right dropped', (s) => (/\\left|\\right/.test(s) ? s.replace(/\\left\s*|\\right\s*/g, '') : null)],
  ['thin spaces \\, and \\!', (s) => { const r = s.replace(/(\d)(\\sqrt|\\pi|[a-z])/, '$1\\,$2').replace(/\\frac/, '\\!\\frac'); return r === s ? null : r; }],
  ['extra braces', (s) => `{${s}}`],
  ['\\displaystyle', (s) => `\\displaystyle ${s}`],
  ['^{2} as ^2', (s) => { const r = s.replace(/\^\{(\d)\}/g, '^$1'); return r === s ? null : r; }],
  ['^2 as ^{2}', (s) => { const r = s.replace(/\^(\d)/g, '^{$1}'); return r === s ? null : r; }],
  ['\\sqrt{3} as \\sqrt3', (s) => { const r = s.replace(/\\sqrt\{(\d)\}/g, '\\sqrt$1'); return r === s ? null : r; }],
  ['\\cdot as \\times', (s) => (/\\cdot/.test(s) ? s.replace(/\\cdot/g, '\\times') : null)],
  ['$ delimiters', (s) => `$${s}$`],
  ['\\( \\) delimiters', (s) => `\\(${s}\\)`],
];

export const formatting: Generator = (golds, rng) => {
  const out: Case[] = [];
  const pool = distinct(golds).filter((g) => /\\|\^|\(/.test(g.answer) && !/\\text|\\begin|\\%|\\\{|[=<>]|\\cup|\\pm/.test(g.answer) && (evaluable(g.answer) || /^\(.*\)$|\\left\(/.test(g.answer)));
  for (const g of draw(pool, 420, rng)) {
    const vs = VARIANTS.map(([how, fn]) => [fn(g.answer), how] as const).filter(([p]) => p !== null && p !== g.answer);
    if (vs.length === 0) continue;
    const [p, how] = rng.pick(vs);
    const scalar = evaluable(g.answer) && !/^\(|\\left\(/.test(g.answer) ? { scalar: 'confirm' as const } : {};
    out.push(caseOf(C, g, p as string, true, how, /\$|\\\(|\\displaystyle|\\,|\\!/.test(p as string) ? {} : scalar));
    // the same spelling change around a different value
    const other = isNumber(g.answer) ? otherNumber(g.answer, rng)?.[0] ?? null : bumpConstant(g.answer, rng);
    if (other === null) continue;
    const fn = VARIANTS.find(([h]) => h === how)?.[1];
    const q = fn ? fn(other) : null;
    if (q === null) continue;
    const a = splitTop(g.answer.replace(/^\\left\(|\\right\)$|^\(|\)$/g, ''), ','), b = splitTop(other.replace(/^\\left\(|\\right\)$|^\(|\)$/g, ''), ',');
    const k = a.findIndex((x, i) => x !== b[i]);
    if (a.length !== b.length || k < 0) continue;
    out.push(caseOf(C, g, q, false, `${how}, value changed`, { scalar: 'confirm', checkAs: [a[k], b[k]] }));
  }
  return out;
};
