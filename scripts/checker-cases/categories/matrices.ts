/** Matrices and column vectors (pmatrix answers of MATH precalculus and OpenMathInstruct-2). */
import { caseOf, distinct, draw, type Case, type Generator } from '../kit.ts';
import { allDistinct, perturbOne, rewriteOne } from '../elements.ts';

const C = 'matrices-vectors';

function gridOf(answer: string): string[][] | null {
  const m = /^\\begin\{pmatrix\}(.*)\\end\{pmatrix\}$/.exec(answer.trim());
  if (!m) return null;
  const rows = m[1].split('\\\\').map((r) => r.trim()).filter((r) => r !== '').map((r) => r.split('&').map((x) => x.trim()));
  if (rows.length === 0 || rows.some((r) => r.length !== rows[0].length || r.some((x) => x === ''))) return null;
  return rows;
}

const show = (rows: string[][], env = 'pmatrix', sp = ' ') => `\\begin{${env}}${sp}${rows.map((r) => r.join(` & `)).join(` \\\\${sp}`)}${sp}\\end{${env}}`;

export const matrices: Generator = (golds, rng) => {
  const out: Case[] = [];
  const pool = distinct(golds).filter((g) => gridOf(g.answer) !== null);
  for (const g of draw(pool, 400, rng)) {
    const rows = gridOf(g.answer) as string[][];
    const flat = rows.flat(), w = rows[0].length;
    const back = (xs: string[]) => rows.map((_, i) => xs.slice(i * w, i * w + w));
    const t: [string, string][] = [
      [show(rows, 'bmatrix'), 'bmatrix'],
      [show(rows, 'pmatrix', ''), 'spacing'],
      [`\\left(${show(rows, 'matrix')}\\right)`, '\\left( matrix \\right)'],
    ];
    const rw = rewriteOne(flat, rng);
    if (rw) t.push([show(back(rw[0])), rw[1]]);
    const f: [string, string][] = [];
    const pb = perturbOne(flat, rng);
    if (pb) f.push([show(back(pb[0])), pb[1]]);
    if (rows.length >= 2 && w >= 2) {
      const tr = rows[0].map((_, j) => rows.map((r) => r[j]));
      if (tr.some((r, i) => r.some((x, j) => x !== rows[i][j])) && allDistinct([rows[0][1], rows[1][0]])) f.push([show(tr), 'transposed']);
    }
    if (rows.length >= 2) f.push([show(rows.slice(0, -1)), 'last row missing']);
    if (rows.length >= 2 && allDistinct([rows[0][0], rows[1][0]])) f.push([show([rows[1], rows[0], ...rows.slice(2)]), 'first two rows swapped']);
    for (const [p, how] of rng.sample(t.filter(([p]) => p !== g.answer), 2)) out.push(caseOf(C, g, p, true, how));
    for (const [p, how] of rng.sample(f, 2)) out.push(caseOf(C, g, p, false, how));
  }
  return out;
};
