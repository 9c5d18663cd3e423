/**
 * Percent signs, units, currency, degrees and text wrappers around a value. Percent policy (the
 * one issue 14 implies): `p\%` is the answer p with a decoration, and it is also the value p/100,
 * so `40\%` equals `40` and `\frac{2}{5}`; a different number with or without the sign is unequal.
 * Bare `40` against bare `0.4` (no sign on either side) depends on the question and is left to
 * the policy category.
 */
import { caseOf, distinct, draw, isNumber, type Case, type Generator } from '../kit.ts';
import { otherNumber } from '../perturb.ts';
import { decimalOf, fracTex, parseQ, q, mulQ } from '../exact.ts';

const C = 'percent-units-text';
const UNITS = ['\\text{ cm}', '\\text{ m}', '\\text{ inches}', '\\text{ feet}', '\\text{ dollars}', '\\text{ cm}^2', '\\text{ square units}', '\\text{ mph}', '\\text{ hours}', '\\text{ minutes}', ' \\mbox{ cm}', '\\,\\text{cm}', ' \\mathrm{kg}', ' units'];
const wrapVariants = (v: string): [string, string][] => [
  [`${v}${''}`.replace(/^-/, '{-}'), '{-} sign'],
  [`\\text{${v}}`, '\\text{} around the value'],
  [`\\mathbf{${v}}`, '\\mathbf{} around the value'],
  [`${v}.`, 'trailing period'],
  [`$${v.replace(/^-/, '{-}')}$`, 'in $ with {-}'],
];

export const decorations: Generator = (golds, rng) => {
  const out: Case[] = [];
  const all = distinct(golds);
  // percent golds of the data (HARP, OpenMathInstruct-2, MATH)
  const pct = all.filter((g) => /^-?\d+(\.\d+)?\s*\\%$/.test(g.answer));
  for (const g of draw(pct, 130, rng)) {
    const v = g.answer.replace(/\s*\\%$/, '');
    const x = parseQ(v);
    if (!x) continue;
    const frac = mulQ(x, q(1n, 100n));
    const t: [string, string][] = [[v, 'percent sign dropped'], [`${v}%`, 'plain % sign'], [`${v} \\text{ percent}`, '\\text{ percent}'], [`${v}\\ \\%`, 'spaced \\%'], [fracTex(frac), 'percent as a fraction p/100']];
    const d = decimalOf(frac);
    if (d) t.push([d, 'percent as a decimal p/100']);
    const o = otherNumber(v, rng);
    const f: [string, string][] = [];
    if (o) f.push([`${o[0]}\\%`, `percent ${o[1]}`], [o[0], `percent sign dropped, ${o[1]}`]);
    f.push([`${decimalOf(mulQ(x, q(1n, 10n))) ?? fracTex(mulQ(x, q(1n, 10n)))}`, 'percent read as p/10']);
    for (const [p, how] of rng.sample(t, 2)) out.push(caseOf(C, g, p, true, how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, how));
  }
  // bare numeric golds of "what percent" problems: the sign may be added
  for (const g of draw(all.filter((x) => isNumber(x.answer) && /what percent|how many percent|in percent|as a percent/i.test(x.problem)), 60, rng)) {
    out.push(caseOf(C, g, `${g.answer}\\%`, true, 'percent sign added (percent question)'));
    const o = otherNumber(g.answer, rng);
    if (o) out.push(caseOf(C, g, `${o[0]}\\%`, false, `percent sign added, ${o[1]}`));
  }
  // unit golds of the data: the unit may go, the value may not change
  const unit = all.filter((g) => /^-?\d+(\.\d+)?\s*(\\text\{\s*[a-zA-Z. ]+\}(\^[23])?|\^\{?\\circ\}?)$/.test(g.answer) && !/\b(or|and|more|less|than|least|most|about|each|not|only|all|million|billion|thousand|hundred|dozen|percent|times)\b/.test(g.answer));
  for (const g of draw(unit, 150, rng)) {
    const m = /^(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(g.answer) as RegExpExecArray;
    const [v, u] = [m[1], m[2]];
    const t: [string, string][] = [[v, 'unit dropped'], [`${v} ${u.replace(/\\text\{\s*([^}]*)\}/, '$1')}`, 'unit as plain text']];
    if (/circ/.test(u)) t.push([`${v}°`, 'degree sign'], [`${v} \\text{ degrees}`, 'degrees in words']);
    const o = otherNumber(v, rng);
    const f: [string, string][] = o ? [[`${o[0]}${u}`, `unit kept, ${o[1]}`], [o[0], `unit dropped, ${o[1]}`]] : [];
    for (const [p, how] of rng.sample(t, 2)) out.push(caseOf(C, g, p, true, how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, how));
  }
  // bare numeric golds: a unit, a currency sign, degrees or a text wrapper added
  for (const g of draw(all.filter((x) => isNumber(x.answer) && !x.answer.includes('frac')), 170, rng)) {
    const v = g.answer;
    const money = /\$|dollar|cents?\b/.test(g.problem) && !v.startsWith('-');
    const t: [string, string][] = [[`${v}${rng.pick(UNITS)}`, 'unit added'], [`${v}^\\circ`, 'degree mark added'], [`${v}^{\\circ}`, 'degree mark added'], ...wrapVariants(v)];
    if (money) t.push([`\\$${v}`, 'dollar sign added'], [`\\$ ${v}`, 'dollar sign added']);
    const pick = rng.pick(t.filter(([p]) => p !== v));
    out.push(caseOf(C, g, pick[0], true, pick[1]));
    const o = otherNumber(v, rng);
    if (o) {
      const wrapped = rng.pick([`${o[0]}${rng.pick(UNITS)}`, `${o[0]}^\\circ`, `\\text{${o[0]}}`, money ? `\\$${o[0]}` : `${o[0]}.`]);
      out.push(caseOf(C, g, wrapped, false, `decorated, ${o[1]}`));
    }
  }
  return out;
};
