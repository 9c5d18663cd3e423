import { describe, expect, it } from 'vitest';
import { multipleChoice } from '../../filters/multiple-choice.ts';
import { config, input } from './helpers.ts';

const fires = (problem: string, answer = '5', extra = {}) => multipleChoice.apply(input({ problem, answer, ...extra }), config()).fired;

describe('multiple_choice', () => {
  it.each([
    ['AMC textbf', 'What is $2+3$? $\\textbf{(A)}\\ 4\\qquad\\textbf{(B)}\\ 5\\qquad\\textbf{(C)}\\ 6\\qquad\\textbf{(D)}\\ 7\\qquad\\textbf{(E)}\\ 8$'],
    ['plain (A)', 'Pick one. (A) 10 (B) 13 (C) 27 (D) 120 (E) 126'],
    ['cn_k12 lines A:', 'Then $|z|=$ ( )\nA: $1$\nB: $\\sqrt{2}$\nC: $2$\nD: $2\\sqrt{2}$'],
    ['lines A.', 'Which is prime?\nA. 4\nB. 6\nC. 7\nD. 9'],
    ['inline A. B.', 'Then $m=$ ( )\nA. $1$  B. $-1$  C. $2$  D. $-2$'],
    ['inline A: B:', 'The value is ( ) A: $\\frac{1}{2}$ B: $1$ C: $2$ D: $3$'],
    ['mathrm labels', '$\\mathrm{(A) \\ } 277\\qquad \\mathrm{(B) \\ } 311\\qquad \\mathrm{(C) \\ } 376\\qquad \\mathrm{(D) \\ } 377$'],
  ])('fires on options: %s', (_n, p) => expect(fires(p)).toBe(true));

  it.each([
    ['rectangle ABCD', 'Let $ABCD$ be a rectangle with $AB=6$. Find $AC$.'],
    ['points A, B, C, D', 'Points $A$, $B$, $C$, and $D$ lie on a line, in that order, with $AB=CD$.'],
    ['ratio A:B:C:D', 'Given that $A:B:C:D = 1:2:3:4$ are the angles, find $D$.'],
    ['ratio in prose', 'The ratio A : B : C : D is 1 : 2 : 3 : 4. Find D.'],
    ['function values P(A)', 'Events satisfy $P(A)=0.2$, $P(B)=0.3$, $P(C)=0.1$ and $P(D)=0.4$. Find $P(A\\cup B)$.'],
    ['sentences ending in letters', 'Walk from A. Then go to B and on to C. Stop at D. How far?'],
    ['multiple-choice in a story', 'A quiz has 3 multiple-choice questions with 3 choices each. Find the probability of 2 right.'],
  ])('does not fire on look-alike: %s', (_n, p) => expect(fires(p)).toBe(false));

  it('fires on an option label answer', () => {
    expect(fires('Find the shape of $z=c$.', '\\text{(C)}')).toBe(true);
    expect(fires('Find the shape of $z=c$.', 'C', { answer_not_closed_reason: 'option_letter' })).toBe(true);
    expect(fires('Enter the letters of the functions that have inverses.', '\\text{A, C}')).toBe(true);
  });
  it('fires when the choices are missing', () => {
    expect(fires('Which of the following is closest to the probability?')).toBe(true);
    expect(fires('Then $FD$ is closest to')).toBe(true);
  });
  it('does not fire on a variable answer', () => expect(fires('Solve for $n$ in terms of $m$.', 'n')).toBe(false));
  it('fires on HARP multiple_choice_only', () => expect(fires('Compute it.', '5', { metadata: { multiple_choice_only: true } })).toBe(true));
});

describe('multiple_choice: options cut off or listed in the instruction', () => {
  it('fires on stems that end where their options began', () => {
    expect(fires('Let $k$ be a positive integer with $k^2<50$. Then $k$ can be:')).toBe(true);
    expect(fires('The equation $x^2-5x+6=0$ is satisfied by:', '2')).toBe(true);
    expect(fires('If $n$ is any integer, $n^3-n$ is always divisible by', '6')).toBe(true);
  });
  it('fires when the instruction lists the allowed answers', () => {
    expect(fires('Is $g(x)=x^3$ even, odd, or neither? Enter "odd", "even", or "neither".', '\\text{odd}', { answer_kind: null })).toBe(true);
    expect(fires('Compare: $-3$ ____ $-5$ (fill in the blank with $<$ or $>$).', '>', { answer_kind: null })).toBe(true);
  });
  it('does not fire on "Which of the following gives ...?" answered by a formula', () => {
    expect(fires('Which of the following gives the area of a circle of radius $r$ in terms of its circumference $C$?', '\\frac{C^2}{4\\pi}', { answer_kind: 'expression' })).toBe(false);
    expect(fires('Which of the following numbers is the largest?', '\\frac{3}{7}', { answer_kind: 'number' })).toBe(true);
    expect(fires('The length of $AB$ is:', '2\\sqrt{13}')).toBe(false);
  });
});
