/**
 * Scores the dedup pair rule on the hand-labelled pairs (tests/fixtures/dedup/pairs.jsonl):
 * precision and recall of "duplicate" (exact or near) per split, with 95% Wilson intervals.
 *
 *   node scripts/eval-dedup-pairs.ts                 # figures for tune and test
 *   node scripts/eval-dedup-pairs.ts --show tune     # also lists the misclassified tune pairs
 * Only `tune` rows may be listed: the `test` rows are read as aggregate figures only.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isEquivalent } from '../checker/index.ts';
import { pairRelation } from '../pipeline/dedup/pair-relation.ts';
import { DedupConfigSchema } from '../schemas/config.ts';
import { rate } from './wilson.ts';

interface LabelledPair {
  pair: string;
  split: 'tune' | 'test';
  origin: string;
  label: 'duplicate' | 'sibling' | 'different';
  note: string;
  a: { problem: string; answer: string | null };
  b: { problem: string; answer: string | null };
}

const { values } = parseArgs({ options: { show: { type: 'string' }, threshold: { type: 'string' }, labels: { type: 'string', default: new URL('../tests/fixtures/dedup/pairs.jsonl', import.meta.url).pathname } } });
if (values.show !== undefined && values.show !== 'tune') throw new Error('--show lists tune rows only');
const cfg = DedupConfigSchema.parse(values.threshold ? { near_dup_threshold: Number(values.threshold) } : {});
const pairs = readFileSync(values.labels!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabelledPair);
for (const split of ['tune', 'test'] as const) {
  let tp = 0, fp = 0, fn = 0;
  for (const p of pairs.filter((x) => x.split === split)) {
    const r = pairRelation(p.a, p.b, cfg, (x, y) => isEquivalent(x, y));
    const predicted = r.relation === 'exact' || r.relation === 'near';
    const truth = p.label === 'duplicate';
    if (predicted && truth) tp++;
    else if (predicted) fp++;
    else if (truth) fn++;
    if (split === 'tune' && values.show === 'tune' && predicted !== truth) {
      console.log(`${predicted ? 'FP' : 'FN'} ${p.pair} ${p.origin} J=${r.jaccard.toFixed(3)} ${r.relation}: ${p.note}`);
    }
  }
  console.log(`${split}: duplicate precision ${rate(tp, tp + fp)}, recall ${rate(tp, tp + fn)}`);
}
