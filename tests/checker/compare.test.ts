import { describe, expect, it } from 'vitest';
import { isEquivalent } from '../../checker/index.ts';

const same = (title: string, pairs: Array<[string, string]>) =>
  describe(title, () => {
    it.each(pairs)('%s == %s', (a, b) => {
      expect(isEquivalent(a, b)).toBe(true);
      expect(isEquivalent(b, a)).toBe(true);
    });
  });
const differ = (title: string, pairs: Array<[string, string]>) =>
  describe(title, () => {
    it.each(pairs)('%s != %s', (a, b) => {
      expect(isEquivalent(a, b)).toBe(false);
      expect(isEquivalent(b, a)).toBe(false);
    });
  });

same('numbers: exact integers, rationals, big numbers', [
  ['5', '5.0'], ['-5', '−5'], ['\\frac{1}{2}', '0.5'], ['\\frac{2}{4}', '\\frac12'], ['\\dfrac{10}{9}', '10/9'],
  ['-\\frac{10}{9}', '\\frac{-10}{9}'], ['123456789012345678901234567890', '123456789012345678901234567890'],
  ['2^{100}', '1267650600228229401496703205376'], ['10!', '3628800'], ['\\binom{10}{3}', '120'], ['3\\frac{1}{2}', '\\frac72'],
  ['1,000,000', '1000000'], ['12{,}000', '12000'], ['32,\\!349', '32349'], ['0.\\overline{3}', '\\frac13'],
  ['0.1\\overline{6}', '\\frac16'], ['1e', 'e'],
]);
same('numbers: radicals, constants, complex', [
  ['2\\sqrt{2}', '\\sqrt{8}'], ['\\sqrt[3]{27}', '3'], ['\\frac{\\sqrt{3}}{3}', '\\frac{1}{\\sqrt{3}}'], ['\\pi', '\\pi'],
  ['2\\pi', '\\pi\\cdot 2'], ['\\frac{9}{4}\\pi', '\\frac94\\pi'], ['e^{2}', 'e^2'], ['1+2i', '2i+1'], ['i^2', '-1'],
  ['\\sqrt{-4}', '2i'], ['\\log_2 8', '3'], ['\\ln e', '1'], ['\\sin 30^\\circ', '\\frac12'], ['16\\sqrt[4]{3}', '16 \\cdot 3^{1/4}'],
  ['\\sqrt{17}', '4.123105625617661'],
]);
same('normalisation of presentation', [
  ['\\left(1,2\\right)', '(1,2)'], ['90^\\circ', '90'], ['90°', '90'], ['45\\%', '45'], ['45 percent', '45'], ['\\$5.50', '5.5'],
  ['5 dollars', '5'], ['15\\mbox{ cm}^2', '15'], ['12 \\text{ inches}', '12'], ['x = 3', '3'], ['\\displaystyle \\frac{1}{2}', '0.5'],
  ['\\text{(C)}', 'C'], ['\\text{Even}', 'even'], ['1\\,000', '1000'], ['\\boxed{7}', '7'], ['$$7$$', '7'],
]);
same('expressions', [
  ['x^2+2x+1', '(x+1)^2'], ['\\frac{x+2}{7}', '\\frac{x}{7}+\\frac{2}{7}'], ['\\sin^2 x + \\cos^2 x', '1'],
  ['\\sqrt{x^2}', '|x|'], ['\\ln(xy)', '\\ln x + \\ln y'], ['\\binom{n}{2}', '\\frac{n(n-1)}{2}'], ['n!', 'n(n-1)!'],
  ['2^{n+1}', '2\\cdot 2^n'], ['\\frac{\\pi r}{h+r}', '\\frac{r\\pi}{r+h}'], ['a_1 + a_2', 'a_2 + a_1'], ['\\tan x', '\\frac{\\sin x}{\\cos x}'],
  ['e^{i\\pi}', '-1'],
]);
same('equations', [
  ['y = 2x + 1', '2x + 1 = y'], ['x^2/4 + y^2/3 = 1', '3x^2 + 4y^2 = 12'], ['34x+45y-20z+100=0', '-34x-45y+20z-100=0'],
  ['y = 2x+1', '2x+1'], ['f(x) = x^2', 'f(x) = x\\cdot x'], ['(p,q) = (3,2)', '(3,2)'], ['x = 5+5+1 = 11', '11'],
]);
same('inequalities and intervals', [
  ['x \\le 3', '(-\\infty, 3]'], ['x > 2', '(2, \\infty)'], ['5 \\ge x', 'x \\leq 5'], ['-2 \\le x \\le 7', 'x \\in [-2,7]'],
  ['0 < x < 1', '(0,1)'], ['x \\ne 3', '(-\\infty,3)\\cup(3,\\infty)'], ['1 \\le |z| \\le \\frac32', '[-\\frac32,-1]\\cup[1,\\frac32]'],
  ['[-1, -\\frac{1}{2}) \\cup (-\\frac{1}{2}, 0)', '[-1,-0.5)\\cup(-0.5,0)'], ['\\{x \\mid 2 < x < 3\\}', '(2,3)'],
  ['x^2 < 4', '(-2, 2)'],
]);
same('sets, tuples, lists', [
  ['\\{1,2,3\\}', '\\{3,2,1\\}'], ['1, 2, 3', '3, 2, 1'], ['(1,2)', '\\left( 1, 2 \\right)'], ['3 \\pm 2\\sqrt{2}', '3+2\\sqrt2, 3-2\\sqrt2'],
  ['(5,8), (8,5)', '(8,5), (5,8)'], ['x = 1, x = 2', '2, 1'], ['\\emptyset', '\\{\\}'], ['p=5,q=2;p=7,q=2', '(5,2),(7,2)'],
  ['AB=4, CD=5', '4, 5'], ['7:32', '14:64'], ['\\{5\\}', '5'],
]);
same('matrices and vectors', [
  ['\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}'],
  ['\\begin{pmatrix}1\\\\2\\end{pmatrix}', '(1,2)'], ['\\begin{pmatrix}\\frac12&0\\\\0&1\\end{pmatrix}', '\\begin{pmatrix}0.5&0\\\\0&1\\end{pmatrix}'],
  ['\\left[\\begin{array}{cc}1 & 2 \\\\3 & 4\\end{array}\\right]', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}'],
]);

