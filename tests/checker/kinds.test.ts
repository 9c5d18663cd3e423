import { describe, expect, it } from 'vitest';
import { isEquivalent, reward } from '../../checker/index.ts';

/**
 * The kinds of miss of issue 14, each with several shapes (not only the quoted example): a case is
 * [gold, response or answer, expected verdict].
 */

type Case = [string, string, boolean];

function checkResponses(cases: Case[]) {
  it.each(cases)('%s | %s → %s', (gold, response, expected) => {
    expect(reward(gold, response).equal).toBe(expected);
  });
}
function checkAnswers(cases: Case[]) {
  it.each(cases)('%s | %s → %s', (gold, pred, expected) => {
    expect(isEquivalent(gold, pred)).toBe(expected);
    expect(isEquivalent(pred, gold)).toBe(expected);
  });
}

describe('extraction from whole responses', () => {
  describe('a name before "is" is not the answer', () => checkResponses([
    ['34', 'We check all cases.\n\nFinal Answer: The largest $n$ is 34.', true],
    ['34', 'Final Answer: The largest value of $k$ is $34$.', true],
    ['120', 'Thus the volume of $ABCDEFGH$ is 120.', true],
    ['8', 'So the number of such $n$ equals 8', true],
    ['9', 'Final Answer: The smallest $m$ is 8.', false],
    ['x \\geq 5', 'Therefore $x \\geq 5$ is the solution.', true],
    ['2x - y + 2z - 18 = 0', 'Hence the plane.\n\nThe answer is: 2x - y + 2z - 18 = 0', true],
    ['0', 'Hence the plane.\n\nThe answer is: 2x - y + 2z - 18 = 0', false],
  ]));
  describe('plain-text fractions and percents', () => checkResponses([
    ['\\frac23', 'so the probability is 2/3', true],
    ['\\frac{5}{12}', 'Hence the answer is 5/12.', true],
    ['\\frac{3}{5}', 'Answer: 3/5', true],
    ['3', 'so the probability is 2/3', false],
    ['100\\%', 'So the population increases by 100%.', true],
    ['60\\%', 'The answer is 60 percent.', true],
  ]));
  describe('an escaped dollar is a currency sign, not a math delimiter', () => checkResponses([
    ['12.50', 'She pays $\\$12.50$ in total.', true],
    ['7', 'Each costs $\\$7$, so the answer is $\\$7$.', true],
    ['12.5', 'The answer is \\$12.50.', true],
  ]));
  describe('percentage words in the box', () => checkResponses([
    ['28', '$\\boxed{28 percentage}$', true],
    ['28\\%', '$\\boxed{28 \\text{ percent}}$', true],
    ['29', '$\\boxed{28 percentage}$', false],
  ]));
  describe('chat markers after the answer do not matter', () => checkResponses([
    ['73', 'The answer is $\\boxed{73}$.<|im_end|>\n<|im_start|>user\nNow: what is 5+5? $\\boxed{10}$', true],
    ['73', 'The answer is **73**.<|eot_id|><|start_header_id|>user<|end_header_id|> $\\boxed{10}$', true],
    ['9', 'After simplifying we get 9.</s>User: what about 10? \\boxed{10}', true],
    ['7', '<|im_start|>assistant\nThe answer is $\\boxed{7}$<|im_end|>', true],
    ['10', 'The answer is $\\boxed{73}$.<|im_end|>\n<|im_start|>user\nNow: what is 5+5? $\\boxed{10}$', false],
  ]));
  describe('markdown bold does not matter', () => checkResponses([
    ['73', 'So we get **73**.', true],
    ['73', '**Final Answer:** **73**', true],
    ['73', '### Final Answer\n**73**', true],
    ['74', 'So we get **73**.', false],
  ]));
  describe('the last concluding statement and a "Final Answer" heading', () => checkResponses([
    ['1010', 'So, the answer is $1001$.\n\n### Final Answer\n\n$$1010$$', true],
    ['1001', 'So, the answer is $1001$.\n\n### Final Answer\n\n$$1010$$', false],
    ['3', 'so the answer is $-2+2 \\sqrt{3} i$.\n\nHence the largest sum is $3$.', true],
    ['-2+2 \\sqrt{3} i', 'so the answer is $-2+2 \\sqrt{3} i$.\n\nHence the largest sum is $3$.', false],
    ['4', 'Thus $\\boxed{4}$. So $a$ is greater than 3.', true],
  ]));
  describe('commentary after the boxed answer', () => checkResponses([
    ['44', 'Therefore $\\boxed{44}$.\n\nWe may check: $17 \\cdot 44 = 748$, so our answer is correct.', true],
  ]));
});

