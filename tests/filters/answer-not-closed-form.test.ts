import { describe, expect, it } from 'vitest';
import { answerNotClosedForm, proseAnswer } from '../../filters/answer-not-closed-form.ts';
import { config, input } from './helpers.ts';

describe('answer_not_closed_form prose guard', () => {
  it.each([
    ['joke answer with "and"', '$so\\text{ and }so$'],
    ['a name in \\text', '$\\text{Art}$'],
    ['a day', '\\text{May}'],
    ['two forms joined by OR', '$x^{2}(x+1)$ OR $x^3+x^2$'],
    ['statement combination', '$\\text{I and II}$'],
    ['letters joined by and', '$P\\text{ and }S$'],
  ])('flags %s', (_n, a) => expect(proseAnswer(a)).not.toBeNull());

  it.each([
    ['number', '$42$'],
    ['number word', '$\\text{two}$'],
    ['function names', '$\\sin x + \\cos x$'],
    ['product of variables', '$abc$'],
    ['units', '$12\\text{ inches}$'],
    ['tuple in prose with digits', '$x=1$ and $y=2$'],
    ['lower-case or is multiple_answers, not this guard', '$3$ or $5$'],
    ['math word in \\text', '$\\text{undefined}$'],
    ['single letter', '$\\text{E}$'],
    ['interval', '$(0, \\infty)$'],
  ])('leaves %s to the checker', (_n, a) => expect(proseAnswer(a)).toBeNull());

  it('fires on an answer the checker parsed, and says so', () => {
    const s = answerNotClosedForm.apply(input({ answer: '$\\text{Art}$', answer_kind: 'expression' }), config());
    expect(s.fired).toBe(true);
    expect(s.evidence).toContain('parsed as expression');
    expect(answerNotClosedForm.apply(input({ answer: '$\\frac{1}{2}$', answer_kind: 'number' }), config()).fired).toBe(false);
  });
});

describe('answer_not_closed_form: a sentence around inline math', () => {
  it('reads a HARP answer written as a sentence as prose, and leaves math with a unit word alone', () => {
    expect(proseAnswer('It is true if and only if $ab=0$ and $a+b\\ge 0$.')).toMatch(/sentence around math/);
    expect(proseAnswer('$5$ cm')).toBeNull();
    expect(proseAnswer('$x = 2$ or $x = 3$')).toBeNull(); // alternatives are multiple_answers' business
  });
});
