import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from '../../pipeline/read/jsonl.ts';
import { readParquet } from '../../pipeline/read/parquet.ts';
import type { RawRow } from '../../pipeline/read/raw-row.ts';
import { toRecord } from '../../pipeline/process/to-record.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import { getAdapter } from '../../sources/registry.ts';
import { ROOT, tempDir } from '../helpers.ts';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'scripts', 'generate-synthetic.ts');

async function generate(out: string, ...args: string[]): Promise<void> {
  await run(process.execPath, [SCRIPT, '--out', out, ...args], { cwd: ROOT, maxBuffer: 1 << 24 });
}

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(jsonl|parquet|json)$/.test(f)).sort();
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

const SOURCES: Record<string, string> = { numinamath: 'numinamath', openmathinstruct2: 'openmathinstruct2', math: 'math', harp: 'harp', omni_math: 'omni_math' };

/** Every row of every file, through the project's readers and adapters. */
async function records(dir: string): Promise<{ bySource: Map<string, ProblemRecord[]>; malformed: string[] }> {
  const bySource = new Map<string, ProblemRecord[]>();
  const malformed: string[] = [];
  for (const [folder, source] of Object.entries(SOURCES)) {
    const adapter = getAdapter(source);
    const list: ProblemRecord[] = [];
    for (const f of files(join(dir, folder))) {
      const path = join(dir, folder, f);
      const rows: AsyncIterable<RawRow> = f.endsWith('.parquet') ? readParquet(path) : readJsonl(path);
      for await (const raw of rows) {
        const r = toRecord(adapter, raw);
        if (r.ok) list.push(r.record);
        else malformed.push(r.malformed.error);
      }
    }
    bySource.set(source, list);
  }
  return { bySource, malformed };
}

describe('generate-synthetic', () => {
  let a: string;
  let b: string;
  let c: string;
  let report: any;
  let data: Awaited<ReturnType<typeof records>>;

  beforeAll(async () => {
    a = tempDir('bigmath-syn-a-');
    b = tempDir('bigmath-syn-b-');
    c = tempDir('bigmath-syn-c-');
    await Promise.all([generate(a, '--scale', '0.002', '--seed', '7'), generate(b, '--scale', '0.002', '--seed', '7')]);
    report = JSON.parse(readFileSync(join(a, 'generation.json'), 'utf8'));
    data = await records(a);
  }, 180_000);

  afterAll(() => {
    for (const d of [a, b, c]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('writes the official layouts', () => {
    expect(files(a)).toEqual([
      'generation.json',
      'harp/HARP.jsonl',
      'math/test.jsonl',
      'math/train.jsonl',
      'numinamath/train-00000.parquet',
      'omni_math/test.jsonl',
      'openmathinstruct2/train-00000.parquet',
    ]);
  });

  it('is deterministic: same seed and scale give byte-identical files', () => {
    expect(files(b)).toEqual(files(a));
    for (const f of files(a)) expect(sha(join(b, f)), f).toBe(sha(join(a, f)));
  });

  it('is read by the project readers and adapters without a malformed row', () => {
    expect(data.malformed).toEqual([]);
    for (const [source, list] of data.bySource) {
      const expected = report.sources[source].rows;
      expect(list.length, source).toBe(expected);
      expect(list.length, source).toBeGreaterThan(0);
    }
  });

  it('keeps the real proportions of the NuminaMath subsets', () => {
    const subsets = new Map<string, number>();
    for (const r of data.bySource.get('numinamath')!) subsets.set(r.subset!, (subsets.get(r.subset!) ?? 0) + 1);
    expect(subsets.get('cn_k12')).toBe(Math.round(276591 * 0.002));
    expect(subsets.get('olympiads')).toBe(Math.round(150581 * 0.002));
    expect(subsets.get('amc_aime')).toBe(Math.round(4072 * 0.002));
    expect(subsets.size).toBe(9);
  });

  it('gives OpenMathInstruct-2 several solution rows per problem, some far apart', () => {
    const omi = data.bySource.get('openmathinstruct2')!;
    const rows = new Map<string, number[]>();
    omi.forEach((r, i) => rows.set(r.problem, [...(rows.get(r.problem) ?? []), i]));
    const perProblem = omi.length / rows.size;
    expect(perProblem).toBeGreaterThan(1.8);
    expect(perProblem).toBeLessThan(3.2);
    const spread = [...rows.values()].filter((ix) => ix[ix.length - 1] - ix[0] > 100).length;
    expect(spread).toBeGreaterThan(10);
    for (const r of omi) expect(r.solution).toMatch(/\\boxed/);
  });

  it('plants every category, visible in the rows themselves', () => {
    const planted = report.planted_totals;
    for (const k of ['exact_duplicate', 'near_duplicate', 'near_duplicate_typeset', 'near_duplicate_lexical', 'multiple_choice', 'multi_part', 'proof', 'non_english', 'prose_answer', 'contamination_exact']) {
      expect(planted[k]?.rows ?? 0, k).toBeGreaterThan(0);
    }
    const numina = data.bySource.get('numinamath')!;
    const all = [...data.bySource.values()].flat();
    expect(numina.some((r) => r.subset === 'cn_k12' && /\nA: .*\nB: .*\nC: .*\nD: /.test(r.problem))).toBe(true);
    expect(numina.some((r) => /\\textbf\{\(A\)/.test(r.problem))).toBe(true);
    expect(numina.some((r) => /^(?:.*\n)?\(1\) [\s\S]*\n\(2\) /.test(r.problem) || /\n\(I\) |\n2\. /.test(r.problem))).toBe(true);
    expect(numina.some((r) => /^(?:Problem \d+\. |\d\. )?(Prove|Show|Demonstrate) that/m.test(r.problem))).toBe(true);
    expect(numina.some((r) => /[\u4e00-\u9fff]/.test(r.problem))).toBe(true);
    // exact duplicates: the same problem text in more than one problem slot (OMI2 rows fold by problem)
    const slots = new Map<string, number>();
    const seenOmi = new Set<string>();
    for (const r of all) {
      if (r.source === 'openmathinstruct2') {
        if (seenOmi.has(r.problem)) continue;
        seenOmi.add(r.problem);
      }
      slots.set(r.problem, (slots.get(r.problem) ?? 0) + 1);
    }
    const repeated = [...slots.values()].filter((n) => n > 1).length;
    expect(repeated).toBeGreaterThanOrEqual(planted.exact_duplicate.rows / 2);
    // NuminaMath's `math` subset copies MATH train problems
    const mathProblems = new Set(data.bySource.get('math')!.map((r) => r.problem));
    expect(numina.filter((r) => r.subset === 'math').every((r) => mathProblems.has(r.problem))).toBe(true);
  });

  it('gives distinct problems outside the planted copies', () => {
    expect(report.accidental_exact_duplicates).toBeLessThanOrEqual(2);
  });

  it('writes just an OpenMathInstruct-2 input of N rows with --omi-only-rows', async () => {
    await generate(c, '--omi-only-rows', '3000', '--shard-rows', '1000', '--seed', '3');
    expect(files(c)).toEqual(['generation.json', 'openmathinstruct2/train-00000.parquet', 'openmathinstruct2/train-00001.parquet', 'openmathinstruct2/train-00002.parquet']);
    let n = 0;
    const adapter = getAdapter('openmathinstruct2');
    for (const f of files(join(c, 'openmathinstruct2'))) {
      for await (const raw of readParquet(join(c, 'openmathinstruct2', f))) {
        expect(toRecord(adapter, raw).ok).toBe(true);
        n++;
      }
    }
    expect(n).toBe(3000);
  }, 120_000);
});
