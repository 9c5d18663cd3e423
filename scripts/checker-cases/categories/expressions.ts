/** Algebraic expressions with free variables: rewritings that keep the value, near misses that do not. */
import { caseOf, distinct, draw, evaluable, hasVariable, type Case, type Generator } from '../kit.ts';
import { bumpConstant, dropTerm, explicitTimes, flipSign, reorderSum, slashFractions } from '../rewrite.ts';
import { expandedPlain } from '../numeric-check.ts';

/** \frac{1}{\sqrt{X}} -> \sqrt{\frac{1}{X}} (the same for X > 0; the numeric check samples positive points). */
function rootOfFraction(s: string): string | null {
  const r = s.replace(/\\frac\{1\}\{\\sqrt\{([^{}]+)\}\}/, '\\sqrt{\\frac{1}{$1}}');
  return r === s ? null : r;
}

const C = 'expressions';

export const expressions: Generator = (golds, rng) => {
  const out: Case[] = [];
  // a letter before "(" may be a function (f(4-x)), which the numeric check and the CAS would read as a product
  const pool = distinct(golds).filter((g) => hasVariable(g.answer) && !/[a-zA-Z]\s*\(/.test(g.answer.replace(/\\[a-zA-Z]+/g, ' ')) && !/[=<>,;!]|\\(?:le|ge|sum|prod|binom|cdots|ldots|text|pm|mp)/.test(g.answer) && evaluable(g.answer));
  for (const g of draw(pool, 260, rng)) {
    const trues: [string | null, string][] = [
      [reorderSum(g.answer, rng), 'summands reordered'],
      [explicitTimes(g.answer), 'explicit \\cdot'],
      [slashFractions(g.answer), 'fractions written with /'],
      [expandedPlain(g.answer), 'expanded by a CAS, plain text'],
      [rootOfFraction(g.answer), '1/\\sqrt{n} as \\sqrt{1/n}'],
    ];
    const falses: [string | null, string][] = [
      [flipSign(g.answer, rng), 'one summand sign flipped'],
      [dropTerm(g.answer, rng), 'one summand dropped'],
      [bumpConstant(g.answer, rng), 'one constant changed'],
    ];
    const t = trues.filter(([p]) => p !== null && p !== g.answer);
    const f = falses.filter(([p]) => p !== null && p !== g.answer && p !== '');
    if (t.length > 0) { const [p, how] = rng.pick(t); out.push(caseOf(C, g, p as string, true, how, { scalar: 'confirm' })); }
    if (f.length > 0) { const [p, how] = rng.pick(f); out.push(caseOf(C, g, p as string, false, how, { scalar: 'confirm' })); }
  }
  return out;
};
