import { describe, expect, it } from 'vitest';
import { extractAnswer, extractBoxedAll, extractLastBoxed } from '../../checker/index.ts';

describe('boxed', () => {
  it('matches braces and keeps order', () => {
    expect(extractBoxedAll('a \\boxed{\\frac{1}{2}} b \\fbox{3} c \\boxed 5 d')).toEqual(['\\frac{1}{2}', '3', '5']);
    expect(extractLastBoxed('x \\boxed{{a}{b}}')).toBe('{a}{b}');
    expect(extractLastBoxed('no box')).toBeNull();
    expect(extractBoxedAll('\\boxed{unbalanced \\boxed{2}')).toEqual(['2']);
  });
});

describe('extractAnswer', () => {
  it.each([
    ['So the answer is $\\boxed{42}$.', '42'],
    ['We get \\boxed{1} and \\boxed{2}.', '1, 2'],
    ['$\\boxed{(98, 2)} \\quad \\text{and} \\quad \\boxed{(99, 503)}$', '(98, 2), (99, 503)'],
    ['Step: \\boxed{200}. Then we add more and more things to get much further. The final answer is $10,455$. I hope it is correct.', '10,455'],
    ['Janet has 3 apples.\n#### 42', '42'],
    ['Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.', '\\frac{3}{4}'],
    ['The answer is: 12.5', '12.5'],
    ['Therefore $x \\geq 5$ is the solution.', 'x \\geq 5'],
    ['$21,16$ or $11$', '21,16, 11'],
    ['<think>maybe \\boxed{3}</think> The result is \\boxed{4}', '4'],
    ['Thus there are 12 distinct sequences.', '12'],
    ['', null],
  ])('%s → %s', (text, answer) => {
    expect(extractAnswer(text)).toBe(answer);
  });
  it('handles very long text in bounded time', () => {
    const text = 'word $x$ '.repeat(200_000) + '\\boxed{7}';
    const t = performance.now();
    expect(extractAnswer(text)).toBe('7');
    expect(performance.now() - t).toBeLessThan(500);
  });
});
