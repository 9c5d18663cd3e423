/**
 * Measures the answer checker on a labelled case set: per category, the share of true pairs it
 * judges equal and of false pairs it judges unequal, each with a 95% Wilson interval.
 * Usage: npx node scripts/eval-checker.ts --split tune|test|dev [--failures] [--json]
 *   tune/test: tests/fixtures/checker/cases/<split>.jsonl (the `policy` category is reported
 *   apart and left out of the overall line); dev: ../shared/data/checker/dev-cases.jsonl, else
 *   tests/fixtures/checker/dev-cases.jsonl. Answer pairs go through isEquivalent; response pairs
 *   (extract: true, or dev shape "response") through `reward` when checker/index.ts exports it,
 *   else verifyResponse; dev pairs as tests/checker/dev-cases.test.ts judges them (extractAnswer on
 *   both sides, since Math-Verify's golds carry delimiters too). --failures lists the misjudged rows (tune and dev only: test is held out).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as checker from '../checker/index.ts';
import { wilson } from './checker-cases/wilson.ts';

interface Pair { id: string; category: string; gold: string; pred: string; extract: boolean; expected: boolean; dev: boolean }

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(msg: string): never {
  process.stderr.write(`eval-checker: ${msg}\n`);
  process.exit(2);
}

function load(split: string): Pair[] {
  let path: string;
  if (split === 'dev') {
    const shared = join(root, '..', 'shared', 'data', 'checker', 'dev-cases.jsonl');
    path = existsSync(shared) ? shared : join(root, 'tests', 'fixtures', 'checker', 'dev-cases.jsonl');
  } else if (split === 'tune' || split === 'test') {
    path = join(root, 'tests', 'fixtures', 'checker', 'cases', `${split}.jsonl`);
  } else fail(`--split must be tune, test or dev (got ${JSON.stringify(split)})`);
  if (!existsSync(path)) fail(`no case file at ${path}`);
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let r: Record<string, unknown>;
    try { r = JSON.parse(line) as Record<string, unknown>; } catch { fail(`${path}:${i + 1}: not JSON`); }
    if (typeof r.gold !== 'string' || typeof r.pred !== 'string' || typeof r.expected !== 'boolean') fail(`${path}:${i + 1}: needs string gold, pred and boolean expected`);
    const response = r.extract === true || r.shape === 'response';
    const category = typeof r.category === 'string' ? r.category : `dev-${typeof r.shape === 'string' ? r.shape : 'answer'}`;
    return [{ id: String(r.id ?? i + 1), category, gold: r.gold, pred: r.pred, extract: response, expected: r.expected, dev: split === 'dev' }];
  });
}

type RewardFn = (gold: string, response: string) => { equal: boolean };
const reward = (checker as unknown as { reward?: RewardFn }).reward;

function judge(p: Pair): boolean {
  // Math-Verify's cases carry delimiters and sentences on both sides: judged as tests/checker/dev-cases.test.ts does
  if (p.dev) return checker.isEquivalent(checker.extractAnswer(p.gold) ?? p.gold, checker.extractAnswer(p.pred) ?? p.pred);
  if (!p.extract) return checker.isEquivalent(p.gold, p.pred);
  return typeof reward === 'function' ? reward(p.gold, p.pred).equal : checker.verifyResponse(p.gold, p.pred);
}

interface Tally { nTrue: number; okTrue: number; nFalse: number; okFalse: number }

const pct = (k: number, n: number) => {
  if (n === 0) return '      -                ';
  const [lo, hi] = wilson(k, n);
  return `${((100 * k) / n).toFixed(1).padStart(5)}% [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`.padEnd(23);
};

function main(): void {
  const args = process.argv.slice(2);
  const i = args.indexOf('--split');
  const split = i >= 0 ? args[i + 1] ?? '' : fail('missing --split tune|test|dev');
  const pairs = load(split);
  const tallies = new Map<string, Tally>();
  const failures: Pair[] = [];
  for (const p of pairs) {
    const t = tallies.get(p.category) ?? { nTrue: 0, okTrue: 0, nFalse: 0, okFalse: 0 };
    const equal = judge(p);
    if (p.expected) { t.nTrue++; if (equal) t.okTrue++; } else { t.nFalse++; if (!equal) t.okFalse++; }
    if (equal !== p.expected) failures.push(p);
    tallies.set(p.category, t);
  }
  const overall: Tally = { nTrue: 0, okTrue: 0, nFalse: 0, okFalse: 0 };
  for (const [cat, t] of tallies) if (cat !== 'policy') for (const k of Object.keys(overall) as (keyof Tally)[]) overall[k] += t[k];
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ split, categories: Object.fromEntries([...tallies].sort()), overall })}\n`);
  } else {
    const line = (name: string, t: Tally) => `${name.padEnd(22)} ${String(t.nTrue).padStart(5)}  ${pct(t.okTrue, t.nTrue)} ${String(t.nFalse).padStart(5)}  ${pct(t.okFalse, t.nFalse)}`;
    process.stdout.write(`split ${split}: ${pairs.length} pairs (${reward ? 'reward' : 'verifyResponse'} for responses)\n`);
    process.stdout.write(`${'category'.padEnd(22)} ${'n T'.padStart(5)}  ${'true judged equal'.padEnd(23)} ${'n F'.padStart(5)}  false judged unequal\n`);
    for (const [cat, t] of [...tallies].sort()) if (cat !== 'policy') process.stdout.write(`${line(cat, t)}\n`);
    process.stdout.write(`${line('OVERALL', overall)}\n`);
    const pol = tallies.get('policy');
    if (pol) process.stdout.write(`${line('policy (not in overall)', pol)}\n`);
  }
  if (args.includes('--failures')) {
    if (split === 'test') fail('--failures is refused on the held-out test split (aggregates only)');
    for (const f of failures) process.stdout.write(`${JSON.stringify({ id: f.id, expected: f.expected, gold: f.gold, pred: f.extract ? f.pred.slice(-300) : f.pred })}\n`);
  }
}

main();
