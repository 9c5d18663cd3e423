/**
 * Trains a logistic-regression judge for `figure_required` (rule evidence as named features plus
 * hashed word n-grams, `judge/`) on the `tune` split of the labelled set, and compares it with the
 * hand-written rules by 5-fold cross-validation on `tune` (folds by a hash of the problem). `test`
 * rows are never read. Deterministic: full-batch AdaGrad from zero weights, fixed folds.
 *   node scripts/train-figure-model.ts [--write FILE]
 * The filter uses the model only if it beats the rules here; so far it does not (README,
 * "Filters"), so `--write` only saves the weights for inspection.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { figureEvidence, ruleVerdict } from '../filters/figure/evidence.ts';
import { figureFeatures } from './judge/figure-features.ts';
import { bucketsOf, type LogisticModel } from './judge/logistic.ts';
import { problemOf, readLabels } from '../pipeline/audit/eval-filters.ts';
import { filterInputOf } from '../pipeline/process/process-record.ts';
import { toRecord } from '../pipeline/process/to-record.ts';
import { getAdapter } from '../sources/registry.ts';

const REASON = 'figure_required';
const BUCKETS = 4096;
/** Named (rule) features are few and informative; n-grams are many: they get a stronger penalty. */
const L2 = Number(process.env.L2 ?? 0.0001);
const L2_NGRAM = Number(process.env.L2N ?? 0.003);
const STEPS = Number(process.env.STEPS ?? 1000);
const RATE = 0.5;
const FOLDS = 5;
const root = join(import.meta.dirname, '..');

interface Example { named: string[]; buckets: number[]; y: number; rules: boolean; fold: number }

const examples: Example[] = [];
for (const l of readLabels(join(root, 'tests/fixtures/labels/labels.jsonl'))) {
  if (l.split !== 'tune') continue;
  const r = toRecord(getAdapter(l.source), { file: 'labels', row: l.line, value: l.row });
  if (!r.ok) continue;
  const input = filterInputOf(r.record);
  const e = figureEvidence(input);
  const f = figureFeatures(input, e);
  const fold = createHash('sha256').update(problemOf(l.row)).digest()[1]! % FOLDS;
  examples.push({ named: f.named, buckets: [...bucketsOf(f.ngrams, BUCKETS).keys()], y: l.reasons.includes(REASON) ? 1 : 0, rules: ruleVerdict(e) !== null, fold });
}

function train(xs: Example[]): LogisticModel {
  const names = [...new Set(xs.flatMap((x) => x.named))].sort();
  const nameIndex = new Map(names.map((n, i) => [n, BUCKETS + i]));
  const dim = BUCKETS + names.length;
  const w = new Float64Array(dim);
  let b = 0;
  const idx = xs.map((x) => [...x.buckets, ...x.named.map((n) => nameIndex.get(n)!)]);
  // AdaGrad-scaled full-batch gradient descent on the L2-regularised log loss
  const g2 = new Float64Array(dim).fill(1e-8);
  let gb2 = 1e-8;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Float64Array(dim);
    let gb = 0;
    for (let i = 0; i < xs.length; i++) {
      let z = b;
      for (const j of idx[i]) z += w[j];
      const err = 1 / (1 + Math.exp(-z)) - xs[i].y;
      gb += err;
      for (const j of idx[i]) grad[j] += err;
    }
    for (let j = 0; j < dim; j++) {
      const g = grad[j] / xs.length + (j < BUCKETS ? L2_NGRAM : L2) * w[j];
      g2[j] += g * g;
      w[j] -= (RATE * g) / Math.sqrt(g2[j]);
    }
    gb /= xs.length;
    gb2 += gb * gb;
    b -= (RATE * gb) / Math.sqrt(gb2);
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const named: Record<string, number> = {};
  for (const n of names) if (round(w[nameIndex.get(n)!]) !== 0) named[n] = round(w[nameIndex.get(n)!]);
  const ngrams: [number, number][] = [];
  for (let j = 0; j < BUCKETS; j++) if (round(w[j]) !== 0) ngrams.push([j, round(w[j])]);
  return { reason: REASON, buckets: BUCKETS, bias: round(b), named, ngrams, threshold: 0.5 };
}

function probability(m: LogisticModel, x: Example): number {
  const dense = new Map(m.ngrams);
  let z = m.bias;
  for (const n of x.named) z += m.named[n] ?? 0;
  for (const j of x.buckets) z += dense.get(j) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

function prf(pairs: { y: number; p: boolean }[]) {
  const tp = pairs.filter((x) => x.y && x.p).length, fp = pairs.filter((x) => !x.y && x.p).length, fn = pairs.filter((x) => x.y && !x.p).length;
  const precision = tp + fp ? tp / (tp + fp) : 1, recall = tp + fn ? tp / (tp + fn) : 1;
  return { tp, fp, fn, precision: +precision.toFixed(3), recall: +recall.toFixed(3), f1: +((2 * precision * recall) / (precision + recall || 1)).toFixed(3) };
}

// cross-validation: out-of-fold probabilities, then the threshold with the best F1
const oof = new Array<number>(examples.length);
for (let k = 0; k < FOLDS; k++) {
  const m = train(examples.filter((x) => x.fold !== k));
  examples.forEach((x, i) => { if (x.fold === k) oof[i] = probability(m, x); });
}
const thresholds = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const byThreshold = thresholds.map((t) => ({ t, ...prf(examples.map((x, i) => ({ y: x.y, p: oof[i] >= t }))) }));
const best = byThreshold.reduce((a, c) => (c.f1 > a.f1 ? c : a));
const rules = prf(examples.map((x) => ({ y: x.y, p: x.rules })));
console.log(`tune: ${examples.length} rows, ${examples.filter((x) => x.y).length} labelled ${REASON}`);
console.log('rules                ', JSON.stringify(rules));
for (const r of byThreshold) console.log(`model cv, threshold ${r.t.toFixed(2)}`, JSON.stringify({ ...r, t: undefined }));

const model = { ...train(examples), threshold: best.t };
model.provenance = {
  trained_on: 'tests/fixtures/labels/labels.jsonl, split tune',
  rows: examples.length,
  positives: examples.filter((x) => x.y).length,
  cv_folds: FOLDS,
  cv_model: { threshold: best.t, precision: best.precision, recall: best.recall, f1: best.f1 },
  cv_rules: { precision: rules.precision, recall: rules.recall, f1: rules.f1 },
  l2: L2, l2_ngram: L2_NGRAM, steps: STEPS, rate: RATE,
};
console.log(`chosen threshold ${best.t}: model F1 ${best.f1} vs rules F1 ${rules.f1}`);
const out = process.argv.indexOf('--write');
if (out >= 0 && process.argv[out + 1]) {
  writeFileSync(process.argv[out + 1]!, JSON.stringify(model) + '\n');
  console.log(`wrote ${process.argv[out + 1]}`);
}
