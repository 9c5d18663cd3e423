/**
 * Pairs whose label depends on a grading policy rather than on mathematics. Reported separately
 * and never part of the headline figures. Each is labelled with the policy of the corpus README:
 * a decimal rounded to the digits it shows equals the exact value (in containers as well), an
 * inequality equals the interval it describes, `\pm a` equals the list of both values, `x \approx v`
 * states v, and a bare number is not its hundredth (40 against 0.4 with no percent sign).
 */
import { caseOf, distinct, draw, isNumber, type Case, type Generator } from '../kit.ts';
import { decimalOf, parseQ, toNumber, mulQ, q } from '../exact.ts';
import { intervalOf } from '../intervals.ts';

const C = 'policy';

/** A non-terminating rational rounded to `digits` decimals. */
function rounded(s: string, digits: number): string | null {
  const x = parseQ(s);
  if (!x || x.d === 1n || decimalOf(x) !== null) return null;
  return toNumber(x).toFixed(digits);
}

export const policy: Generator = (golds, rng) => {
  const out: Case[] = [];
  const all = distinct(golds);
  for (const g of draw(all.filter((x) => rounded(x.answer, 2) !== null), 70, rng)) {
    const d = rng.pick([2, 3, 4]);
    out.push(caseOf(C, g, rounded(g.answer, d) as string, true, `rounded to ${d} decimals`));
  }
  for (const g of draw(all.filter((x) => { const ps = intervalOf(x.answer, x.problem); return ps !== null && ps.length === 1 && [ps[0].lo, ps[0].hi].some((e) => rounded(e, 2) !== null); }), 30, rng)) {
    const [p] = intervalOf(g.answer, g.problem) as NonNullable<ReturnType<typeof intervalOf>>;
    const lo = rounded(p.lo, 3) ?? p.lo, hi = rounded(p.hi, 3) ?? p.hi;
    out.push(caseOf(C, g, `${p.open[0] ? '(' : '['}${lo}, ${hi}${p.open[1] ? ')' : ']'}`, true, 'interval ends rounded to 3 decimals'));
  }
  for (const g of draw(all.filter((x) => { const ps = intervalOf(x.answer, x.problem); return ps !== null && ps.length === 1 && /infty/.test(x.answer) && !/-\\infty.*\\infty/.test(x.answer.replace(/\\left|\\right/g, '')); }), 50, rng)) {
    const [p] = intervalOf(g.answer, g.problem) as NonNullable<ReturnType<typeof intervalOf>>;
    const ineq = /infty/.test(p.hi) ? `x ${p.open[0] ? '>' : '\\ge'} ${p.lo}` : `x ${p.open[1] ? '<' : '\\le'} ${p.hi}`;
    out.push(caseOf(C, g, ineq, true, 'interval as inequality'));
  }
  for (const g of draw(all.filter((x) => isNumber(x.answer) && x.answer !== '0' && /percent/i.test(x.problem)), 50, rng)) {
    const v = parseQ(g.answer);
    if (!v) continue;
    const hundredth = decimalOf(mulQ(v, q(1n, 100n)));
    if (hundredth) out.push(caseOf(C, g, hundredth, false, 'bare number against its hundredth, no percent sign'));
  }
  for (const g of draw(all.filter((x) => /^\\pm\s*\S+$/.test(x.answer)), 30, rng)) {
    const v = g.answer.replace(/^\\pm\s*/, '');
    out.push(caseOf(C, g, `${v}, -${v}`, true, '\\pm as both values'));
  }
  for (const g of draw(all.filter((x) => isNumber(x.answer)), 30, rng)) {
    out.push(caseOf(C, g, `x \\approx ${g.answer}`, true, '\\approx label'));
  }
  return out;
};
