import { describe, expect, it } from 'vitest';
import { extractAnswer, isEquivalent, verifyAgainstSolution } from '../../checker/index.ts';
import { readJsonl } from './fixtures.ts';

interface DevCase { id: string; gold: string; pred: string; expected: boolean; shape: 'answer' | 'response' }

// Math-Verify's own cases (see /work/shared/data/README.md): preds may carry delimiters or whole
// sentences, so they go through extractAnswer. Golds are answers and are never extracted (issue 14,
// hack 1), except the one gold that is a whole worked solution, which takes the explicit solution call.
const cases = readJsonl<DevCase>('dev-cases.jsonl');

const isSolution = (gold: string) => gold.length > 300;

function judge(c: DevCase): boolean {
  if (isSolution(c.gold)) return verifyAgainstSolution(c.gold, c.pred);
  return isEquivalent(c.gold, extractAnswer(c.pred) ?? c.pred);
}

describe('Math-Verify dev cases', () => {
  const results = cases.map((c) => ({ c, ok: judge(c) === c.expected }));
  const score = (pred: (c: DevCase) => boolean) => {
    const sel = results.filter((r) => pred(r.c));
    return { ok: sel.filter((r) => r.ok).length, n: sel.length };
  };

  it('reports scores per shape', () => {
    for (const shape of ['answer', 'response'] as const) {
      for (const expected of [true, false]) {
        const s = score((c) => c.shape === shape && c.expected === expected);
        console.log(`${shape}/${expected}: ${s.ok}/${s.n}`);
      }
    }
  });

  it('judges at least 98% of the true pairs equal', () => {
    const s = score((c) => c.expected);
    expect(s.ok / s.n).toBeGreaterThanOrEqual(0.98);
  });

  it('judges at least 99% of the false pairs not equal', () => {
    const s = score((c) => !c.expected);
    expect(s.ok / s.n).toBeGreaterThanOrEqual(0.99);
  });

  it('meets 95% within each shape for true pairs', () => {
    for (const shape of ['answer', 'response'] as const) {
      const s = score((c) => c.shape === shape && c.expected);
      expect(s.ok / s.n).toBeGreaterThanOrEqual(0.95);
    }
  });
});
