import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Config } from '../../schemas/config.ts';
import { REASON_CODES } from '../../schemas/reasons.ts';
import { getAdapter } from '../../sources/registry.ts';
import { processRecord } from '../process/process-record.ts';
import { toRecord } from '../process/to-record.ts';
import { verdictOf } from '../process/verdict.ts';

/**
 * Measures the per-record filters against a hand-labelled development set. Each label line is
 * self-contained: the upstream row in its source's own columns, mapped through the real adapter
 * and `processRecord`, so the measurement covers cleaning, the checker and every filter.
 */
export const LabelSchema = z.object({
  source: z.string(),
  row: z.record(z.string(), z.unknown()),
  expected: z.enum(['keep', 'reject']),
  reasons: z.array(z.string()).default([]),
  note: z.string().default(''),
  /** `tune` (rules and models are written against it) or `test` (only aggregate figures are read). */
  split: z.enum(['tune', 'test']).optional(),
  /** Where the label comes from: `dev` (the first development set) or a reading batch. */
  set: z.string().optional(),
  /** Label id of a reading batch. */
  lid: z.string().optional(),
  /** Where the first reading and the filters disagreed: first, second and adjudicated readings. */
  readings: z.array(z.object({ reading: z.string(), expected: z.enum(['keep', 'reject']), reasons: z.array(z.string()), note: z.string() })).optional(),
});
export type Label = z.infer<typeof LabelSchema>;

export interface LabelLine extends Label {
  /** 1-based line in the labels file. */
  line: number;
}

/** Per-record reason codes in scope: the cross-record ones (dedup, contamination) are not. */
export const PER_RECORD_CODES: readonly string[] = REASON_CODES.filter(
  (c) => !['exact_duplicate', 'near_duplicate', 'answer_conflict', 'benchmark_contamination'].includes(c),
);

export type Split = 'tune' | 'test';

/**
 * The fixed split of a labelled row: `test` when the first byte of sha256(problem) is below 100
 * (about 39%), `tune` otherwise. A hash of the upstream problem text, so a row keeps its side
 * whatever file it is in, and a duplicate problem never sits on both sides.
 */
export function splitOf(problem: string): Split {
  return createHash('sha256').update(problem, 'utf8').digest()[0]! < 100 ? 'test' : 'tune';
}

export function problemOf(row: Record<string, unknown>): string {
  return String(row['problem'] ?? row['question'] ?? '');
}

export function readLabels(path: string): LabelLine[] {
  const text = readFileSync(path, 'utf8');
  const out: LabelLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new LabelError(`${path} line ${i + 1}: not valid JSON: ${(e as Error).message}`);
    }
    const r = LabelSchema.safeParse(json);
    if (!r.success) throw new LabelError(`${path} line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ')}`);
    const unknown = r.data.reasons.filter((c) => !PER_RECORD_CODES.includes(c));
    if (unknown.length) throw new LabelError(`${path} line ${i + 1}: unknown or out-of-scope reason code(s): ${unknown.join(', ')}`);
    if ((r.data.expected === 'reject') !== r.data.reasons.length > 0) {
      throw new LabelError(`${path} line ${i + 1}: expected "${r.data.expected}" but reasons ${JSON.stringify(r.data.reasons)}`);
    }
    const split = splitOf(problemOf(r.data.row));
    if (r.data.split !== undefined && r.data.split !== split) throw new LabelError(`${path} line ${i + 1}: split "${r.data.split}" but the problem hashes to "${split}"`);
    out.push({ ...r.data, split, line: i + 1 });
  });
  return out;
}

export class LabelError extends Error {}

export interface Prediction {
  label: LabelLine;
  kept: boolean;
  reasons: string[];
  /** Evidence per fired reason. */
  evidence: Record<string, string>;
}

/** Runs one labelled row through adapter, cleaning, checker and filters. */
export function predict(label: LabelLine, config: Config, labelsFile = 'labels'): Prediction {
  const adapter = getAdapter(label.source);
  const res = toRecord(adapter, { file: labelsFile, row: label.line, value: label.row });
  if (!res.ok) return { label, kept: false, reasons: ['malformed_row'], evidence: { malformed_row: res.malformed.error } };
  const processed = processRecord(res.record, config).record;
  const disabled = new Set(config.filters.disable);
  const v = verdictOf(processed.signals, disabled);
  const evidence: Record<string, string> = {};
  for (const s of processed.signals) if (s.fired && !disabled.has(s.filter) && !disabled.has(s.reason)) evidence[s.reason] = s.evidence;
  return { label, kept: v.kept, reasons: v.reasons, evidence };
}

export interface Score {
  code: string;
  /** Labelled examples carrying this code (for "any rejection": labelled rejects). */
  labelled: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** 95% Wilson score intervals [low, high]. */
  precisionCI: [number, number];
  recallCI: [number, number];
}

/** 95% Wilson score interval of k successes in n trials ([0, 1] when n is 0). */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface EvalResult {
  total: number;
  kept: number;
  rejected: number;
  any: Score;
  /** "Any rejection" per source, and per NuminaMath subset (`numinamath/cn_k12`). */
  perSource: Score[];
  perReason: Score[];
  /** Predictions that differ from the label (verdict or reason set). */
  misclassified: Prediction[];
  predictions: Prediction[];
}

