/**
 * Builds the labelled set `tests/fixtures/labels/labels.jsonl`: the first development set (`set:
 * "dev"`) plus reading batches (`lid`, `source`, `row` in `batch-N.input.jsonl`; `lid`,
 * `expected`, `reasons`, `note` in `batch-N.output.jsonl`), each row with its fixed `split`
 * (`splitOf`, a hash of the problem). Re-running replaces the batch rows and keeps the dev rows.
 *   node scripts/merge-labels.ts LABELS_DIR [SET_NAME]
 *
 * Dev labels that contradict a policy stated since they were written are corrected by rule, and
 * the note says so: a link only in the solution no longer rejects; counting true statements is
 * not `true_false`; one boxed answer per part is `multi_part`, not also `multiple_answers`. Only counts are printed, so no `test` row is read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemOf, splitOf } from '../pipeline/audit/eval-filters.ts';
import { ConfigSchema } from '../schemas/config.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/merge-labels.ts LABELS_DIR [SET_NAME]');
  process.exit(2);
}
const setName = process.argv[3] ?? 'readers-2026-12';
const out = join(import.meta.dirname, '..', 'tests', 'fixtures', 'labels', 'labels.jsonl');
type Row = { source: string; row: Record<string, unknown>; expected: 'keep' | 'reject'; reasons: string[]; note: string; split?: string; set?: string; lid?: string; readings?: unknown[] };
const jsonl = <T>(p: string): T[] => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);

// the link test of filters/hyperlink.ts, kept literal here: a label fix must not move with the filter
const LINK = /\b(?:https?|ftp):\/\/\S+|\bwww\.[a-z0-9-]+\.[a-z]{2,}\S*|\\(?:url|href)\s*\{|\[url\b|\b[a-z0-9-]{2,}\.(?:com|org|net|edu|gov|io)(?:\/\S*)?(?![\w.])/i;
const COUNT_OF_TRUE = /\b(?:how many|the number of)\b[^.?:;]{0,60}\b(?:statements?|propositions?|conclusions?|inequalit(?:y|ies)|judg(?:e)?ments?)\b[^.?;]{0,40}\b(?:true|false|correct|incorrect|right|wrong|valid|hold)/i;

const EXCLUDED: Record<string, string[]> = ConfigSchema.parse({}).source_policy.exclude_subsets;
const fixes = { hyperlink_solution_only: 0, true_false_count: 0, multi_part_boxes: 0 };
function relabel(r: Row): Row {
  const reasons = [...r.reasons];
  const notes: string[] = [];
  if (reasons.includes('hyperlink') && !LINK.test(problemOf(r.row))) {
    reasons.splice(reasons.indexOf('hyperlink'), 1);
    fixes.hyperlink_solution_only++;
    notes.push('relabelled (issue 13): the link is only in the solution, which no longer rejects');
  }
  if (reasons.includes('true_false') && COUNT_OF_TRUE.test(problemOf(r.row))) {
    reasons.splice(reasons.indexOf('true_false'), 1);
    fixes.true_false_count++;
    notes.push('relabelled (issue 13): counting true statements asks for a number, not true_false');
  }
  if (reasons.includes('multi_part') && reasons.includes('multiple_answers')) {
    reasons.splice(reasons.indexOf('multiple_answers'), 1);
    fixes.multi_part_boxes++;
    notes.push('relabelled (issue 13): one answer per part is multi_part, not multiple_answers');
  }
  if (notes.length === 0) return r;
  return { ...r, reasons, expected: reasons.length ? 'reject' : 'keep', note: `${r.note} [${notes.join('; ')}]` };
}

const current = existsSync(out) ? jsonl<Row>(out) : [];
const dev = current.filter((r) => (r.set ?? 'dev') === 'dev').map((r) => relabel({ ...r, set: 'dev' }));
const others = current.filter((r) => r.set !== undefined && r.set !== 'dev' && r.set !== setName);

// where the first reading and the filters disagreed, a second independent reading and an
// adjudicated verdict (`adjudicated.jsonl`: lid, second, adjudicated); the label is the adjudicated one
type Reading = { expected: 'keep' | 'reject'; reasons: string[]; note: string };
const adjudicated = new Map(
  (existsSync(join(dir, 'adjudicated.jsonl')) ? jsonl<{ lid: string; second: Reading; adjudicated: Reading }>(join(dir, 'adjudicated.jsonl')) : []).map((a) => [a.lid, a]),
);
const batch: Row[] = [];
let adjudicatedUsed = 0;
for (let n = 0; existsSync(join(dir, `batch-${n}.input.jsonl`)); n++) {
  const inputs = jsonl<{ lid: string; source: string; row: Record<string, unknown> }>(join(dir, `batch-${n}.input.jsonl`));
  const outputs = new Map(jsonl<{ lid: string; expected: 'keep' | 'reject'; reasons: string[]; note: string }>(join(dir, `batch-${n}.output.jsonl`)).map((o) => [o.lid, o]));
  for (const i of inputs) {
    const o = outputs.get(i.lid);
    if (!o) throw new Error(`batch-${n}: no reading for ${i.lid}`);
    // readers judge the row itself; the subset policy (source_excluded) is added by rule, as the dev labels carry it
    const adj = adjudicated.get(i.lid);
    const final: Reading = adj ? adj.adjudicated : o;
    const readings = adj
      ? [{ reading: 'first', expected: o.expected, reasons: o.reasons, note: o.note }, { reading: 'second', ...adj.second }, { reading: 'adjudicated', ...adj.adjudicated }]
      : undefined;
    const excluded = (EXCLUDED[i.source] ?? []).includes(String(i.row['source'] ?? ''));
    const reasons = excluded && !final.reasons.includes('source_excluded') ? ['source_excluded', ...final.reasons] : final.reasons;
    const note = excluded ? `${final.note} [source_excluded added by policy: default excluded subset]` : final.note;
    batch.push({ source: i.source, row: i.row, expected: reasons.length ? 'reject' : 'keep', reasons, note, set: setName, lid: i.lid, readings });
    if (adj) adjudicatedUsed++;
  }
}
batch.sort((a, b) => (a.lid! < b.lid! ? -1 : a.lid! > b.lid! ? 1 : 0));

const all = [...dev, ...others, ...batch].map((r) => ({
  source: r.source, row: r.row, expected: r.expected, reasons: r.reasons, note: r.note,
  split: splitOf(problemOf(r.row)), set: r.set, ...(r.lid ? { lid: r.lid } : {}), ...(r.readings ? { readings: r.readings } : {}),
}));
writeFileSync(out, all.map((r) => JSON.stringify(r)).join('\n') + '\n');
const count = (s: string) => all.filter((r) => r.split === s).length;
console.log(`wrote ${out}: ${all.length} labels (${dev.length} dev, ${batch.length} ${setName}); tune ${count('tune')}, test ${count('test')}; ${adjudicatedUsed} with a second reading and an adjudicated verdict; dev relabelled by policy: ${JSON.stringify(fixes)}`);
