/** What every category generator shares: the case shape and gold pools by answer shape. */
import { Rng, hashString } from '../synthetic/prng.ts';
import type { Gold } from './golds.ts';
import { splitTop } from './latex-text.ts';
import { parseQ } from './exact.ts';
import { evaluable } from './numeric-check.ts';

export interface Case {
  category: string;
  gold: string;
  pred: string;
  expected: boolean;
  origin: string;
  extract?: boolean;
  /** Numeric second opinion on the whole pair: 'confirm' drops the pair unless it agrees. */
  scalar?: boolean | 'confirm';
  /** The two scalars the numeric check compares instead of gold and pred (the changed part). */
  checkAs?: [string, string];
}

export type Generator = (golds: readonly Gold[], rng: Rng) => Case[];

export function rngFor(name: string): Rng {
  return new Rng(hashString(`bigmath-checker-cases/${name}`));
}

/** Golds with distinct answer text, first origin kept, in a fixed order. */
export function distinct(golds: readonly Gold[]): Gold[] {
  const seen = new Set<string>();
  return golds.filter((g) => (seen.has(g.answer) ? false : (seen.add(g.answer), true)));
}

/** Up to k golds drawn evenly over the origins' data sets (so no source dominates). */
export function draw(pool: readonly Gold[], k: number, rng: Rng): Gold[] {
  const bySet = new Map<string, Gold[]>();
  for (const g of pool) {
    const set = g.origin.split(/[#/]/)[0];
    const list = bySet.get(set) ?? [];
    list.push(g);
    bySet.set(set, list);
  }
  const lists = [...bySet.values()].map((l) => rng.sample(l, l.length));
  const out: Gold[] = [];
  for (let i = 0; out.length < k && lists.some((l) => i < l.length); i++) {
    for (const l of lists) if (i < l.length && out.length < k) out.push(l[i]);
  }
  return out;
}

export const isInt = (s: string) => /^-?\d+$/.test(s) && !/^-?0\d/.test(s);
export const isNumber = (s: string) => parseQ(s) !== null && !/^-?0\d/.test(s);
/** A free variable letter (not e, i, or a command name). */
export const hasVariable = (s: string) => /(^|[^\\a-zA-Z])[a-df-hj-zA-Z](?![a-zA-Z])/.test(s.replace(/\\[a-zA-Z]+/g, ' '));
export const topItems = (s: string) => splitTop(s, ',');

export function caseOf(category: string, g: Gold, pred: string, expected: boolean, how: string, extra: Partial<Case> = {}): Case {
  return { category, gold: g.answer, pred, expected, origin: `${g.origin}; ${how}`, ...extra };
}

export { evaluable };
