/**
 * Builds the labelled checker case corpus from the real answers in ../shared/data and writes
 * tests/fixtures/checker/cases/{tune,test}.jsonl. Deterministic: re-running reproduces both files
 * byte for byte. Usage: npx node scripts/checker-cases/generate.ts [--data DIR] [--out DIR]
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGolds } from './golds.ts';
import { rngFor, type Case, type Generator } from './kit.ts';
import { sameValue } from './numeric-check.ts';
import { pairDigest, splitOf } from './split.ts';
import { numbers } from './categories/numbers.ts';
import { expressions } from './categories/expressions.ts';
import { radicals } from './categories/radicals.ts';
import { sets } from './categories/sets.ts';
import { tuples } from './categories/tuples.ts';
import { matrices } from './categories/matrices.ts';
import { equations } from './categories/equations.ts';
import { inequalities } from './categories/inequalities.ts';
import { decorations } from './categories/decorations.ts';
import { formatting } from './categories/formatting.ts';
import { responses } from './categories/responses.ts';
import { policy } from './categories/policy.ts';

const GENERATORS: [string, Generator][] = [
  ['numbers', numbers], ['expressions', expressions], ['radicals', radicals], ['sets', sets], ['tuples', tuples],
  ['matrices', matrices], ['equations', equations], ['inequalities', inequalities], ['decorations', decorations],
  ['formatting', formatting], ['responses', responses], ['policy', policy],
];

const MIXED = /\d\s*\\[dt]?frac/;
// thousands separators (`6\,700`, `6 700`) read as products by the numeric check: labels stand by construction
const GROUPED = /\d(?:\\,|\{,\}|,\\!|,| )\d{3}(?!\d)/;

/** Whether the numeric second opinion contradicts (or, for 'confirm', fails to back) the label. */
function doubtful(c: Case): boolean {
  if (!c.scalar) return false;
  const [a, b] = c.checkAs ?? [c.gold, c.pred];
  if (MIXED.test(a) || MIXED.test(b) || GROUPED.test(b)) return c.scalar === 'confirm';
  const v = sameValue(a, b);
  if (c.expected) return v === false || (c.scalar === 'confirm' && v !== true);
  return v === true || (c.scalar === 'confirm' && v !== false);
}

export interface Row { id: string; category: string; gold: string; pred: string; extract?: boolean; expected: boolean; origin: string }

export function buildRows(dataDir: string, log: (s: string) => void = () => {}): Row[] {
  const golds = loadGolds(dataDir);
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const [name, gen] of GENERATORS) {
    const cases = gen(golds, rngFor(name));
    let dropped = 0, dup = 0;
    for (const c of cases) {
      if (c.gold.trim() === c.pred.trim() || doubtful(c)) { dropped++; continue; }
      const key = JSON.stringify([c.gold, c.pred]);
      if (seen.has(key)) { dup++; continue; }
      seen.add(key);
      const id = `${c.category}-${pairDigest(c.gold, c.pred).toString('hex').slice(0, 12)}`;
      rows.push({ id, category: c.category, gold: c.gold, pred: c.pred, ...(c.extract ? { extract: true } : {}), expected: c.expected, origin: c.origin });
    }
    log(`${name}: ${cases.length} generated, ${dropped} dropped by the label checks, ${dup} duplicates`);
  }
  return rows;
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const args = process.argv.slice(2);
  const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 && args[i + 1] ? args[i + 1] : d; };
  const dataDir = resolve(opt('--data', join(here, '../../../shared/data')));
  const outDir = resolve(opt('--out', join(here, '../../tests/fixtures/checker/cases')));
  if (!existsSync(join(dataDir, 'sources/math/train.jsonl'))) {
    process.stderr.write(`generate: no shared data at ${dataDir} (pass --data DIR)\n`);
    process.exit(2);
  }
  const rows = buildRows(dataDir, (s) => process.stderr.write(`${s}\n`));
  mkdirSync(outDir, { recursive: true });
  const text = (split: string) => rows.filter((r) => splitOf(r.gold, r.pred) === split).map((r) => `${JSON.stringify(r)}\n`).join('');
  writeFileSync(join(outDir, 'tune.jsonl'), text('tune'));
  writeFileSync(join(outDir, 'test.jsonl'), text('test'));
  process.stderr.write(`${rows.length} pairs written to ${outDir}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
