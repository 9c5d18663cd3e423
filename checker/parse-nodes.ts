import { fromDecimal, rat } from './rational.ts';
import { MatrixShapeError } from './matrix-ops.ts';
import { ParseError } from './parse-error.ts';
import type { Expr, Node } from './types.ts';

/** Constructors and conversions for the parser's two trees: expressions (Expr) and answer structure (Node). */

export const num = (v: string | bigint): Expr => (typeof v === 'bigint'
  ? { type: 'num', value: rat(v), decimal: null }
  : { type: 'num', value: fromDecimal(v.replace(/\.$/, ''))!, decimal: v.includes('.') && !v.endsWith('.') ? v : null });
export const sym = (name: string): Expr => ({ type: 'sym', name });
export const fn = (name: string, ...args: Expr[]): Expr => ({ type: 'fn', name, args });
export const ex = (expr: Expr): Node => ({ type: 'expr', expr });

export function asExpr(n: Node): Expr {
  if (n.type === 'expr') return n.expr;
  // A one-element bracket is plain grouping.
  // A one-element bracket is plain grouping; `\left[ ... \right]` is used as big parentheses too.
  if (n.type === 'list' && n.items.length === 1 && (n.open === '(' || n.open === '{' || n.open === '' || (n.open === '[' && n.close === ']'))) {
    return asExpr(n.items[0]);
  }
  throw new ParseError('structure_in_arithmetic');
}

/**
 * Entries inside a bracket: comma-separated, or semicolon-separated (`(0;-2;6)`) when no entry holds
 * a comma of its own.
 */
export function bracketItems(inner: Node): Node[] {
  if (inner.type !== 'list') return [inner];
  if (inner.open === '') return inner.items;
  if (inner.open === ';' && inner.items.every((x) => x.type !== 'list' || x.open !== '')) return inner.items;
  return [inner];
}

/** Parse nodes carry `type` values no Expr uses ('expr', 'matrix', ...): that tells the two apart. */
export function isNode(x: Node | Expr): x is Node {
  return x.type === 'expr' || x.type === 'matrix' || x.type === 'list' || x.type === 'rel' || x.type === 'union' || x.type === 'text';
}

export function guardShape(f: () => Node): Node {
  try {
    return f();
  } catch (e) {
    if (e instanceof MatrixShapeError) throw new ParseError('matrix_shape');
    throw e;
  }
}

export function idExpr(v: string): Expr {
  if (v === 'pi') return sym('pi');
  if (v === 'inf' || v === 'infty' || v === 'infinity') return sym('inf');
  return sym(v);
}

/** Appends in place: products are built left to right from nodes this parser just created. */
export function mulOf(a: Expr, b: Expr): Expr {
  if (a.type === 'mul') {
    a.args.push(b);
    return a;
  }
  return { type: 'mul', args: [a, b] };
}
