/**
 * Equations and labelled answers: a label in front of the value (`x = 3`, `|AB| = 1`, `f(2) = 5`)
 * does not change the answer; an equation keeps its meaning when its sides are swapped.
 */
import { caseOf, distinct, draw, isNumber, hasVariable, type Case, type Generator } from '../kit.ts';
import { otherNumber, sameNumber } from '../perturb.ts';
import { bumpConstant, reorderSum } from '../rewrite.ts';
import { splitTop } from '../latex-text.ts';
import { sameValue } from '../numeric-check.ts';

const C = 'equations-labels';

/** Names the problem itself uses in math mode: single letters, segments (`AB`, `|AB|`), `f(2)`. */
function labelsIn(problem: string): string[] {
  const names = new Set<string>();
  for (const m of problem.matchAll(/\$([^$]{1,40})\$/g)) {
    const span = m[1].trim();
    if (/^[a-zA-Z]$/.test(span)) names.add(span);
    else if (/^[A-Z]{2}$/.test(span)) { names.add(span); names.add(`|${span}|`); }
    else if (/^[a-z]\(\d+\)$/.test(span)) names.add(span);
    else if (/^\\angle [A-Z]{3}$/.test(span)) names.add(span);
  }
  return [...names].sort();
}

export const equations: Generator = (golds, rng) => {
  const out: Case[] = [];
  const all = distinct(golds);
  // a bare numeric gold and the same value under a label
  for (const g of draw(all.filter((x) => isNumber(x.answer)), 170, rng)) {
    const named = labelsIn(g.problem);
    const label = named.length > 0 ? rng.pick(named) : 'x';
    const sp = rng.chance(0.5) ? ' ' : '';
    out.push(caseOf(C, g, `${label}${sp}=${sp}${g.answer}`, true, `label ${label}= added`));
    const o = otherNumber(g.answer, rng);
    if (o) out.push(caseOf(C, g, `${label}${sp}=${sp}${o[0]}`, false, `label ${label}= added, ${o[1]}`));
  }
  // labelled golds from the data ("k = 3", "m = 12"): the bare value is the same answer
  const labelled = all.filter((x) => {
    const m = /^([a-zA-Z](?:_\{?\d\}?)?|\|[A-Z]{2}\||[A-Z]{2})\s*=\s*([^=]+)$/.exec(x.answer);
    return m !== null && isNumber(m[2].trim());
  });
  for (const g of draw(labelled, 150, rng)) {
    const value = g.answer.split('=')[1].trim();
    out.push(caseOf(C, g, value, true, 'label dropped'));
    const same = sameNumber(value).filter(([p]) => !p.includes(','));
    if (same.length > 0) { const [p, how] = rng.pick(same); out.push(caseOf(C, g, p, true, `label dropped, ${how}`)); }
    const o = otherNumber(value, rng);
    if (o) out.push(caseOf(C, g, o[0], false, `label dropped, ${o[1]}`));
  }
  // equations between expressions (lines, curves): sides swapped, summands reordered, a coefficient changed
  const eqs = all.filter((x) => {
    const sides = splitTop(x.answer, '=');
    return sides.length === 2 && sides.every((s) => s !== '') && hasVariable(sides[0]) && hasVariable(x.answer.replace(/^[^=]*=/, '') + ' ') && !/[<>,;]|\\(?:text|le|ge|pm)/.test(x.answer) && sameValue(sides[1], sides[1]) !== null;
  });
  for (const g of draw(eqs, 130, rng)) {
    const [l, r] = splitTop(g.answer, '=');
    out.push(caseOf(C, g, `${r} = ${l}`, true, 'sides swapped'));
    const ro = reorderSum(r, rng);
    if (ro && sameValue(ro, r) === true) out.push(caseOf(C, g, `${l} = ${ro}`, true, 'right side summands reordered'));
    const b = bumpConstant(r, rng);
    if (b && sameValue(b, r) === false) out.push(caseOf(C, g, `${l} = ${b}`, false, 'right side constant changed'));
  }
  return out;
};
