import { ParseError } from './parse-error.ts';
import { asExpr } from './parse-nodes.ts';
import type { Expr, Interval, Node, ParsedAnswer, RelOp } from './types.ts';
import { freeSymbols, hasPm, expandPm, isInfinity } from './expr-utils.ts';

/**
 * Gives the raw syntax tree its answer meaning: which brackets are tuples, intervals or sets,
 * which `x = ...` is a label rather than an equation, how lists of answers combine.
 */

interface Labeled {
  answer: ParsedAnswer;
  /** Name of the variable(s) on the left of `x = value`, when the answer was written that way. */
  label: string | null;
}

const CONSTANTS = new Set(['pi', 'e', 'i', 'inf']);
/** Names of numbered roots of an unknown: x_1, x_{2}, z_3, \lambda_1. */
const ROOT_LABEL = /^(?:[xyztuvwrs]|lambda)_\d+$/;

/**
 * Names of quantities: `x`, `x_1`, `S_{ABC}`, a segment `AB`, `|AB|`, `f(2)`, `f(x)`, a ratio `A:B` or
 * `\frac{NO}{BO}`. An answer written `name = value` is the value; a name is never a computation.
 */
function nameOf(e: Expr): string | null {
  if (e.type === 'sym' && !CONSTANTS.has(e.name)) return e.name;
  if (e.type === 'fn' && e.name === 'ratio' && e.args.every((a) => nameOf(a) !== null)) return 'ratio';
  if (e.type === 'fn' && e.name.startsWith('apply:')
    && e.args.every((a) => freeSymbols(a).size === 0 || (a.type === 'sym' && !CONSTANTS.has(a.name)))) return e.name;
  if (e.type === 'mul' && e.args.length <= 4 && e.args.every((a) => a.type === 'sym' && /^[A-Z]$/.test(a.name))) return 'segment';
  if (e.type === 'fn' && e.name === 'abs' && e.args.length === 1) {
    const inner = nameOf(e.args[0]);
    return inner === null ? null : `|${inner}|`;
  }
  if (e.type === 'div') {
    const a = nameOf(e.num), b = nameOf(e.den);
    return a !== null && b !== null ? 'ratio' : null;
  }
  return null;
}

/** `f(x)`, `g(a, b)`: an unknown function applied to distinct variables. */
export function isDefinition(e: Expr): e is Extract<Expr, { type: 'fn' }> {
  return e.type === 'fn' && e.name.startsWith('apply:') && e.args.length > 0
    && e.args.every((a) => a.type === 'sym' && !CONSTANTS.has(a.name))
    && new Set(e.args.map((a) => (a as { name: string }).name)).size === e.args.length;
}

function labelOf(n: Node): string | null {
  if (n.type === 'expr') return nameOf(n.expr);
  if (n.type === 'list' && (n.open === '(' || n.open === '') && n.items.length > 1) {
    const names = n.items.map(labelOf);
    return names.every((x) => x !== null) ? names.join(',') : null;
  }
  return null;
}

function exprAnswer(e: Expr): ParsedAnswer {
  if (hasPm(e)) {
    const vals = expandPm(e);
    return { kind: 'set', braces: false, items: vals.map((v) => exprAnswer(v)) };
  }
  return { kind: freeSymbols(e).size === 0 ? 'number' : 'expression', expr: e };
}

function toInterval(a: ParsedAnswer): Interval | null {
  if (a.kind === 'interval' && a.parts.length === 1) return a.parts[0];
  if (a.kind === 'tuple' && a.items.length === 2) {
    const [lo, hi] = a.items;
    if ((lo.kind === 'number' || lo.kind === 'expression') && (hi.kind === 'number' || hi.kind === 'expression')) {
      return { lo: lo.expr, hi: hi.expr, loClosed: false, hiClosed: false };
    }
  }
  return null;
}