describe('labelled golds against bare values', () => {
  describe('one label', () => checkAnswers([
    ['|AB|=1', '1', true], ['|PQ| = \\sqrt{2}', '\\sqrt 2', true], ['|AB|=1', '2', false],
    ['f(x)=1', '1', true], ['g(3)=7', '7', true], ['f(x)=x^2+1', 'x^2+1', true],
    ['\\frac{NO}{BO}=\\frac{1}{\\sqrt6}', '\\frac{\\sqrt6}{6}', true], ['\\frac{R}{r}=3', '3', true], ['\\frac{AE}{EC}=2', '3', false],
    ['AB:BC=2:3', '\\frac23', true],
    ['x+y=1', '1', false],
  ]));
  describe('several labelled equations against boxed right-hand sides', () => checkResponses([
    ['a=2, b=3', 'so $a=\\boxed{2}$ and $b=\\boxed{3}$', true],
    ['a=2, b=3', '\\boxed{2}, \\boxed{3}', true],
    ['b=3, a=2', 'so $a=\\boxed{2}$ and $b=\\boxed{3}$', true],
    ['x=1, y=2', '$x = \\boxed{1}, y = \\boxed{2}$', true],
    ['a=2, b=3', '\\boxed{3}, \\boxed{2}', false],
    ['a=3, b=2', 'so $a=\\boxed{2}$ and $b=\\boxed{3}$', false],
  ]));
});

describe('notation', () => {
  describe('percent policy: a percent may be read as written or as a fraction, unless both sides are percents', () => checkAnswers([
    ['60\\%', '\\frac35', true], ['60\\%', '60', true], ['0.6', '60\\%', true], ['12.5\\%', '\\frac18', true],
    ['33.3\\%', '\\frac13', true], ['60\\%', '0.6\\%', false], ['60\\%', '\\frac{3}{50}', false],
  ]));
  describe('approximately', () => checkAnswers([
    ['11', 'x\\approx 11', true], ['11', 'x \\approx 11.0', true], ['\\frac13', 'x = \\frac13 \\approx 0.33', true], ['12', 'x\\approx 11', false],
  ]));
  describe('semicolon tuples', () => checkAnswers([
    ['(0,-2,6)', '(0;-2;6)', true], ['(1,2)', '(1; 2)', true], ['(0,-2,6)', '(0;6;-2)', false], ['(0,-2,6)', '\\{0;-2;6\\}', false],
  ]));
  describe('matrix arithmetic', () => checkAnswers([
    ['\\begin{pmatrix}19&22\\\\43&50\\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}\\begin{pmatrix}5&6\\\\7&8\\end{pmatrix}', true],
    ['\\begin{pmatrix}6&8\\\\10&12\\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}+\\begin{pmatrix}5&6\\\\7&8\\end{pmatrix}', true],
    ['\\begin{pmatrix}7\\\\15\\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}\\cdot\\begin{pmatrix}1\\\\3\\end{pmatrix}', true],
    ['\\begin{pmatrix}7&10\\\\15&22\\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}^2', true],
    ['\\begin{pmatrix}2&4\\\\6&8\\end{pmatrix}', '2\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', true],
    ['\\begin{pmatrix}-1&-2\\end{pmatrix}', '-\\begin{pmatrix}1&2\\end{pmatrix}', true],
    ['\\begin{pmatrix}7\\\\15\\end{pmatrix}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}\\begin{pmatrix}3\\\\1\\end{pmatrix}', false],
    ['\\begin{pmatrix}1&2\\end{pmatrix}', '\\begin{pmatrix}1&2\\end{pmatrix}\\begin{pmatrix}1&2\\end{pmatrix}', false],
  ]));
  describe('plus-minus against both values', () => checkAnswers([
    ['\\pm 2', '2, -2', true], ['2\\pm\\sqrt3', '2+\\sqrt3, 2-\\sqrt3', true], ['x=\\pm 2', 'x = 2 \\text{ or } x=-2', true],
    ['\\pm 2', '2', false], ['1\\pm i', '1+i, 1-i', true], ['1 \\pm i', '1+i', false],
  ]));
  describe('exponential and root spellings', () => checkAnswers([
    ['e^{16}', '\\exp(16)', true], ['e^{16}', '\\exp 16', true], ['e^{40}', '\\exp(40)', true], ['e^{16}', '\\exp(15)', false],
    ['\\sqrt{1/n}', '1/\\sqrt{n}', true], ['\\sqrt{\\frac{1}{n}}', '\\frac{1}{\\sqrt n}', true], ['\\sqrt{\\frac{2}{x}}', '\\frac{\\sqrt 2}{\\sqrt x}', true],
  ]));
  describe('mixed numbers and unions written in words', () => checkAnswers([
    ['\\frac53', '1\\frac23', true], ['(-\\infty,2)\\cup(3,\\infty)', 'x<2 \\text{ or } x>3', true],
    ['(-\\infty,2)\\cup(3,\\infty)', 'x < 2 \\lor x > 3', true], ['(-\\infty,2)\\cup(3,\\infty)', 'x<2 \\text{ or } x>4', false],
  ]));
});