differ('different answers', [
  ['2', '3'], ['\\frac12', '\\frac13'], ['2^{100}', '2^{100}+1'], ['\\sqrt2', '1.42'], ['\\pi', '3.15'], ['\\pi', '3.1'], ['x+1', 'x+2'], ['x', 'y'],
  ['f(x)', 'f(y)'], ['x^2', 'x'], ['\\sqrt{x^2}', 'x'], ['y=2x+1', 'y=2x-1'], ['x \\ge 5', 'x \\le 5'], ['x<1', 'x>-1'],
  ['(0,9)', '[0,9)'], ['[0,1]', '[0,1)'], ['(1,2)', '(2,1)'], ['\\{1,2\\}', '\\{1,2,3\\}'], ['1, 2', '1, 2, 3'], ['\\pm 2021', '2021'],
  ['\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&5\\end{pmatrix}'], ['12:00', '1:00'], ['a+3z=0', '0'],
  ['1+2i', '1-2i'], ['\\text{yes}', '\\text{no}'], ['A', 'B'], ['2\\sqrt{3}', '3\\sqrt{2}'], ['10^{10^{10}}', '10^{10^{10}}+1'],
  ['0.333', '\\frac{1}{3}+0.001'], ['(1,2)', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}'], ['\\emptyset', '0'],
]);

describe('decimal policy', () => {
  it("defaults to 'rounded': a decimal with enough significant digits matches the value it rounds to", () => {
    expect(isEquivalent('\\frac13', '0.333')).toBe(true);
    expect(isEquivalent('\\frac23', '0.667')).toBe(true);
    expect(isEquivalent('\\frac23', '0.666')).toBe(true); // truncated
    expect(isEquivalent('\\frac13', '0.33')).toBe(false); // too few significant digits
    expect(isEquivalent('\\frac13', '0.334')).toBe(false);
    expect(isEquivalent('\\sqrt2', '1.414')).toBe(true);
    expect(isEquivalent('\\pi', '3.1416')).toBe(true);
    expect(isEquivalent('\\pi', '3.14')).toBe(true);
  });
  it("'exact' treats decimals as exact rationals", () => {
    expect(isEquivalent('\\frac13', '0.333', { decimalPolicy: 'exact' })).toBe(false);
    expect(isEquivalent('\\frac12', '0.5', { decimalPolicy: 'exact' })).toBe(true);
  });
  it("'tolerance' compares everything with a relative tolerance", () => {
    expect(isEquivalent('\\frac13', '0.3333', { decimalPolicy: 'tolerance', relTol: 1e-3 })).toBe(true);
    expect(isEquivalent('\\frac13', '0.3', { decimalPolicy: 'tolerance', relTol: 1e-3 })).toBe(false);
  });
});

same('labelled answers and other notations', [
  ['a=2, b=3', 'b=3, a=2'], ['x \\in \\mathbb{R}', '(-\\infty, \\infty)'], ['\\mathbb{R}', '-\\infty < x < \\infty'],
  ['1.5e3', '1500'], ['2.5 \\times 10^{-3}', '0.0025'], ['x^2 + y^2 = 1', 'y^2 + x^2 = 1'], ['\\frac{1}{2}x', '\\frac{x}{2}'],
]);
differ('labelled answers that differ', [['a=2, b=3', 'a=3, b=2'], ['a=2, b=3', '3, 2']]);
