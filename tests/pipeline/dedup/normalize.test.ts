import { describe, expect, it } from 'vitest';
import { normalizeProblem } from '../../../pipeline/dedup/normalize.ts';

const n = normalizeProblem;

describe('normalizeProblem', () => {
  it('folds math delimiters, spacing and trailing punctuation', () => {
    const a = n('What is $x^2 + 1$ when $x = 3$?');
    expect(n('What is \\(x^2+1\\) when \\( x=3 \\).')).toBe(a);
    expect(n('What  is\n$$x^2+1$$ when \\[x = 3\\]')).toBe(a);
    expect(a).toBe('what is x^2+1 when x=3');
  });
  it('folds \\dfrac, \\tfrac, \\left/\\right, \\displaystyle, spacing commands', () => {
    expect(n('$\\dfrac{1}{2}\\left(x\\right)$')).toBe(n('$\\frac{1}{2}(x)$'));
    expect(n('$\\tfrac12$')).toBe(n('$\\frac{1}{2}$'));
    expect(n('$\\displaystyle\\sum_{k=1}^{n} k\\,$')).toBe(n('$\\sum_{k=1}^n k$'));
    expect(n('$a \\le b$')).toBe(n('$a\\leq b$'));
    expect(n('$\\left\\{x\\right.$')).toBe(n('$\\{x$'));
  });
  it('applies NFKC and maps Unicode math symbols', () => {
    expect(n('Ｆｉｎｄ ２×３')).toBe(n('Find $2\\times 3$'));
    expect(n('x ≤ 5 − y')).toBe(n('$x \\leq 5 - y$'));
  });
  it('lower-cases prose but not math or command names', () => {
    expect(n('FIND the value')).toBe(n('find the value'));
    expect(n('Let $X$ be')).not.toBe(n('Let $x$ be'));
    expect(n('$\\Delta$')).not.toBe(n('$\\delta$'));
  });
  it('never folds digits or operators', () => {
    expect(n('$x^2$')).not.toBe(n('$x^3$'));
    expect(n('$x+1$')).not.toBe(n('$x-1$'));
    expect(n('12 apples')).not.toBe(n('21 apples'));
    expect(n('$x^{2}$')).toBe(n('$x^2$'));
  });
  it('treats currency \\$ like a plain $', () => {
    expect(n('It costs \\$5.')).toBe(n('It costs $5'));
  });
});
