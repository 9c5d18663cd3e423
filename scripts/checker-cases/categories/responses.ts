/**
 * Whole responses (extract: true): the gold is a bare answer, the prediction a model-style
 * solution whose final answer must be found first. Near misses end on a wrong value, box only the
 * gold's last number, box an ordered tuple in another order, or box twice with the last one wrong.
 */
import { caseOf, distinct, draw, isNumber, type Case, type Generator } from '../kit.ts';
import type { Gold } from '../golds.ts';
import { ENDINGS, PLAIN_ENDINGS, bodyOf } from '../response-formats.ts';
import { otherNumber, sameNumber } from '../perturb.ts';
import { bumpConstant } from '../rewrite.ts';
import { sameValue, evaluable } from '../numeric-check.ts';
import { splitTop } from '../latex-text.ts';
import { permute, allDistinct } from '../elements.ts';
import type { Rng } from '../../synthetic/prng.ts';

const C = 'responses';

/** A certainly different answer and how it was made, or null. */
function wrongAnswer(g: Gold, rng: Rng): [string, string, [string, string] | undefined] | null {
  if (isNumber(g.answer)) { const o = otherNumber(g.answer, rng); return o ? [o[0], o[1], undefined] : null; }
  if (evaluable(g.answer)) {
    const b = bumpConstant(g.answer, rng);
    return b && sameValue(b, g.answer) === false ? [b, 'one constant changed', [g.answer, b]] : null;
  }
  return null;
}

/** The last number written in a LaTeX answer, when it is a different value from the whole. */
function lastNumberOnly(a: string): string | null {
  const nums = a.match(/\d+(?:\.\d+)?/g);
  if (!nums || nums.length < 2 || /[,=]/.test(a)) return null;
  const last = nums[nums.length - 1];
  return sameValue(a, last) === false ? last : null;
}

function ordered(g: Gold): string[] | null {
  const m = /^\\left\s*\((.*)\\right\s*\)$/.exec(g.answer) ?? /^\((.*)\)$/.exec(g.answer);
  if (!m || !/ordered|\(\s*[a-z\\]+\s*,/.test(g.problem) || /interval/i.test(g.problem)) return null;
  const xs = splitTop(m[1], ',');
  return xs.length >= 2 && allDistinct(xs) ? xs : null;
}

export const responses: Generator = (golds, rng) => {
  const out: Case[] = [];
  // multiple-choice rows are left out: their solutions name an option letter besides the value
  const withSolution = distinct(golds).filter((g) => g.solution && g.solution.length < 6000 && !/\\text\{|\\begin/.test(g.answer)
    && !/\b(option|choice)\b|answer is:? *\(?[A-E]\)?[\s.$]/i.test(g.solution) && !/(^|\n)\s*\(?[A-D][:.)]/.test(g.problem));
  const resp = (g: Gold, pred: string, expected: boolean, how: string, checkAs?: [string, string]) =>
    out.push(caseOf(C, g, pred, expected, how, { extract: true, ...(checkAs ? { scalar: 'confirm', checkAs } : {}) }));
  const mathSet = withSolution.filter((g) => g.origin.startsWith('math-500'));
  const others = withSolution.filter((g) => !g.origin.startsWith('math-500'));
  for (const g of [...draw(mathSet, 220, rng), ...draw(others, 200, rng)]) {
    const body = bodyOf(g.solution as string);
    if (body === '') continue;
    const [name, render] = rng.pick(ENDINGS);
    // right answer, as written or rewritten
    const same = isNumber(g.answer) ? sameNumber(g.answer).filter(([p]) => !p.includes(',')) : [];
    const shown = same.length > 0 && rng.chance(0.4) ? rng.pick(same) : [g.answer, 'as written'] as [string, string];
    resp(g, `${body}\n\n${render(shown[0], rng)}`, true, `${name}, ${shown[1]}`);
    if (isNumber(g.answer) && /^-?\d+(\/\d+)?$/.test(same.find(([, h]) => h === 'slash fraction')?.[0] ?? g.answer)) {
      const plain = same.find(([, h]) => h === 'slash fraction')?.[0] ?? g.answer;
      const [pn, pr] = rng.pick(PLAIN_ENDINGS);
      resp(g, `${body}\n\n${pr(plain, rng)}`, true, pn);
    }
    // near misses
    const wrong = wrongAnswer(g, rng);
    if (wrong) {
      const [n2, r2] = rng.pick(ENDINGS);
      resp(g, `${body}\n\n${r2(wrong[0], rng)}`, false, `${n2}, ends on a wrong value (${wrong[1]})`, wrong[2]);
      if (rng.chance(0.35)) resp(g, `${body} So $\\boxed{${g.answer}}$? Let me double-check.\n\nOn re-checking, the correct value is $\\boxed{${wrong[0]}}$.`, false, `two boxes, last one wrong (${wrong[1]})`, wrong[2]);
    }
    const last = lastNumberOnly(g.answer);
    if (last) resp(g, `${body}\n\n${render(last, rng)}`, false, `${name}, boxes only the last number of the gold`);
    const xs = ordered(g);
    if (xs) resp(g, `${body}\n\n${render(`(${permute(xs, rng).join(', ')})`, rng)}`, false, `${name}, ordered tuple permuted`);
  }
  // structured golds: an ordered tuple must keep its order, a "find all" list must be complete
  for (const g of draw(withSolution.filter((x) => ordered(x) !== null), 70, rng)) {
    const xs = ordered(g) as string[];
    const body = bodyOf(g.solution as string);
    const [n1, r1] = rng.pick(ENDINGS), [n2, r2] = rng.pick(ENDINGS);
    resp(g, `${body}\n\n${r1(`\\left( ${xs.join(', ')} \\right)`, rng)}`, true, `${n1}, ordered tuple with \\left( \\right)`);
    resp(g, `${body}\n\n${r2(`(${permute(xs, rng).join(', ')})`, rng)}`, false, `${n2}, ordered tuple permuted`);
  }
  const lists = withSolution.filter((x) => /separated by commas/i.test(x.problem) && /\ball\b/i.test(x.problem) && !/\border/i.test(x.problem)
    && !/^[([]|\\left|[=<>]|\\text|\\pm/.test(x.answer) && splitTop(x.answer, ',').length >= 2 && allDistinct(splitTop(x.answer, ',')));
  for (const g of draw(lists, 70, rng)) {
    const xs = splitTop(g.answer, ',');
    const body = bodyOf(g.solution as string);
    const [n1, r1] = rng.pick(ENDINGS), [n2, r2] = rng.pick(ENDINGS);
    resp(g, `${body}\n\n${r1(permute(xs, rng).join(', '), rng)}`, true, `${n1}, all solutions in another order`);
    const k = rng.int(0, xs.length - 1);
    resp(g, `${body}\n\n${r2(xs.filter((_, i) => i !== k).join(', '), rng)}`, false, `${n2}, one solution missing`);
  }
  return out;
};
