import { describe, expect, it } from 'vitest';
import { multipleAnswers } from '../../filters/multiple-answers.ts';
import { distinctBoxes } from '../../filters/text/boxes.ts';
import { config, input } from './helpers.ts';

describe('multiple_answers', () => {
  it('fires on two different boxes', () => {
    expect(distinctBoxes('$x=\\boxed{3}$ or $x=\\boxed{-3}$.')).toHaveLength(2);
    expect(multipleAnswers.apply(input({ solution: '(1) $\\boxed{\\pi}$. (2) $\\boxed{2}$.' }), config()).fired).toBe(true);
  });
  it('treats equivalent boxes as one answer', () => {
    expect(distinctBoxes('$\\boxed{\\frac12}$, that is $\\boxed{\\frac{1}{2}}$')).toHaveLength(1);
    expect(distinctBoxes('$\\boxed{0.75}$, that is $\\boxed{\\frac{3}{4}}$')).toHaveLength(1);
    expect(distinctBoxes('$\\boxed{12x-34}$ or $\\boxed{-34+12x}$')).toHaveLength(1);
  });
  it('ignores boxes inside Asymptote code and \\phantom spacers', () => {
    expect(distinctBoxes('[asy]label("$\\boxed{7}$",(0,0));[/asy] so $\\boxed{5}$')).toHaveLength(1);
    expect(distinctBoxes('$\\boxed{\\phantom{09}}$ and $\\boxed{-5}$')).toHaveLength(1);
  });
  it('only checks solution boxes for solution_boxed sources', () => {
    expect(multipleAnswers.apply(input({ answer_origin: 'column', solution: '$\\boxed{1}$ $\\boxed{2}$' }), config()).fired).toBe(false);
  });
  it('fires when a requested list is boxed member by member and the answer keeps one member (MATH test row)', () => {
    const rec = input({
      problem: 'Find all solutions to the equation \\[\\frac{\\left(\\frac{x}{x+1}\\right)^2 + 11}{\\left(\\frac{x}{x+1}\\right)^2 + 1} = 2.\\]Enter all the solutions, separated by commas.',
      solution: 'Then, either $x = 3(x+1)$ or $x = -3(x+1).$ These give solutions $x =\\boxed{ -\\tfrac32}$ and $x = \\boxed{-\\tfrac34},$ respectively.',
      answer: '-\\tfrac34',
    });
    const s = multipleAnswers.apply(rec, config());
    expect(s.fired).toBe(true);
    expect(s.evidence).toContain('keeps only');
    // an answer that already lists the members is whole
    expect(multipleAnswers.apply({ ...rec, answer: '-\\tfrac32, -\\tfrac34' }, config()).fired).toBe(false);
  });
  it('fires when the final sentence goes on after its box with "or" and another value (cn_k12 row)', () => {
    const solution = 'Therefore, the coordinates of point A are $\\left(\\boxed{\\frac{2}{3}}, \\boxed{\\frac{2}{3}}\\right)$ or $(2, -2)$.';
    expect(multipleAnswers.apply(input({ problem: 'Find the coordinates of point A.', solution, answer: '\\frac{2}{3}' }), config()).fired).toBe(true);
    // "or" in the prose after a box, not followed by a value, is no alternative
    expect(multipleAnswers.apply(input({ problem: 'How many integers?', solution: 'there are $\\boxed{7}$ values 1, 2, 4, 8, 16, 32, or 64.', answer: '7' }), config()).fired).toBe(false);
  });
});
