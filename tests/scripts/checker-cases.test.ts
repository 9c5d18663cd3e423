import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitOf } from '../../scripts/checker-cases/split.ts';
import { buildRows } from '../../scripts/checker-cases/generate.ts';

const dir = join(import.meta.dirname, '..', 'fixtures', 'checker', 'cases');
const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

interface Row { id: string; category: string; gold: string; pred: string; extract?: boolean; expected: boolean; origin: string }

const CATEGORIES = ['numbers', 'expressions', 'radicals-pi-trig-log', 'sets-find-all', 'tuples-intervals', 'matrices-vectors',
  'equations-labels', 'inequalities', 'percent-units-text', 'latex-formatting', 'responses'];

function read(split: string): Row[] {
  return readFileSync(join(dir, `${split}.jsonl`), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Row);
}

const tune = read('tune'), test = read('test');

describe('checker case corpus', () => {
  it('has well-formed rows', () => {
    for (const r of [...tune, ...test]) {
      expect(Object.keys(r).filter((k) => !['id', 'category', 'gold', 'pred', 'extract', 'expected', 'origin'].includes(k))).toEqual([]);
      expect(typeof r.id === 'string' && typeof r.gold === 'string' && typeof r.pred === 'string' && typeof r.origin === 'string').toBe(true);
      expect(typeof r.expected).toBe('boolean');
      if ('extract' in r) expect(r.extract).toBe(true);
      expect(r.gold.trim()).not.toBe(r.pred.trim());
    }
  });

  it('is large enough in both splits', () => {
    expect(tune.length).toBeGreaterThanOrEqual(2000);
    expect(test.length).toBeGreaterThanOrEqual(2000);
    expect(test.length).toBeGreaterThan(0.3 * (tune.length + test.length));
  });

  it('has true and false pairs of every category in both splits', () => {
    for (const rows of [tune, test]) {
      for (const c of CATEGORIES) {
        expect(rows.some((r) => r.category === c && r.expected), `${c} true`).toBe(true);
        expect(rows.some((r) => r.category === c && !r.expected), `${c} false`).toBe(true);
      }
      expect(rows.filter((r) => r.category === 'responses').every((r) => r.extract === true)).toBe(true);
    }
  });

  it('follows the hash rule and shares no pair or id between splits', () => {
    for (const r of tune) expect(splitOf(r.gold, r.pred)).toBe('tune');
    for (const r of test) expect(splitOf(r.gold, r.pred)).toBe('test');
    const keys = new Set(tune.map((r) => JSON.stringify([r.gold, r.pred])));
    expect(test.filter((r) => keys.has(JSON.stringify([r.gold, r.pred])))).toEqual([]);
    const ids = [...tune, ...test].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.skipIf(!existsSync(join(shared, 'sources', 'math', 'train.jsonl')))('is what the generator writes from ../shared/data', () => {
    const rows = buildRows(shared);
    const text = (split: string) => rows.filter((r) => splitOf(r.gold, r.pred) === split).map((r) => `${JSON.stringify(r)}\n`).join('');
    expect(text('tune')).toBe(readFileSync(join(dir, 'tune.jsonl'), 'utf8'));
    expect(text('test')).toBe(readFileSync(join(dir, 'test.jsonl'), 'utf8'));
  }, 60_000);
});