function interpretList(n: Extract<Node, { type: 'list' }>, depth: number): Labeled {
  const { open, close } = n;
  if (open === ';') {
    // "p=5,q=2; p=7,q=2": groups separated by semicolons are the alternatives.
    return { answer: { kind: 'set', braces: false, items: n.items.map((x) => interpret(x, depth + 1).answer) }, label: null };
  }
  if (open === '' || open === '{') {
    if (n.items.length === 1) return interpret(n.items[0], depth + 1);
    const parts = n.items.map((x) => interpret(x, depth + 1));
    const labels = parts.map((p) => p.label);
    // "x_1=2, x_2=-3": numbered roots of one unknown are the solution set, in no particular order.
    if (labels.every((l) => l !== null && ROOT_LABEL.test(l)) && new Set(labels.map((l) => l!.split('_')[0])).size === 1) {
      return { answer: { kind: 'set', braces: false, items: parts.map((p) => p.answer) }, label: null };
    }
    // "AB=4, CD=5" or "a=2, b=3": distinct names make an ordered tuple of values.
    if (labels.every((l) => l !== null) && new Set(labels).size === labels.length && parts.length > 1
      && labels.every((l) => !l!.includes(','))) {
      return { answer: { kind: 'tuple', items: parts.map((p) => p.answer), labels: labels as string[] }, label: null };
    }
    // A list of answers is unordered; ± expansions inside it join the list.
    const items: ParsedAnswer[] = [];
    for (const p of parts) {
      if (p.answer.kind === 'set' && !p.answer.braces) items.push(...p.answer.items);
      else items.push(p.answer);
    }
    return { answer: { kind: 'set', braces: false, items }, label: null };
  }
  if (open === '\\{') {
    return { answer: { kind: 'set', braces: true, items: n.items.map((x) => interpret(x, depth + 1).answer) }, label: null };
  }
  const items = n.items.map((x) => interpret(x, depth + 1).answer);
  if (items.length === 1 && open === '(' && close === ')') return { answer: items[0], label: null };
  if (items.length === 2 && items.every((x) => x.kind === 'number' || x.kind === 'expression')) {
    const [lo, hi] = items as Array<Extract<ParsedAnswer, { expr: Expr }>>;
    const hasInf = isInfinity(lo.expr) || isInfinity(hi.expr);
    if (open === '[' || close === ']' || hasInf) {
      return {
        answer: { kind: 'interval', parts: [{ lo: lo.expr, hi: hi.expr, loClosed: open === '[', hiClosed: close === ']' }] },
        label: null,
      };
    }
  }
  if (open === '(' && close === ')' || open === '[' && close === ']') return { answer: { kind: 'tuple', items }, label: null };
  throw new ParseError('mismatched_brackets');
}

function interpretRel(n: Extract<Node, { type: 'rel' }>, depth: number): Labeled {
  const { ops, parts } = n;
  if (ops.length === 1 && ops[0] === 'in') return interpret(parts[1], depth + 1);
  if (ops.every((o) => o === '=')) {
    const label = labelOf(parts[0]);
    // "x = 5 + 5 + 1 = 11", "(p,q) = (3,2)": the last member is the answer.
    if (label !== null) {
      const last = interpret(parts[parts.length - 1], depth + 1).answer;
      const lhs = parts[0].type === 'expr' ? parts[0].expr : null;
      const lastE = 'expr' in last ? last.expr : null;
      const selfRef = lhs && lhs.type === 'sym' && lastE && freeSymbols(lastE).has(lhs.name);
      // f(x) = x^2 defines a function: kept as an equation so f(y) = y^2 can match it by renaming.
      if (!selfRef && lhs !== null && isDefinition(lhs) && last.kind === 'expression' && lastE) {
        return { answer: { kind: 'equation', lhs, rhs: lastE }, label };
      }
      if (!selfRef && (last.kind !== 'expression' || lhs === null || lhs.type !== 'sym')) return { answer: last, label };
      if (!selfRef && lhs && lhs.type === 'sym' && lastE) {
        // y = 2x + 1 stays an equation, but compare.ts may also read it as its right-hand side.
        return { answer: { kind: 'equation', lhs, rhs: lastE }, label };
      }
    }
    const exprs = parts.map((p) => asExpr(p));
    if (parts.length > 2 || exprs.every((e) => freeSymbols(e).size === 0)) {
      const consts = exprs.filter((e) => freeSymbols(e).size === 0);
      if (consts.length === exprs.length || parts.length > 2) return { answer: exprAnswer(exprs[exprs.length - 1]), label: null };
    }
    if (freeSymbols(exprs[0]).size === 0 && exprs.length === 2 && labelOf(parts[1]) !== null) {
      return { answer: exprAnswer(exprs[0]), label: labelOf(parts[1]) };
    }
    return { answer: { kind: 'equation', lhs: exprs[0], rhs: exprs[exprs.length - 1] }, label: null };
  }
  if (ops.includes('in')) throw new ParseError('bad_relation');
  const exprs = parts.map((p) => asExpr(p));
  return { answer: { kind: 'inequality', parts: exprs, ops: ops as RelOp[] }, label: null };
}

export function interpret(n: Node, depth = 0): Labeled {
  if (depth > 60) throw new ParseError('too_deep');
  switch (n.type) {
    case 'expr': return { answer: exprAnswer(n.expr), label: null };
    case 'text': return { answer: { kind: 'not_closed_form', reason: 'prose', text: n.text }, label: null };
    case 'list': return interpretList(n, depth);
    case 'rel': return interpretRel(n, depth);
    case 'matrix':
      return { answer: { kind: 'matrix', rows: n.rows.map((r) => r.map((c) => asExpr(c))) }, label: null };
    case 'union': {
      const parts: Interval[] = [];
      for (const a of n.args) {
        const ans = interpret(a, depth + 1).answer;
        if (ans.kind === 'interval') parts.push(...ans.parts);
        else if (ans.kind === 'set' && ans.braces && ans.items.every((x) => x.kind === 'number')) {
          // (-∞, 0) ∪ {1}: isolated points are degenerate closed intervals.
          for (const x of ans.items) if (x.kind === 'number') parts.push({ lo: x.expr, hi: x.expr, loClosed: true, hiClosed: true });
        } else {
          const iv = toInterval(ans);
          if (!iv) throw new ParseError('union_of_non_intervals');
          parts.push(iv);
        }
      }
      return { answer: { kind: 'interval', parts }, label: null };
    }
  }
}

export { toInterval };
