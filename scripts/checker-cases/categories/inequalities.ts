/**
 * Inequalities: the same relation written another way, against strictness, direction or bound
 * changes. Golds are the data sets' inequality answers plus one-piece interval answers restated as
 * inequalities (the origin says which).
 */
import { caseOf, distinct, draw, isNumber, evaluable, type Case, type Generator } from '../kit.ts';
import type { Gold } from '../golds.ts';
import { otherNumber } from '../perturb.ts';
import { bumpConstant } from '../rewrite.ts';
import { sameValue } from '../numeric-check.ts';
import { intervalOf } from '../intervals.ts';
import type { Rng } from '../../synthetic/prng.ts';

const C = 'inequalities';
const OP = String.raw`(<|>|\\leq?|\\geq?|\\lt|\\gt)(?![a-zA-Z])`;
const FLIP: Record<string, string> = { '<': '>', '>': '<', '\\le': '\\ge', '\\ge': '\\le', '\\leq': '\\geq', '\\geq': '\\leq', '\\lt': '\\gt', '\\gt': '\\lt' };
const STRICT: Record<string, string> = { '<': '\\le', '>': '\\ge', '\\le': '<', '\\ge': '>', '\\leq': '<', '\\geq': '>', '\\lt': '\\le', '\\gt': '\\ge' };
const ALT: Record<string, string> = { '\\le': '\\leq', '\\leq': '\\le', '\\ge': '\\geq', '\\geq': '\\ge', '<': '\\lt', '>': '\\gt', '\\lt': '<', '\\gt': '>' };

/** v op b, or lo op1 v op2 hi; bounds are constants, v a single variable. */
interface Ineq { v: string; op: string; b: string; lo?: { b: string; op: string } }

const constant = (s: string) => isNumber(s) || (evaluable(s) && !/[a-df-hj-zA-Z](?![a-zA-Z])/.test(s.replace(/\\[a-zA-Z]+/g, ' ')));

function parse(s: string): Ineq | null {
  let m = new RegExp(`^([a-zA-Z])\\s*${OP}\\s*(.+)$`).exec(s);
  if (m && constant(m[3].trim())) return { v: m[1], op: m[2], b: m[3].trim() };
  m = new RegExp(`^(.+?)\\s*${OP}\\s*([a-zA-Z])$`).exec(s);
  if (m && constant(m[1].trim()) && !new RegExp(OP).test(m[1])) return { v: m[3], op: FLIP[m[2]], b: m[1].trim() };
  m = new RegExp(`^(.+?)\\s*${OP}\\s*([a-zA-Z])\\s*${OP}\\s*(.+)$`).exec(s);
  if (m && constant(m[1].trim()) && constant(m[5].trim()) && /<|\\le|\\lt/.test(m[2]) && /<|\\le|\\lt/.test(m[4])) return { v: m[3], op: m[4], b: m[5].trim(), lo: { b: m[1].trim(), op: m[2] } };
  return null;
}

/** A one-piece interval gold restated as an inequality in x (the gold of the derived case). */
function fromInterval(g: Gold): Ineq | null {
  const ps = intervalOf(g.answer, g.problem);
  if (!ps || ps.length !== 1) return null;
  const [p] = ps;
  const loInf = /infty/.test(p.lo), hiInf = /infty/.test(p.hi);
  if (loInf && hiInf) return null;
  if (loInf) return constant(p.hi) ? { v: 'x', op: p.open[1] ? '<' : '\\le', b: p.hi } : null;
  if (hiInf) return constant(p.lo) ? { v: 'x', op: p.open[0] ? '>' : '\\ge', b: p.lo } : null;
  return constant(p.lo) && constant(p.hi) ? { v: 'x', op: p.open[1] ? '<' : '\\le', b: p.hi, lo: { b: p.lo, op: p.open[0] ? '<' : '\\le' } } : null;
}

const show = (q: Ineq, sp = ' ') => (q.lo ? `${q.lo.b}${sp}${q.lo.op}${sp}` : '') + `${q.v}${sp}${q.op}${sp}${q.b}`;

/** Without spaces, except the one a command needs before a letter or digit. */
const tight = (q: Ineq) => { const t = (op: string) => (op.startsWith('\\') ? `${op} ` : op); return (q.lo ? `${q.lo.b}${t(q.lo.op)}` : '') + `${q.v}${t(q.op)}${q.b}`; };

function otherBound(b: string, rng: Rng): string | null {
  const o = isNumber(b) ? otherNumber(b, rng)?.[0] ?? null : bumpConstant(b, rng);
  return o !== null && sameValue(o, b) !== true && (isNumber(b) || sameValue(o, b) === false) ? o : null;
}

function variants(q: Ineq, rng: Rng): { t: [string, string][]; f: [string, string][] } {
  const t: [string, string][] = [
    [show({ ...q, op: ALT[q.op], lo: q.lo && { ...q.lo, op: ALT[q.lo.op] } }), 'other spelling of the operator'],
    [tight(q), 'no spaces'],
  ];
  t.push([q.lo ? `${q.b} ${FLIP[q.op]} ${q.v} ${FLIP[q.lo.op]} ${q.lo.b}` : `${q.b} ${FLIP[q.op]} ${q.v}`, 'written the other way round']);
  const f: [string, string][] = [[show({ ...q, op: STRICT[q.op] }), 'strict and non-strict exchanged']];
  if (!q.lo) f.push([show({ ...q, op: FLIP[q.op] }), 'direction reversed']);
  else f.push([show({ ...q, lo: { ...q.lo, op: STRICT[q.lo.op] } }), 'lower end strictness changed'], [`${q.v} ${q.op} ${q.b}`, 'lower bound missing']);
  const o = otherBound(q.b, rng);
  if (o) f.push([show({ ...q, b: o }), 'bound changed']);
  return { t, f };
}

export const inequalities: Generator = (golds, rng) => {
  const out: Case[] = [];
  const all = distinct(golds);
  const emit = (g: Gold, q: Ineq, note: string) => {
    const { t, f } = variants(q, rng);
    for (const [p, how] of rng.sample(t.filter(([p]) => p !== g.answer), 2)) out.push(caseOf(C, g, p, true, note + how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, note + how));
  };
  for (const g of all) { const q = parse(g.answer); if (q) emit(g, q, ''); }
  for (const g of draw(all.filter((x) => fromInterval(x) !== null), 110, rng)) {
    const q = fromInterval(g) as Ineq;
    const derived = { ...g, answer: show(q), origin: `${g.origin} interval ${g.answer} restated as inequality` };
    emit(derived, q, '');
  }
  return out;
};
