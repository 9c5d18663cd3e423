/**
 * Ordered structures: ordered pairs/triples (order matters, a set or a reordered list is another
 * answer) and intervals (an open end is not a closed one).
 */
import { caseOf, distinct, draw, type Case, type Generator } from '../kit.ts';
import { splitTop } from '../latex-text.ts';
import { allDistinct, perturbOne, permute, rewriteOne } from '../elements.ts';
import { intervalOf, type Piece } from '../intervals.ts';

const C = 'tuples-intervals';

function tupleOf(answer: string, problem: string): string[] | null {
  const m = /^\\left\s*\((.*)\\right\s*\)$/.exec(answer) ?? /^\((.*)\)$/.exec(answer);
  if (!m || !/ordered (pair|triple|quadruple|tuple)|\(\s*[a-z\\]+\s*,\s*[a-z\\]+[^)]*\)/i.test(problem) || /interval/i.test(problem)) return null;
  const xs = splitTop(m[1], ',');
  return xs.length >= 2 && xs.every((x) => x !== '' && !/[=<>]/.test(x)) ? xs : null;
}

const show = (ps: Piece[], sp = '') => ps.map((p) => `${p.open[0] ? '(' : '['}${p.lo},${sp}${p.hi}${p.open[1] ? ')' : ']'}`).join(' \\cup ');
const finite = (x: string) => !/infty/.test(x);

export const tuples: Generator = (golds, rng) => {
  const out: Case[] = [];
  const all = distinct(golds);
  const tuplePool = all.filter((g) => { const xs = tupleOf(g.answer, g.problem); return xs !== null && allDistinct(xs); });
  for (const g of draw(tuplePool, 230, rng)) {
    const xs = tupleOf(g.answer, g.problem) as string[];
    const t: [string, string][] = [
      [`\\left( ${xs.join(', ')} \\right)`, '\\left( \\right) and spaces'],
      [`(${xs.join(',')})`, 'no spaces'],
      [`(${xs.join('; ')})`, 'semicolon separators'],
    ];
    const rw = rewriteOne(xs, rng);
    if (rw) t.push([`(${rw[0].join(', ')})`, rw[1]]);
    const f: [string, string][] = [
      [`(${permute(xs, rng).join(', ')})`, 'tuple order changed'],
      [permute(xs, rng).join(', '), 'bare list in another order'],
      [`\\{${xs.join(', ')}\\}`, 'written as a set'],
      [`(${xs.slice(0, -1).join(', ')})`, 'last element missing'],
    ];
    if (xs.length === 2) f.pop();
    const pb = perturbOne(xs, rng);
    if (pb) f.push([`(${pb[0].join(', ')})`, pb[1]]);
    for (const [p, how] of rng.sample(t.filter(([p]) => p !== g.answer), 2)) out.push(caseOf(C, g, p, true, how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, how));
  }
  const intervalPool = all.filter((g) => intervalOf(g.answer, g.problem) !== null);
  for (const g of draw(intervalPool, 200, rng)) {
    const ps = intervalOf(g.answer, g.problem) as Piece[];
    const t: [string, string][] = [
      [show(ps, ' '), 'spaces'],
      [show(ps).replace(/([[(])/g, '\\left$1').replace(/([\])])/g, '\\right$1'), '\\left \\right'],
    ];
    if (/\\infty/.test(g.answer) && !/\+\\infty/.test(g.answer)) t.push([show(ps).replace(/(,\s*)\\infty/g, '$1+\\infty'), '+\\infty']);
    const ends = ps.flatMap((p, i) => [[i, 0], [i, 1]] as [number, 0 | 1][]).filter(([i, k]) => finite(k === 0 ? ps[i].lo : ps[i].hi));
    const f: [string, string][] = [];
    if (ends.length > 0) {
      const [i, k] = rng.pick(ends);
      const qs = ps.map((p) => ({ ...p, open: [...p.open] as [boolean, boolean] }));
      qs[i].open[k] = !qs[i].open[k];
      f.push([show(qs), `${qs[i].open[k] ? 'closed end made open' : 'open end made closed'}`]);
      const pb = perturbOne([ps[i].lo, ps[i].hi], rng);
      if (pb && finite(pb[0][0]) && finite(pb[0][1])) {
        const rs = ps.map((p) => ({ ...p }));
        rs[i].lo = pb[0][0]; rs[i].hi = pb[0][1];
        f.push([show(rs), `endpoint ${pb[1]}`]);
      }
    }
    if (ps.length > 1) f.push([show(ps.slice(0, -1)), 'one piece of the union missing']);
    if (ps.every((p) => finite(p.lo) && finite(p.hi)) && ps.length === 1 && ps[0].open[0] !== ps[0].open[1]) {
      f.push([show([{ ...ps[0], open: [ps[0].open[1], ps[0].open[0]] }]), 'brackets swapped']);
    }
    for (const [p, how] of rng.sample(t.filter(([p]) => p !== g.answer), 2)) out.push(caseOf(C, g, p, true, how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, how));
  }
  return out;
};
