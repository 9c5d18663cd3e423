import type { Expr, Node } from './types.ts';

/**
 * Arithmetic on written matrices, so that an answer left as a sum or product of matrices
 * (`\begin{pmatrix}1&2\\3&4\end{pmatrix}\begin{pmatrix}5\\6\end{pmatrix}`) is the matrix it denotes.
 * Entries stay expression trees; the comparator evaluates them. Shape mismatches are not answers.
 */

export class MatrixShapeError extends Error {}

type Grid = Expr[][];

function gridOf(n: Extract<Node, { type: 'matrix' }>, asExpr: (n: Node) => Expr): Grid {
  return n.rows.map((r) => r.map(asExpr));
}
const nodeOf = (g: Grid): Node => ({ type: 'matrix', rows: g.map((r) => r.map((expr): Node => ({ type: 'expr', expr }))) });

/** Entry count above which products are refused (keeps every call bounded). */
const MAX_ENTRIES = 400;

export function matrixProduct(a: Node, b: Node, asExpr: (n: Node) => Expr): Node {
  if (a.type === 'matrix' && b.type === 'matrix') {
    const x = gridOf(a, asExpr), y = gridOf(b, asExpr);
    if (x[0].length !== y.length || x.length * y[0].length * y.length > MAX_ENTRIES) throw new MatrixShapeError('product shape');
    return nodeOf(x.map((row) => y[0].map((_, j) => ({ type: 'add', args: row.map((v, k): Expr => ({ type: 'mul', args: [v, y[k][j]] })) }))));
  }
  if (a.type === 'matrix') return nodeOf(gridOf(a, asExpr).map((r) => r.map((v): Expr => ({ type: 'mul', args: [v, asExpr(b)] }))));
  if (b.type === 'matrix') return nodeOf(gridOf(b, asExpr).map((r) => r.map((v): Expr => ({ type: 'mul', args: [asExpr(a), v] }))));
  throw new MatrixShapeError('no matrix');
}

export function matrixQuotient(a: Node, b: Node, asExpr: (n: Node) => Expr): Node {
  if (a.type !== 'matrix' || b.type === 'matrix') throw new MatrixShapeError('division by a matrix');
  const d = asExpr(b);
  return nodeOf(gridOf(a, asExpr).map((r) => r.map((v): Expr => ({ type: 'div', num: v, den: d }))));
}

export function matrixSum(terms: Array<{ node: Node; negate: boolean }>, asExpr: (n: Node) => Expr): Node {
  let acc: Grid | null = null;
  for (const { node, negate } of terms) {
    if (node.type !== 'matrix') throw new MatrixShapeError('matrix plus scalar');
    const g = gridOf(node, asExpr).map((r) => r.map((v): Expr => (negate ? { type: 'neg', arg: v } : v)));
    if (acc === null) { acc = g; continue; }
    if (acc.length !== g.length || acc[0].length !== g[0].length) throw new MatrixShapeError('sum shape');
    const prev: Grid = acc;
    acc = prev.map((r, i) => r.map((v, j): Expr => ({ type: 'add', args: [v, g[i][j]] })));
  }
  if (acc === null) throw new MatrixShapeError('empty sum');
  return nodeOf(acc);
}

export function matrixPower(a: Node, k: Expr, asExpr: (n: Node) => Expr): Node {
  if (k.type !== 'num' || k.value.d !== 1n || k.value.n < 1n || k.value.n > 8n) throw new MatrixShapeError('matrix power');
  let acc = a;
  for (let i = 1n; i < k.value.n; i++) acc = matrixProduct(acc, a, asExpr);
  return acc;
}
