import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, readLabels, splitOf, problemOf, wilson, type EvalResult } from '../../../pipeline/audit/eval-filters.ts';
import { ConfigSchema } from '../../../schemas/config.ts';
import { bigmath } from '../../run-helpers.ts';

const LABELS = 'tests/fixtures/labels/labels.jsonl';
/**
 * Floors on the `tune` split only: rules are written against it, so these guard against
 * regressions. The targets are read on `test` (`eval-filters --split test`), which no
 * test opens row by row.
 */
const TUNE_ANY_PRECISION = 0.93;
const TUNE_ANY_RECALL = 0.84;

describe('the labelled set', () => {
  const labels = readLabels(LABELS);
  it('has at least 2,000 labels from every source and NuminaMath subset, each with a note', () => {
    expect(labels.length).toBeGreaterThanOrEqual(2000);
    for (const s of ['math', 'harp', 'omni_math', 'openmathinstruct2', 'numinamath']) expect(labels.some((l) => l.source === s), s).toBe(true);
    for (const sub of ['cn_k12', 'olympiads', 'aops_forum', 'amc_aime', 'gsm8k', 'orca_math']) expect(labels.some((l) => l.row['source'] === sub), sub).toBe(true);
    expect(labels.filter((l) => l.set !== 'dev').every((l) => l.note.trim() !== '' || l.expected === 'keep')).toBe(true);
  });
  it('is split once by a hash of the problem, with at least 800 test rows', () => {
    for (const l of labels) expect(l.split).toBe(splitOf(problemOf(l.row)));
    expect(labels.filter((l) => l.split === 'test').length).toBeGreaterThanOrEqual(800);
    expect(labels.filter((l) => l.split === 'tune').length).toBeGreaterThanOrEqual(800);
  });
});

describe('eval-filters on the tune split', () => {
  const tune = readLabels(LABELS).filter((l) => l.split === 'tune');
  const result: EvalResult = evaluate(tune, ConfigSchema.parse({}), LABELS);
  it('prints every measured reason and source with 95% Wilson intervals', () => {
    const text = formatReport(result, { maxExamples: 3 });
    expect(text).toContain('any rejection');
    expect(text).toContain('95% CI');
    expect(text).toContain('numinamath/cn_k12');
    expect(text).toMatch(/multiple_choice\s+\d+\s+\d+\s+\d+\s+\d+\s+[01]\.\d{3}\s+\[[01]\.\d\d, [01]\.\d\d\]/);
  });
  it(`any rejection keeps precision >= ${TUNE_ANY_PRECISION} and recall >= ${TUNE_ANY_RECALL}`, () => {
    expect(result.any.precision).toBeGreaterThanOrEqual(TUNE_ANY_PRECISION);
    expect(result.any.recall).toBeGreaterThanOrEqual(TUNE_ANY_RECALL);
  });
});

describe('wilson', () => {
  it('gives the standard 95% score interval', () => {
    const [lo, hi] = wilson(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775, 3);
    const [lo2, hi2] = wilson(45, 50);
    expect(lo2).toBeCloseTo(0.7864, 3);
    expect(hi2).toBeCloseTo(0.9565, 3);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('bigmath eval-filters --split', () => {
  it('lists no row outside the tune split and rejects an unknown split', () => {
    const r = bigmath(['eval-filters', '--split', 'test', '--set', 'dev', '--max-examples', '5']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('split test');
    expect(r.stdout).not.toMatch(/^- line/m);
    const bad = bigmath(['eval-filters', '--split', 'dev']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--split must be tune, test or all/);
  });
});