export function score(code: string, pairs: { expected: boolean; predicted: boolean }[]): Score {
  let tp = 0, fp = 0, fn = 0, labelled = 0;
  for (const p of pairs) {
    if (p.expected) labelled++;
    if (p.expected && p.predicted) tp++;
    else if (!p.expected && p.predicted) fp++;
    else if (p.expected && !p.predicted) fn++;
  }
  // no predictions (or no positives) is perfect on that side, not a division by zero
  return {
    code, labelled, tp, fp, fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    precisionCI: wilson(tp, tp + fp),
    recallCI: wilson(tp, tp + fn),
  };
}

/**
 * Precision and recall for "any rejection" (keep/reject verdict) and per reason code: a reason
 * is predicted when its filter fired (not only as the primary reason), and expected when listed
 * in the label, so every failing check is measured.
 */
export function evaluate(labels: readonly LabelLine[], config: Config, labelsFile = 'labels'): EvalResult {
  const predictions = labels.map((l) => predict(l, config, labelsFile));
  const anyPair = (p: Prediction) => ({ expected: p.label.expected === 'reject', predicted: !p.kept });
  const any = score('any rejection', predictions.map(anyPair));
  const groups = new Map<string, Prediction[]>();
  for (const p of predictions) {
    const keys = [p.label.source];
    if (p.label.source === 'numinamath') keys.push(`numinamath/${String(p.label.row['source'] ?? '?')}`);
    for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const perSource = [...groups.keys()].sort().map((k) => score(k, groups.get(k)!.map(anyPair)));
  const codes = PER_RECORD_CODES.filter((c) => predictions.some((p) => p.label.reasons.includes(c) || p.reasons.includes(c)));
  const perReason = codes.map((c) => score(c, predictions.map((p) => ({ expected: p.label.reasons.includes(c), predicted: p.reasons.includes(c) }))));
  const misclassified = predictions.filter((p) => (p.label.expected === 'reject') === p.kept || !sameSet(p.label.reasons, p.reasons));
  return { total: predictions.length, kept: predictions.filter((p) => p.kept).length, rejected: predictions.filter((p) => !p.kept).length, any, perSource, perReason, misclassified, predictions };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The table printed by `bigmath eval-filters`. */
export function formatReport(r: EvalResult, opts: { maxExamples?: number; title?: string } = {}): string {
  const pct = (x: number) => x.toFixed(3);
  const ci = (c: [number, number]) => `[${c[0].toFixed(2)}, ${c[1].toFixed(2)}]`;
  const lines: string[] = [];
  lines.push(`${opts.title ? `${opts.title}: ` : ''}labels: ${r.total} (${r.total - r.any.labelled} expected keep, ${r.any.labelled} expected reject); predicted ${r.kept} keep, ${r.rejected} reject`);
  const header = (first: string) => `${first.padEnd(24)} ${'labelled'.padStart(8)} ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)} ${'precision'.padStart(9)} ${'95% CI'.padStart(12)} ${'recall'.padStart(7)} ${'95% CI'.padStart(12)}`;
  const row = (s: Score) => `${s.code.padEnd(24)} ${String(s.labelled).padStart(8)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(5)} ${String(s.fn).padStart(5)} ${pct(s.precision).padStart(9)} ${ci(s.precisionCI).padStart(12)} ${pct(s.recall).padStart(7)} ${ci(s.recallCI).padStart(12)}`;
  lines.push('');
  lines.push(header('reason'));
  for (const s of [r.any, ...r.perReason]) lines.push(row(s));
  lines.push('');
  lines.push(header('any rejection, source'));
  for (const s of r.perSource) lines.push(row(s));
  lines.push('');
  const max = opts.maxExamples ?? Infinity;
  lines.push(`misclassified: ${r.misclassified.length}`);
  for (const p of r.misclassified.slice(0, max)) {
    const l = p.label;
    const problem = String(l.row['problem'] ?? l.row['question'] ?? '').replace(/\s+/g, ' ').slice(0, 140);
    lines.push(`- line ${l.line} [${l.source}] expected ${l.expected}${l.reasons.length ? ` (${l.reasons.join(', ')})` : ''}, got ${p.kept ? 'keep' : 'reject'}${p.reasons.length ? ` (${p.reasons.join(', ')})` : ''}`);
    lines.push(`    ${problem}`);
    for (const [code, ev] of Object.entries(p.evidence)) if (!l.reasons.includes(code)) lines.push(`    + ${code}: ${ev.slice(0, 160)}`);
    for (const code of l.reasons) if (!p.reasons.includes(code)) lines.push(`    - ${code} missed`);
    if (l.note) lines.push(`    note: ${l.note}`);
  }
  if (max === 0) lines.push('  (rows are listed only with --split tune: test rows are read as aggregate figures only)');
  else if (r.misclassified.length > max) lines.push(`  ... ${r.misclassified.length - max} more`);
  return lines.join('\n') + '\n';
}
