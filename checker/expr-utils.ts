import type { Expr } from './types.ts';

/** Symbols that denote constants rather than variables. */
export const CONSTANT_NAMES: ReadonlySet<string> = new Set(['pi', 'e', 'i', 'inf']);

export function freeSymbols(e: Expr, out: Set<string> = new Set(), bound: ReadonlySet<string> = new Set()): Set<string> {
  switch (e.type) {
    case 'num': return out;
    case 'sym':
      if (!CONSTANT_NAMES.has(e.name) && !bound.has(e.name)) out.add(e.name);
      return out;
    case 'add': case 'mul': for (const a of e.args) freeSymbols(a, out, bound); return out;
    case 'neg': return freeSymbols(e.arg, out, bound);
    case 'div': freeSymbols(e.num, out, bound); return freeSymbols(e.den, out, bound);
    case 'pow': freeSymbols(e.base, out, bound); return freeSymbols(e.exp, out, bound);
    case 'pm': if (e.left) freeSymbols(e.left, out, bound); return freeSymbols(e.right, out, bound);
    case 'fn': {
      if ((e.name === 'sum' || e.name === 'prod') && e.args[0].type === 'sym') {
        const inner = new Set(bound);
        inner.add(e.args[0].name);
        freeSymbols(e.args[1], out, bound);
        freeSymbols(e.args[2], out, bound);
        return freeSymbols(e.args[3], out, inner);
      }
      for (const a of e.args) freeSymbols(a, out, bound);
      return out;
    }
  }
}

/** Names of uninterpreted functions (f(x), F_{n}) used in the expression. */
export function hasUnknownFunction(e: Expr): boolean {
  switch (e.type) {
    case 'num': case 'sym': return false;
    case 'add': case 'mul': return e.args.some(hasUnknownFunction);
    case 'neg': return hasUnknownFunction(e.arg);
    case 'div': return hasUnknownFunction(e.num) || hasUnknownFunction(e.den);
    case 'pow': return hasUnknownFunction(e.base) || hasUnknownFunction(e.exp);
    case 'pm': return (e.left !== null && hasUnknownFunction(e.left)) || hasUnknownFunction(e.right);
    case 'fn': return e.name.startsWith('apply:') || e.name.startsWith('sub:') || e.args.some(hasUnknownFunction);
  }
}

export function hasPm(e: Expr): boolean {
  switch (e.type) {
    case 'num': case 'sym': return false;
    case 'pm': return true;
    case 'add': case 'mul': return e.args.some(hasPm);
    case 'neg': return hasPm(e.arg);
    case 'div': return hasPm(e.num) || hasPm(e.den);
    case 'pow': return hasPm(e.base) || hasPm(e.exp);
    case 'fn': return e.args.some(hasPm);
  }
}

export function hasDecimal(e: Expr): boolean {
  switch (e.type) {
    case 'num': return e.decimal !== null;
    case 'sym': return false;
    case 'add': case 'mul': return e.args.some(hasDecimal);
    case 'neg': return hasDecimal(e.arg);
    case 'div': return hasDecimal(e.num) || hasDecimal(e.den);
    case 'pow': return hasDecimal(e.base) || hasDecimal(e.exp);
    case 'pm': return (e.left !== null && hasDecimal(e.left)) || hasDecimal(e.right);
    case 'fn': return e.args.some(hasDecimal);
  }
}

const MAX_PM_VALUES = 8;

/** All sign choices of ± (each ± is one independent choice), at most 8 values. */
export function expandPm(e: Expr): Expr[] {
  const out = expand(e);
  if (out.length > MAX_PM_VALUES) return out.slice(0, MAX_PM_VALUES);
  return out;
}

function combos(lists: Expr[][]): Expr[][] {
  let acc: Expr[][] = [[]];
  for (const l of lists) {
    const next: Expr[][] = [];
    for (const a of acc) for (const x of l) if (next.length < 64) next.push([...a, x]);
    acc = next;
  }
  return acc;
}

function expand(e: Expr): Expr[] {
  switch (e.type) {
    case 'num': case 'sym': return [e];
    case 'pm': {
      const rs = expand(e.right);
      const ls = e.left ? expand(e.left) : [null];
      const out: Expr[] = [];
      for (const sign of [1, -1]) for (const l of ls) for (const r of rs) {
        const term: Expr = sign === 1 ? r : { type: 'neg', arg: r };
        out.push(l === null ? term : { type: 'add', args: [l, term] });
      }
      return out;
    }
    case 'add': case 'mul': return combos(e.args.map(expand)).map((args) => ({ type: e.type, args }));
    case 'neg': return expand(e.arg).map((arg) => ({ type: 'neg', arg }));
    case 'div': return combos([expand(e.num), expand(e.den)]).map(([num, den]) => ({ type: 'div', num, den }));
    case 'pow': return combos([expand(e.base), expand(e.exp)]).map(([base, exp]) => ({ type: 'pow', base, exp }));
    case 'fn': return combos(e.args.map(expand)).map((args) => ({ type: 'fn', name: e.name, args }));
  }
}

export function isInfinity(e: Expr): boolean {
  return (e.type === 'sym' && e.name === 'inf') || (e.type === 'neg' && isInfinity(e.arg));
}

/** `-12.5` written as a plain decimal literal: the only shape the 'rounded' decimal policy applies to. */
export function bareDecimal(e: Expr): { text: string; places: number; negative: boolean } | null {
  let neg = false;
  while (e.type === 'neg') { neg = !neg; e = e.arg; }
  if (e.type !== 'num' || e.decimal === null) return null;
  const dot = e.decimal.indexOf('.');
  return { text: e.decimal, places: dot < 0 ? 0 : e.decimal.length - dot - 1, negative: neg };
}

/** The expression with symbols renamed (all at once, so swapping x and y works). */
export function renameSymbols(e: Expr, names: ReadonlyMap<string, string>): Expr {
  const r = (x: Expr) => renameSymbols(x, names);
  switch (e.type) {
    case 'num': return e;
    case 'sym': return names.has(e.name) ? { type: 'sym', name: names.get(e.name)! } : e;
    case 'add': case 'mul': return { type: e.type, args: e.args.map(r) };
    case 'neg': return { type: 'neg', arg: r(e.arg) };
    case 'div': return { type: 'div', num: r(e.num), den: r(e.den) };
    case 'pow': return { type: 'pow', base: r(e.base), exp: r(e.exp) };
    case 'pm': return { type: 'pm', left: e.left ? r(e.left) : null, right: r(e.right) };
    case 'fn': return { type: 'fn', name: e.name, args: e.args.map(r) };
  }
}