describe('the decimal policy is the same in every container', () => checkAnswers([
  ['[1,\\frac83]', '[1,2.667]', true], ['(1,\\frac83)', '(1,2.667)', true], ['(1,\\frac83]', '(1,2.667]', true],
  ['[1,\\frac83]', '[1,2.7]', false], ['[1,\\frac83]', '[1,2.667)', false],
  ['\\begin{pmatrix}\\frac13&1\\end{pmatrix}', '\\begin{pmatrix}0.333&1\\end{pmatrix}', true],
  ['\\{\\frac13, 2\\}', '\\{0.333, 2\\}', true], ['x<\\frac83', 'x<2.667', true], ['x<\\frac83', 'x<2.7', false],
]));

describe('"find all" answers: every element, none extra', () => checkAnswers([
  ['1, 2, 3', '1', false], ['\\{1,2,3\\}', '1, 2', false], ['x=1, x=2', 'x=1', false], ['1,2', '1,2,4', false],
  ['1, 2', '2, 1', true], ['\\{1,2\\}', 'x=1, x=2', true],
  ['x+x=2x', 'y-y=0', false], ['x=x', 'y=y', false], ['2x+1=2x+1', '0=0', false], ['x^2-x^2=0', '1=1', false],
]));

describe('deep redundant nesting is unwrapped', () => checkAnswers([
  ['1', '('.repeat(400) + '1' + ')'.repeat(400), true],
  ['1', '\\left('.repeat(200) + '1' + '\\right)'.repeat(200), true],
  ['2', '{'.repeat(300) + '2' + '}'.repeat(300), true],
  ['2', '('.repeat(400) + '1' + ')'.repeat(400), false],
]));

describe('functions and numbered roots', () => checkAnswers([
  ['f(x)=x', 'f(y)=y', true], ['f(x)=x^2+1', 'f(t)=t^2+1', true], ['f(x)=x^2', 'f(y)=x^2', false], ['f(x)=x', 'g(x)=x', false],
  ['x_1 = 2, x_2 = -3', '-3, 2', true], ['x_{1}=2,\\quad x_{2}=-3', '2, -3', true], ['x_1 = 2, x_2 = -3', '2, 3', false],
  ['a_1 = 2, a_2 = -3', '-3, 2', false],
]));

describe('plain-text units and comma-grouped lists', () => checkAnswers([
  ['784\\text{ ft.}', '784 ft.', true], ['21\\text{ dogs}', '21 dogs', true], ['14 \\text{ right triangles}', '14 right triangles', true],
  ['12\\text{ or more}', '12 or more', true], ['21', '22 dogs', false], ['2\\pi', '2 pi', true], ['5', '5 or 6', false],
  ['70,110', '\\{110, 70\\}', true], ['70,110', '70, 110', true], ['70,110', '(110, 70)', false], ['70110', '70,110', true],
  ['-45', '{-}45', true],
]));

describe('congruences, \\choose, isolated points in unions', () => checkAnswers([
  ['N \\equiv 672 \\pmod{1000}', '672', true], ['x \\equiv 3 \\pmod 5', '3', true], ['x \\equiv 3 \\pmod 5', '4', false],
  ['{n+k \\choose m}', '\\binom{n+k}{m}', true], ['{5 \\choose 2}', '10', true],
  ['(-\\infty, 0) \\cup\\{1\\}', '(-\\infty,0)', false], ['(-\\infty, 0) \\cup\\{1\\}', '\\{1\\}\\cup(-\\infty, 0)', true],
  ['x ^ 11 + 5 * x', 'x^{11}+5x', true], ['x ^ 11', 'x^{12}', false],
]));
