import { describe, expect, it } from 'vitest';
import { reward } from '../../checker/index.ts';

describe('reward', () => {
  it('extracts the final answer of the response only', () => {
    expect(reward('\\frac{\\sqrt{3}}{2}', 'So the value is $\\boxed{\\frac{\\sqrt3}{2}}$.')).toEqual({
      equal: true, extracted: '\\frac{\\sqrt3}{2}', reason: 'equal',
    });
    expect(reward('\\frac{\\sqrt{3}}{2}', 'So the value is $\\boxed{2}$.').equal).toBe(false);
  });

  it('says why answers differ', () => {
    expect(reward('34', 'Final Answer: $\\boxed{35}$').reason).toBe('value 34 vs 35');
    expect(reward('(15,-29)', 'The pair is $\\boxed{(-29, 15)}$.').reason).toBe('tuple order');
    expect(reward('(1,2,3)', '$\\boxed{(1,2)}$').reason).toBe('tuple length 3 vs 2');
    expect(reward('\\{1,2\\}', '$\\boxed{\\{1,2,3\\}}$').reason).toBe('extra element 3');
    expect(reward('\\{1,2\\}', '$\\boxed{\\{1\\}}$').reason).toBe('missing element 2');
    expect(reward('(1,2)', '$\\boxed{(1,3)}$').reason).toBe('entry 2: value 2 vs 3');
    expect(reward('5', '')).toEqual({ equal: false, extracted: null, reason: 'no final answer found' });
  });

  it('takes a bare answer with extract: false, and compare options', () => {
    expect(reward('0.5', '\\frac12', { extract: false }).equal).toBe(true);
    expect(reward('\\frac13', '0.333', { extract: false }).equal).toBe(true);
    expect(reward('\\frac13', '0.333', { extract: false, decimalPolicy: 'exact' }).equal).toBe(false);
  });

  it('never throws on junk', () => {
    expect(reward(3 as unknown as string, 'x').equal).toBe(false);
    expect(reward('1', '\\boxed{'.repeat(500)).equal).toBe(false);
  });
});
