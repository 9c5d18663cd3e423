/** Interval answers ("interval notation" problems), as pieces of a union. */
import { splitTop } from './latex-text.ts';

export interface Piece { lo: string; hi: string; open: [boolean, boolean] }

export function intervalOf(answer: string, problem: string): Piece[] | null {
  if (!/interval/i.test(problem)) return null;
  const parts = answer.replace(/\\left|\\right/g, '').split(/\s*\\cup\s*/);
  const pieces: Piece[] = [];
  for (const p of parts) {
    const m = /^([[(])(.*)([\])])$/.exec(p.trim());
    if (!m) return null;
    const xs = splitTop(m[2], ',');
    if (xs.length !== 2) return null;
    pieces.push({ lo: xs[0], hi: xs[1], open: [m[1] === '(', m[3] === ')'] });
  }
  return pieces;
}

