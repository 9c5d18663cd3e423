import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, readLabels, type EvalResult } from '../../../pipeline/audit/eval-filters.ts';
import { ConfigSchema } from '../../../schemas/config.ts';

const LABELS = 'tests/fixtures/labels/labels.jsonl';
/** The targets: "any rejection" >= 0.95; each reason with >= 10 labels >= 0.90. */
const ANY_TARGET = 0.95;
const REASON_TARGET = 0.9;

describe('eval-filters on the labelled development set', () => {
  const labels = readLabels(LABELS);
  const result: EvalResult = evaluate(labels, ConfigSchema.parse({}), LABELS);

  it('has at least 400 labels from every source', () => {
    expect(labels.length).toBeGreaterThanOrEqual(400);
    for (const s of ['math', 'harp', 'omni_math', 'openmathinstruct2', 'numinamath']) expect(labels.some((l) => l.source === s)).toBe(true);
    for (const sub of ['cn_k12', 'olympiads', 'aops_forum', 'amc_aime', 'gsm8k']) expect(labels.some((l) => l.row['source'] === sub)).toBe(true);
  });

  it('prints a table with every measured reason', () => {
    const text = formatReport(result, { maxExamples: 3 });
    expect(text).toContain('any rejection');
    expect(text).toContain('multiple_choice');
  });

  const check = (name: string, p: number, r: number, target: number) => () => {
    expect(p, `${name} precision`).toBeGreaterThanOrEqual(target);
    expect(r, `${name} recall`).toBeGreaterThanOrEqual(target);
  };
  it('any rejection meets 0.95', check('any', result.any.precision, result.any.recall, ANY_TARGET));
  for (const s of result.perReason.filter((x) => x.labelled >= 10)) {
    it(`${s.code} (${s.labelled} labels) meets 0.90`, check(s.code, s.precision, s.recall, REASON_TARGET));
  }
  it('measures the targeted reasons on enough labels', () => {
    const labelled = (code: string) => result.perReason.find((s) => s.code === code)?.labelled ?? 0;
    for (const code of ['figure_required', 'answer_not_closed_form', 'multiple_choice']) expect(labelled(code), code).toBeGreaterThanOrEqual(10);
    // figure_required near its boundary: rows whose text or removed [asy] makes a figure plausible, both ways
    const nearFigure = labels.filter((l) => /\[asy\]|figure|diagram|as shown|shaded/i.test(String(l.row['problem'] ?? '')));
    expect(nearFigure.filter((l) => l.reasons.includes('figure_required')).length).toBeGreaterThanOrEqual(30);
    expect(nearFigure.filter((l) => l.expected === 'keep').length).toBeGreaterThanOrEqual(30);
  });
  it('never fires a reason on a label that is expected keep from a non-figure filter', () => {
    // the rule-based filters other than figure_required and the checker-driven closed form are exact on the set
    const exact = result.perReason.filter((s) => !['figure_required', 'answer_not_closed_form', 'multi_part'].includes(s.code));
    for (const s of exact) expect(s.fp, s.code).toBe(0);
  });
});
