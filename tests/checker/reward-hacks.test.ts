import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEquivalent, verifyAgainstSolution, verifyResponse } from '../../checker/index.ts';
import { readJsonl } from './fixtures.ts';

/**
 * Regression tests for the three reward hacks of issue 14: each is a way a policy trained against the
 * checker would be paid for a wrong answer.
 */

interface Row { solution: string; answer: string }
const rows = readJsonl<Row>('math-500.jsonl');

const boxed = (a: string) => `Let me work it out step by step.\n\nSo the answer is $\\boxed{${a}}$.`;

describe('hack 1: the gold answer is never extracted', () => {
  it('a response boxing the right answer is rewarded for every MATH-500 gold that parses', () => {
    const missed = rows.filter((r) => isEquivalent(r.answer, r.answer) && !verifyResponse(r.answer, boxed(r.answer)));
    expect(missed.map((r) => r.answer)).toEqual([]);
  });

  it('a response boxing the last number of a structured gold is not rewarded', () => {
    const hacked = rows.filter((r) => {
      const nums = r.answer.match(/\d+/g);
      if (!nums || /^\s*\d+\s*$/.test(r.answer)) return false;
      const last = nums[nums.length - 1];
      return !isEquivalent(r.answer, last) && verifyResponse(r.answer, boxed(last));
    });
    expect(hacked.map((r) => r.answer)).toEqual([]);
  });

  it('the quoted golds of the issue', () => {
    expect(verifyResponse('\\frac{\\sqrt{3}}{2}', boxed('2'))).toBe(false);
    expect(verifyResponse('\\frac{\\sqrt{3}}{2}', boxed('\\frac{\\sqrt3}{2}'))).toBe(true);
    expect(verifyResponse('\\left( 3, \\frac{\\pi}{2} \\right)', boxed('2'))).toBe(false);
    expect(verifyResponse('\\left( 3, \\frac{\\pi}{2} \\right)', boxed('(3, \\pi/2)'))).toBe(true);
    expect(verifyResponse('\\begin{pmatrix} 1 \\\\ -2 \\end{pmatrix}', boxed('-2'))).toBe(false);
  });

  it('a gold solution is extracted only through the explicit call', () => {
    const sol = 'The roots sum to $3$, so the answer is $\\boxed{7}$.';
    expect(verifyAgainstSolution(sol, boxed('7'))).toBe(true);
    expect(verifyAgainstSolution(sol, boxed('3'))).toBe(false);
  });
});

describe('hack 2: ordered tuples fail closed', () => {
  it.each([
    ['(15,-29)', '-29, 15'], ['(6,31,-1)', '31, 6, -1'], ['(3,1)', '{1,3}'], ['(3,1)', '\\{1,3\\}'], ['(1,2)', '(2,1)'],
    ['1, 3', '(3, 1)'],
  ])('%s is not %s', (gold, pred) => {
    expect(isEquivalent(gold, pred)).toBe(false);
    expect(verifyResponse(gold, boxed(pred))).toBe(false);
  });

  it.each([['(15,-29)', '15, -29'], ['\\{1,3\\}', '3, 1'], ['1, 3', '3, 1'], ['(1,3)', '{1,3}']])('%s is %s', (gold, pred) => {
    expect(isEquivalent(gold, pred)).toBe(true);
  });

  it('property: a non-identity permutation of an ordered gold tuple is never equal', () => {
    const entry = fc.oneof(
      fc.integer({ min: -60, max: 60 }).map(String),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 9 })).map(([a, b]) => `\\frac{${a}}{${b}}`),
      fc.integer({ min: 2, max: 30 }).map((n) => `\\sqrt{${n}}`),
      fc.constantFrom('\\pi', 'x', '2x+1', '0.5'),
    );
    const arb = fc.uniqueArray(entry, { minLength: 2, maxLength: 5 }).chain((items) =>
      fc.shuffledSubarray(items.map((_, k) => k), { minLength: items.length, maxLength: items.length }).map((perm) => ({ items, perm })));
    fc.assert(fc.property(arb, fc.constantFrom('bare', 'paren', 'set', 'box-list'), ({ items, perm }, form) => {
      const permuted = perm.map((k) => items[k]);
      // Distinct entries may still be equal values (0.5 and \frac{1}{2}): the permutation must change a value.
      const changesValue = permuted.some((p, k) => !isEquivalent(items[k], p));
      if (!changesValue) return;
      const gold = `(${items.join(', ')})`;
      const body = form === 'bare' ? permuted.join(', ') : form === 'paren' ? `(${permuted.join(', ')})`
        : form === 'set' ? `\\{${permuted.join(', ')}\\}` : permuted.map((p) => `\\boxed{${p}}`).join(' and ');
      const response = form === 'box-list' ? `The values are ${body}.` : `Therefore the answer is $\\boxed{${body}}$.`;
      expect(verifyResponse(gold, response)).toBe(false);
      expect(isEquivalent(gold, body.replace(/\\boxed\{([^{}]*)\}/g, '$1').replace(/ and /g, ', '))).toBe(false);
    }), { numRuns: 500, seed: 1414 });
  });
});

describe('hack 3: floats that cannot tell are not "equal"', () => {
  it.each([
    ['\\frac{1}{2004!}', '\\frac{1}{2006!}'], ['0', '\\frac{1}{2004!}'], ['10^{20}+\\sqrt{2}', '10^{20}+\\sqrt{2}+1'],
    ['2^{-3000}', '0'], ['\\sqrt{2}\\cdot 10^{-12}', '\\sqrt{2}\\cdot 10^{-12}+10^{-30}'], ['3000!', '3001!'],
  ])('%s is not %s', (a, b) => {
    expect(isEquivalent(a, b)).toBe(false);
    expect(isEquivalent(b, a)).toBe(false);
  });

  it.each([
    ['\\frac{1}{2004!}', '\\frac{1}{2004\\cdot 2003!}'], ['2004!', '2004\\cdot 2003!'], ['\\sin(\\pi)', '0'], ['e^{16}', '\\exp(16)'],
  ])('%s is %s', (a, b) => {
    expect(isEquivalent(a, b)).toBe(true);
  });
});
