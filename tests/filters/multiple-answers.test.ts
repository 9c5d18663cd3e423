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
});
