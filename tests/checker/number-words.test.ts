import { describe, expect, it } from 'vitest';
import { isEquivalent } from '../../checker/index.ts';

describe('number words', () => {
  it('reads an answer that is one number word as that number', () => {
    for (const [gold, pred] of [['1', '\\text{one}'], ['12', 'twelve'], ['0', 'Zero'], ['40', '\\text{forty}'], ['3', '$\\text{three}$']]) {
      expect(isEquivalent(gold, pred), `${gold} vs ${pred}`).toBe(true);
      expect(isEquivalent(pred, gold), `${pred} vs ${gold}`).toBe(true);
    }
  });
  it('reads nothing else into words: other numbers, words after a number word, other words', () => {
    for (const [gold, pred] of [['2', '\\text{three}'], ['1', 'one half'], ['2', 'two plus one'], ['3', 'two plus one'], ['2', 'two thirds'], ['1', 'none'], ['1', 'won'], ['\\frac12', 'one half']]) {
      expect(isEquivalent(gold, pred), `${gold} vs ${pred}`).toBe(false);
    }
  });
});
