import { describe, expect, it } from 'vitest';
import { canonicalize, classify, clearCheckerCaches, extractAnswer, isEquivalent, parseAnswer } from '../../checker/index.ts';

const BOUND_MS = 100;

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

const HOSTILE = [
  '10^{10^{10}}', '10^{10^{10^{10}}}', '2^{2^{2^{2^{2^{2}}}}}', '9^{9^9}!', '(10^{100})!', '\\binom{10^{9}}{5\\cdot 10^{8}}',
  '('.repeat(400) + '1' + ')'.repeat(400), '{'.repeat(400) + '1' + '}'.repeat(400), '\\sqrt{'.repeat(400) + '2' + '}'.repeat(400),
  '-'.repeat(5000) + '1', 'x^'.repeat(400) + '2', '1'.repeat(5000), '1'.repeat(5000) + '/' + '7'.repeat(5000),
  '0.' + '3'.repeat(5000), '1+'.repeat(3000) + '1', 'x'.repeat(5000), '\\frac{'.repeat(300) + '1' + '}{2}'.repeat(300),
  '$'.repeat(10000), '\\boxed{'.repeat(2000), 'a,'.repeat(3000) + 'a', '(1,2),'.repeat(1000) + '(1,2)', '\\left('.repeat(500),
  '1.' + '0'.repeat(3000) + '1', '\\text{' + 'a '.repeat(3000) + '}', ' '.repeat(100000), '\\'.repeat(10000), '^'.repeat(10000),
  '\\begin{pmatrix}' + '1&'.repeat(500) + '1\\end{pmatrix}', '\\sum_{k=0}^{10^{9}} k', '\\sin(' .repeat(200) + 'x' + ')'.repeat(200),
  '1,000,'.repeat(2000), '\\overline{' + '3'.repeat(100) + '}',
];

describe('hostile input', () => {
  it.each(HOSTILE.map((h) => [h.length > 60 ? `${h.slice(0, 40)}…(${h.length})` : h, h]))('%s is handled in bounded time', (_name, input) => {
    // Warm the JIT on the same shape under another cache key: the bound is about algorithms, not compilation.
    classify(input + '  ');
    isEquivalent(input + '  ', '2');
    const calls = (pad: string) => [() => classify(input + pad), () => parseAnswer(input + pad), () => canonicalize(input + pad),
      () => extractAnswer(input + pad), () => isEquivalent(input + pad, input + pad + ' '), () => isEquivalent(input + pad, '1'),
      () => isEquivalent('x', input + pad)];
    for (let k = 0; k < 7; k++) {
      // Best of three under fresh cache keys: a GC pause in the test worker is not the input's doing.
      let best = Infinity;
      for (const pad of ['', '   ', '    ']) {
        clearCheckerCaches();
        const f = calls(pad)[k];
        best = Math.min(best, timed(() => expect(f).not.toThrow()).ms);
        if (best < BOUND_MS) break;
      }
      expect(best).toBeLessThan(BOUND_MS);
    }
  });

  it('compares huge powers without computing them', () => {
    expect(isEquivalent('10^{10^{10}}', '10^{10000000000}')).toBe(true);
    expect(isEquivalent('10^{10^{10}}', '10^{10^{10}}+1')).toBe(false);
  });

  it('keeps 5,000-digit numbers exact', () => {
    const a = '7'.repeat(5000);
    expect(classify(a).kind).toBe('number');
    expect(isEquivalent(a, a.slice(0, -1) + '8')).toBe(false);
    expect(isEquivalent(a, `${a}.0`)).toBe(true);
  });

  it('rejects non-string input without throwing', () => {
    expect(isEquivalent(null as unknown as string, '1')).toBe(false);
    expect(classify(undefined as unknown as string).closedForm).toBe(false);
    expect(extractAnswer(42 as unknown as string)).toBeNull();
  });
});
