/**
 * "Find all" answers (MATH's "enter all the solutions, separated by commas") and sets in braces:
 * order does not matter, every element must be there and nothing extra.
 */
import { caseOf, distinct, draw, type Case, type Generator } from '../kit.ts';
import { splitTop } from '../latex-text.ts';
import { allDistinct, differ, perturbOne, permute, rewriteOne } from '../elements.ts';
import { otherNumber } from '../perturb.ts';

const C = 'sets-find-all';

function elementsOf(answer: string, problem: string): { xs: string[]; braced: boolean } | null {
  const braced = /^\\\{(.*)\\\}$/.exec(answer);
  if (braced) {
    const xs = splitTop(braced[1], ',');
    return xs.length >= 2 ? { xs, braced: true } : null;
  }
  if (/^[([]|\\left|\\begin/.test(answer) || /[=<>]|\\text|\\pm|\\infty|\\cup/.test(answer)) return null;
  if (!/\ball\b/i.test(problem) || !/separated by commas/i.test(problem) || /\border/i.test(problem)) return null;
  const xs = splitTop(answer, ',');
  return xs.length >= 2 && xs.every((x) => x !== '') ? { xs, braced: false } : null;
}

export const sets: Generator = (golds, rng) => {
  const out: Case[] = [];
  const pool = distinct(golds).filter((g) => { const e = elementsOf(g.answer, g.problem); return e !== null && allDistinct(e.xs); });
  for (const g of draw(pool, 400, rng)) {
    const { xs, braced } = elementsOf(g.answer, g.problem) as { xs: string[]; braced: boolean };
    const list = (ys: string[]) => ys.join(', ');
    const set = (ys: string[]) => `\\{${ys.join(', ')}\\}`;
    const same = braced ? set : list;
    const t: [string, string][] = [[same(permute(xs, rng)), 'elements reordered']];
    t.push([braced ? list(permute(xs, rng)) : set(permute(xs, rng)), braced ? 'braces dropped, reordered' : 'written as a set, reordered']);
    const rw = rewriteOne(xs, rng);
    if (rw) t.push([same(permute(rw[0], rng)), `${rw[1]}, reordered`]);
    const f: [string, string][] = [];
    const k = rng.int(0, xs.length - 1);
    f.push([same(permute(xs.filter((_, i) => i !== k), rng)), 'one element missing']);
    f.push([xs[rng.int(0, xs.length - 1)], 'a single element only']);
    const numeric = xs.filter((x) => otherNumber(x, rng) !== null);
    if (numeric.length > 0) {
      const base = rng.pick(numeric);
      const extra = otherNumber(base, rng);
      if (extra && xs.every((x) => differ(x, extra[0]))) f.push([same(permute([...xs, extra[0]], rng)), 'one extra element']);
    }
    const pb = perturbOne(xs, rng);
    if (pb && xs.every((x) => x === pb[0][xs.indexOf(x)] || differ(x, pb[0][xs.indexOf(x)]))) f.push([same(permute(pb[0], rng)), `${pb[1]}, reordered`]);
    for (const [p, how] of rng.sample(t, 2)) if (p !== g.answer) out.push(caseOf(C, g, p, true, how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, how));
  }
  return out;
};
