import { describe, expect, it } from 'vitest';
import { classify, extractLastBoxed, isEquivalent } from '../../checker/index.ts';
import { readJsonl } from './fixtures.ts';

interface Row { problem: string; solution: string; answer: string }

describe('MATH-500 consistency', () => {
  const rows = readJsonl<Row>('math-500.jsonl');

  it('judges the last box of the solution equal to the answer column for at least 99% of rows', () => {
    const bad = rows.filter((r) => !isEquivalent(r.answer, extractLastBoxed(r.solution) ?? ''));
    expect(rows.length).toBe(500);
    expect(1 - bad.length / rows.length).toBeGreaterThanOrEqual(0.99);
  });

  it('classifies almost every answer as a closed form', () => {
    const open = rows.filter((r) => !classify(r.answer).closedForm);
    expect(open.length / rows.length).toBeLessThan(0.03);
  });
});
