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

// The command aliases run as one regex and the space rule only tries spaces: these are the
// outputs of the rules applied one by one (the version before), on the cases where one pass
// could differ (a longer name sharing a prefix, a letter after the name, dots beside a
// backslash, spaces beside astral letters and lone surrogates).
describe('normalizeProblem, one-pass rules', () => {
  const cases: [string, string][] = [
    ['If $a \\le b\\ge c$ and $x\\leqslant y \\geqslant z$, $p \\ne q$', 'if a\\leq b\\geq c and x\\leq y\\geq z,p\\neq q'],
    ['$\\lt 1$ and $\\gt 2$, $f\\rightarrow g$, $\\leftarrow$', '<1 and>2,f\\to g,\\leftarrow'],
    ['Sum $1+2+\\dots+n$, $\\ldots$, $\\cdotsb x$, $\\dotsbx$, a\u2026 b... c', 'sum 1+2+\\dots+n,\\dots,\\dots x,\\dotsbx,a\\dots b\\dots c'],
    ['Costs \\textdollar 5 and \\textdollars', 'costs 5 and\\textdollars'],
    ['$\\dfrac12+\\tfrac{1}{3}+\\cfrac{2}{5}+\\dbinom{4}{2}+\\tbinom42+\\dfracx$', '\\frac{1}{2}+\\frac{1}{3}+\\frac{2}{5}+\\binom{4}{2}+\\binom42+\\dfracx'],
    ['$\\l\u2026$ and \\\\le x', '\\l\\dots and\\\\leq x'],
    ['x \ud835\udc65 + \u0661 , \u00e9 ) ( y', 'x x+\u0661,\u00e9)(y'],
    ['A ; b ! \ud835 c', 'a;b!\ud835c'],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(normalizeProblem(text)).toBe(expected);
  });
});
