import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFilters } from '../../filters/index.ts';
import { gateMisses, setGateMode } from '../../filters/text/keyword-gate.ts';
import type { FilterInput } from '../../filters/filter.ts';
import type { ProblemRecord } from '../../schemas/record.ts';
import type { Signal } from '../../schemas/signal.ts';
import { loadBenchmarks } from '../../pipeline/decontam/benchmarks.ts';
import { filterInputOf } from '../../pipeline/process/process-record.ts';
import { toRecord } from '../../pipeline/process/to-record.ts';
import { getAdapter } from '../../sources/registry.ts';
import { config } from './helpers.ts';

/**
 * The keyword gate (filters/text/keyword-gate.ts) must never change a signal: every filter runs
 * over every real row with the gate in audit mode (every regex runs; a match in a text holding
 * none of its rule's trigger words is recorded) and with the gate on, and the signals must be
 * identical and the misses none. A rule edited without its trigger list fails here as soon as a
 * real row matches the new alternative.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const SHARED = join(ROOT, '..', 'shared', 'data');
const cfg = config();

function jsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

function viaAdapter(source: string, file: string, rows: Record<string, unknown>[]): ProblemRecord[] {
  return rows.flatMap((value, i) => {
    const r = toRecord(getAdapter(source), { file, row: i + 1, value });
    return r.ok ? [r.record] : [];
  });
}

/** Rows of sources without an adapter (GSM8K, OpenMathInstruct-1, benchmarks): the texts matter, not the mapping. */
function plain(id: string, problem: string, answer: string | null, solution: string | null): ProblemRecord {
  return {
    id, source: 'numinamath', source_id: id, subset: null, problem, solution, answer, answer_origin: 'column', level: null,
    subject: null, metadata: {}, input_file: 'f', input_row: 1, folded_rows: 0,
  } as ProblemRecord;
}

function sharedRecords(): ProblemRecord[] {
  const src = join(SHARED, 'sources');
  const adapted: [string, string][] = [
    ['math', 'math/train.jsonl'], ['math', 'math/test.jsonl'], ['harp', 'harp/HARP.jsonl'], ['omni_math', 'omni-math/omni_math_rule.jsonl'],
    ['numinamath', 'numinamath/numinamath_cot_real.jsonl'], ['openmathinstruct2', 'openmathinstruct-2/openmathinstruct2_100.jsonl'],
  ];
  const out = adapted.flatMap(([source, file]) => viaAdapter(source, file, jsonl(join(src, file))));
  for (const [i, r] of jsonl(join(src, 'gsm8k/train.jsonl')).entries()) {
    const sol = String(r['answer']);
    out.push(plain(`gsm8k${i}`, String(r['question']), sol.split('####').at(-1)!.trim(), sol));
  }
  for (const [i, r] of jsonl(join(src, 'openmathinstruct-1/openmathinstruct1_100.jsonl')).entries()) {
    out.push(plain(`omi1-${i}`, String(r['question']), String(r['expected_answer']), String(r['generated_solution'] ?? '')));
  }
  const b = join(SHARED, 'benchmarks');
  const specs = [
    ['aime', 'aime/AIME_Dataset_1983_2024.csv'], ['aimo', 'aime/aimo-validation-aime.jsonl'], ['aime25', 'aime2025/aime25.jsonl'],
    ['amc', 'amc/amc23_test.jsonl'], ['gsm8k', 'gsm8k/test.jsonl'], ['math500', 'math-500/test.jsonl'], ['minerva', 'minerva-math/test.jsonl'],
    ['olympiad', 'olympiadbench/test.jsonl'],
  ].map(([name, file]) => ({ name: name!, path: join(b, file!) }));
  for (const item of loadBenchmarks(specs)) out.push(plain(`${item.benchmark}/${item.item}`, item.problem, null, null));
  return out;
}

function labelRecords(): ProblemRecord[] {
  const rows = jsonl(join(ROOT, 'tests/fixtures/labels/labels.jsonl')) as { source: string; row: Record<string, unknown> }[];
  return rows.flatMap((r, i) => viaAdapter(r.source, 'labels.jsonl', [r.row]).map((rec) => ({ ...rec, input_row: i + 1 })));
}

/** Every record's signals with the gate in the given mode (the memoised readings see the same sequence both times). */
function signals(inputs: FilterInput[], mode: 'on' | 'audit'): Signal[][] {
  setGateMode(mode);
  try {
    return inputs.map((x) => runFilters(x, cfg));
  } finally {
    if (mode === 'on') setGateMode('on');
  }
}

function check(records: ProblemRecord[]): void {
  const inputs = records.flatMap((r) => {
    const x = filterInputOf(r);
    // every view a rule may read: the problem as is, and as the first and only text
    return [x, { ...x, problem: x.problem_original ?? x.problem, cleaning: [] }];
  });
  const audited = signals(inputs, 'audit');
  const misses = gateMisses().map((m) => `${m.words.join('|')} <- /${m.pattern.slice(0, 60)}/ in "${m.text.slice(0, 120)}"`);
  const gatedSignals = signals(inputs, 'on');
  expect(misses.slice(0, 5)).toEqual([]);
  let differing = 0;
  for (let i = 0; i < inputs.length; i++) if (JSON.stringify(audited[i]) !== JSON.stringify(gatedSignals[i])) differing++;
  expect(differing).toBe(0);
}

describe('keyword gate soundness', () => {
  it('changes no signal on the labelled rows, and every rule match holds a trigger word', () => {
    check(labelRecords());
  });
  it.skipIf(!existsSync(SHARED))('changes no signal on every real row of ../shared/data', () => {
    check(sharedRecords());
  }, 120_000);
});
