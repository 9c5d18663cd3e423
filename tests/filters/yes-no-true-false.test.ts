import { describe, expect, it } from 'vitest';
import { yesNo } from '../../filters/yes-no.ts';
import { trueFalse } from '../../filters/true-false.ts';
import { config, input } from './helpers.ts';

const yn = (problem: string, answer: string, reason: string | null = null) => yesNo.apply(input({ problem, answer, answer_kind: null, answer_not_closed_reason: reason }), config()).fired;
const tf = (problem: string, answer: string, reason: string | null = null) => trueFalse.apply(input({ problem, answer, answer_kind: null, answer_not_closed_reason: reason }), config()).fired;

describe('yes_no', () => {
  it('fires on yes/no answers', () => {
    expect(yn('Is it possible to tile the board?', '\\text{No}')).toBe(true);
    expect(yn('Determine whether $f$ is odd.', 'Yes')).toBe(true);
    expect(yn('Does there exist such an $n$?', 'No, it does not exist.')).toBe(true);
    expect(yn('Can the frog reach $(5,5)$?', '\\text{impossible}')).toBe(true);
    expect(yn('Anything.', 'Yes', 'yes_no')).toBe(true);
  });
  it('does not fire on look-alikes', () => {
    expect(yn('Find all real $x$ with $x^2+1=0$.', '\\text{no real solutions}')).toBe(false);
    expect(yn('For what real values of $k$ does the equation have real roots?', '\\text{no values of }{k}')).toBe(false);
    expect(yn('How many nonnegative integers are there?', 'none')).toBe(false);
    expect(yn('Is $x$ positive? If so, find $x$.', '3')).toBe(false);
  });
});

describe('true_false', () => {
  it('fires on true/false answers and judgements of statements', () => {
    expect(tf('Is 42 the number?', '\\text{True}')).toBe(true);
    expect(tf('Which of the following statements is correct? ( )', 'C')).toBe(true);
    expect(tf('Among the following propositions, the true ones are ______.', '②③')).toBe(true);
    expect(tf('Determine whether the following statement is true or false: $x^2\\ge0$.', 'True')).toBe(true);
  });
  it('does not fire on counts of true statements: the answer is a number', () => {
    expect(tf('The number of correct statements among the following is ______.', '2')).toBe(false);
    expect(tf('How many of the following inequalities must be true? (I) $x<a$ (II) $xy<ab$', '1')).toBe(false);
    expect(tf('How many of the following statements are true? ① $a>b$ ② $a^2>b^2$', '1')).toBe(false);
  });
  it('does not fire on look-alikes', () => {
    expect(tf('If the proposition "$p\\wedge q$" is false, find the range of $m$.', '(1,2)')).toBe(false);
    expect(tf('How many different positive values of $x$ will make this statement true: ...?', '16')).toBe(false);
    expect(tf('If it is heads, he writes a true statement. What is the probability?', '\\frac12')).toBe(false);
    expect(tf('Each program outputs TRUE or FALSE. How many programs are there?', '16')).toBe(false);
    expect(tf('Which cards must be turned over to check if the following statement is true?', '2')).toBe(false);
    expect(tf('Find $t$.', 't < \\frac{1}{2}')).toBe(false);
  });
});
