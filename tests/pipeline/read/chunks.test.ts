import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fullRow, planChunks, readChunk } from '../../../pipeline/read/chunks.ts';
import { readParquet } from '../../../pipeline/read/parquet.ts';
import { toRecord } from '../../../pipeline/process/to-record.ts';
import { numinamathAdapter } from '../../../sources/numinamath.ts';
import { openMathInstruct2Adapter } from '../../../sources/openmathinstruct2.ts';
import { ROOT, collectRows } from '../../helpers.ts';

const SAMPLE = join(ROOT, 'data/sample/numinamath/train-sample.parquet');

describe('Parquet chunks', () => {
  it('leave NuminaMath messages (a list column) undecoded: the same records, and the full row on demand', async () => {
    const task = { index: 0, source: 'numinamath', label: 'x', files: [{ source: 'numinamath', path: SAMPLE, format: 'parquet' as const, relativePath: 'train-sample.parquet', size: 0 }] };
    const chunks = await planChunks(task);
    const rows = [];
    for (const c of chunks) rows.push(...(await collectRows(readChunk(c))));
    const whole = await collectRows(readParquet(SAMPLE));
    expect(rows.length).toBe(whole.length);
    expect(rows.every((r) => 'value' in r && !('messages' in r.value))).toBe(true);
    expect(whole.every((r) => 'value' in r && Array.isArray(r.value.messages))).toBe(true);
    for (let i = 0; i < rows.length; i++) {
      rows[i].relativePath = whole[i].relativePath = 'train-sample.parquet';
      expect(toRecord(numinamathAdapter, rows[i])).toEqual(toRecord(numinamathAdapter, whole[i]));
    }
    const last = rows.at(-1)!;
    expect(await fullRow(chunks.at(-1)!, last)).toEqual(whole.at(-1));
  });

  it('the first pass leaves OpenMathInstruct-2 solutions (a string column) undecoded: same ids, subsets and problems', async () => {
    const path = join(ROOT, 'data/sample/openmathinstruct2/train_1M-sample.parquet');
    const task = { index: 0, source: 'openmathinstruct2', label: 'x', files: [{ source: 'openmathinstruct2', path, format: 'parquet' as const, relativePath: 'a.parquet', size: 0 }] };
    const [chunk] = await planChunks(task);
    const first = await collectRows(readChunk(chunk, true));
    const second = await collectRows(readChunk(chunk));
    expect(first.every((r) => 'value' in r && !('generated_solution' in r.value))).toBe(true);
    expect(second.every((r) => 'value' in r && typeof r.value.generated_solution === 'string')).toBe(true);
    const pick = (r: (typeof first)[number]) => {
      const res = toRecord(openMathInstruct2Adapter, r);
      return res.ok ? [res.record.id, res.record.subset, res.record.problem] : null;
    };
    expect(first.map(pick)).toEqual(second.map(pick));
  });
});
