import { describe, expect, it } from 'vitest';
import { canonicalize, classify } from '../../checker/index.ts';

describe('canonical form', () => {
  it.each([
    ['\\frac{2}{4}', '\\frac{1}{2}'], ['\\dfrac12', '\\frac{1}{2}'], ['0.50', '0.5'], ['1,000', '1000'], ['x = 3', '3'],
    ['2\\sqrt{33}+15', '15+2\\cdot \\sqrt{33}'], ['15+2\\sqrt{33}', '15+2\\cdot \\sqrt{33}'], ['\\{3,1,2\\}', '\\{1,2,3\\}'],
    ['(1,2)', '\\left(1,2\\right)'], ['[0,1)', '[0,1)'], ['90^\\circ', '90'], ['b+a', 'a+b'],
  ])('%s → %s', (answer, canonical) => {
    expect(canonicalize(answer)).toBe(canonical);
  });
  it('is deterministic and idempotent on real-looking answers', () => {
    for (const a of ['\\frac{\\sqrt{\\sqrt{11}+\\sqrt{194}}}{15+2\\sqrt{33}}', '(-\\infty,-2]\\cup[3,\\infty)', 'y=-\\frac{1}{2}x+3',
      '\\begin{pmatrix}1&-2\\\\0.5&x\\end{pmatrix}', '3\\pm 2\\sqrt{2}', '\\sin^2\\theta', '\\log_{2}(x+1)', '7:32', 'n!\\cdot 2^{n}',
      'a_{1}+a_{2}', '\\sum_{k=0}^{n-1} F_k F_{n-k-1}', 'f(x)=x^2', '0 < x \\le 1', '|x-1|', '\\lfloor x\\rfloor']) {
      const c = canonicalize(a);
      expect(c, a).not.toBeNull();
      expect(canonicalize(c!), a).toBe(c);
      expect(classify(c!).kind, a).toBe(classify(a).kind);
    }
  });
});
