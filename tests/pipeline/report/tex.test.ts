import katex from 'katex';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.ts';
import { join } from 'node:path';

interface Tex {
  macros: Record<string, string>;
  delimiters: { left: string; right: string; display: boolean }[];
  prepare(text: string): string;
}
// the same file report.html inlines before its client script
const TEX = runInNewContext(`${readFileSync(join(ROOT, 'pipeline/report/tex.js'), 'utf8')}; BIGMATH_TEX`) as Tex;

/** The math auto-render would hand KaTeX: the first delimited span (environments keep their \begin/\end). */
function firstMath(text: string): { math: string; display: boolean } | null {
  let best: { at: number; math: string; display: boolean } | null = null;
  for (const d of TEX.delimiters) {
    const at = text.indexOf(d.left);
    const end = at < 0 ? -1 : text.indexOf(d.right, at + d.left.length);
    if (end < 0 || (best && best.at <= at)) continue;
    const env = d.left.startsWith('\\begin');
    best = { at, display: d.display, math: env ? text.slice(at, end + d.right.length) : text.slice(at + d.left.length, end) };
  }
  return best;
}

function typesets(text: string): boolean {
  const m = firstMath(TEX.prepare(text));
  if (!m) return false;
  try {
    katex.renderToString(m.math, { throwOnError: true, strict: 'ignore', displayMode: m.display, macros: { ...TEX.macros } });
    return true;
  } catch {
    return false;
  }
}

describe('TeX in the report', () => {
  it('typesets \\mbox, a bare align* and a tabular, which KaTeX alone does not', () => {
    expect(typesets('The side is $5\\mbox{ cm}$ long.')).toBe(true);
    expect(typesets('Solve the system\n\\begin{align*}\nx + y &= 5 \\\\\nx - y &= 1\n\\end{align*}\nfor $x$.')).toBe(true);
    expect(typesets('The table\n$\\begin{tabular}{|c|c|}\\hline a & b \\\\ \\hline 1 & 2 \\\\ \\hline\\end{tabular}$\nshows it.')).toBe(true);
    expect(typesets('A bare table\n\\begin{tabular}{cc} 1 & 2 \\end{tabular}')).toBe(true);
  });
  it('still rejects TeX KaTeX cannot read (the check can fail)', () => {
    expect(typesets('$\\frac{1}{$')).toBe(false);
  });
});
