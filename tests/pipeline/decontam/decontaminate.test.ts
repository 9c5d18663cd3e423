import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ContaminationIndex,
  contaminationEvidence,
  defaultBenchmarkSpecs,
  loadBenchmarks,
  type BenchmarkItem,
} from '../../../pipeline/decontam/decontaminate.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('loadBenchmarks', () => {
  const items = loadBenchmarks(defaultBenchmarkSpecs(ROOT));
  const by = (b: string) => items.filter((i) => i.benchmark === b);

  it('reads every bundled file with its own columns', () => {
    expect(by('math500')).toHaveLength(500);
    expect(by('math500')[0].item).toMatch(/^test\/[a-z_]+\/\d+\.json$/);
    expect(by('gsm8k_test')).toHaveLength(1319);
    expect(by('gsm8k_test')[0].item).toBe('row 1');
    expect(by('aime_1983_2024')).toHaveLength(933);
    expect(by('aime_2022_2024')).toHaveLength(90);
    expect(by('amc_2023')).toHaveLength(40);
    expect(by('amc_2023')[0].item).toBe('0');
    expect(by('olympiadbench')).toHaveLength(675);
    expect(by('olympiadbench')[0].item).toBe('1606');
    expect(by('minerva_math')).toHaveLength(272);
    expect(by('aime_2025')).toHaveLength(30);
    expect(by('aime_2025')[0].item).toBe('I-1');
  });
  it('parses the AIME CSV multi-line quoted questions', () => {
    const q = by('aime_1983_2024').find((i) => i.item === '1983-4')!;
    expect(q.problem).toMatch(/^A machine-shop cutting tool/);
    expect(q.problem).toContain('[asy]');
    expect(by('aime_1983_2024').at(-1)!.item).toMatch(/^2024-II-/);
    for (const i of by('aime_1983_2024')) expect(i.item).toMatch(/^\d{4}(-I{1,2})?-\d+$/);
  });
  it('reads a generic JSONL or CSV with a question column, and names the file on errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    writeFileSync(join(dir, 'q.jsonl'), '{"question":"What is 1+1?"}\n\n{"question":"What is 2+2?","id":"b"}\n');
    writeFileSync(join(dir, 'q.csv'), 'problem\r\n"Find x"\r\n');
    const got = loadBenchmarks([{ name: 'g', path: join(dir, 'q.jsonl') }, { name: 'c', path: join(dir, 'q.csv') }]);
    expect(got).toEqual([
      { benchmark: 'g', item: 'row 1', problem: 'What is 1+1?' },
      { benchmark: 'g', item: 'b', problem: 'What is 2+2?' },
      { benchmark: 'c', item: 'row 1', problem: 'Find x' },
    ]);
    writeFileSync(join(dir, 'bad.jsonl'), '{"question":"ok"}\n{broken\n');
    expect(() => loadBenchmarks([{ name: 'bad', path: join(dir, 'bad.jsonl') }])).toThrow(/bad\.jsonl: line 2/);
    expect(() => loadBenchmarks([{ name: 'x', path: join(dir, 'missing.jsonl') }])).toThrow(/missing\.jsonl/);
    writeFileSync(join(dir, 'nocol.jsonl'), '{"text":"x"}\n');
    expect(() => loadBenchmarks([{ name: 'n', path: join(dir, 'nocol.jsonl') }])).toThrow(/nocol\.jsonl: row 1 has no problem/);
  });
});

describe('ContaminationIndex', () => {
  const items: BenchmarkItem[] = [
    { benchmark: 'b', item: 'i1', problem: 'Compute $\\dbinom{31}{28}$.' },
    {
      benchmark: 'b',
      item: 'i2',
      problem: 'A tennis player computes her win ratio by dividing the number of matches she has won by the total number of matches she has played.',
    },
  ];
  const index = new ContaminationIndex(items, 13);

  it('flags normalised-equal problems as exact', () => {
    expect(index.check('Compute \\(\\binom{31}{28}\\)')).toMatchObject({ benchmark: 'b', item: 'i1', kind: 'exact' });
  });
  it('flags a shared 13-gram with the span', () => {
    const c = index.check('Sam is a tennis player who computes her win ratio by dividing the number of matches she has won by 7. Find x.');
    expect(c).toMatchObject({ item: 'i2', kind: 'ngram' });
    expect(c!.span).toBe('computes her win ratio by dividing the number of matches she has won by');
    expect(contaminationEvidence(c!)).toContain('with b i2');
  });
  it('does not flag 12 shared tokens or unrelated problems', () => {
    expect(index.check('She computes her win ratio by dividing the number of matches she has lost.')).toBeNull();
    expect(index.check('Compute $\\binom{31}{27}$.')).toBeNull();
  });
  // the full MATH test split lives in ../shared beside a checkout (CI has it); a bare clone skips this
  const mathTest = join(ROOT, '..', 'shared', 'data', 'sources', 'math', 'test.jsonl');
  it.skipIf(!existsSync(mathTest))('catches every MATH-500 problem in the real MATH test split', () => {
    const full = new ContaminationIndex(loadBenchmarks(defaultBenchmarkSpecs(ROOT)), 13);
    const m500 = new Set(
      readFileSync(join(ROOT, 'data/benchmarks/math-500/test.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { problem: string }).problem),
    );
    const test = readFileSync(mathTest, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { problem: string }).problem);
    let caught = 0;
    for (const p of test) if (m500.has(p) && full.check(p)?.benchmark === 'math500') caught++;
    expect(caught).toBe(500);
  });
});
