import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fullRow, planChunks, readChunk } from '../../../pipeline/read/chunks.ts';
import { readParquet } from '../../../pipeline/read/parquet.ts';
import { toRecord } from '../../../pipeline/process/to-record.ts';
import { numinamathAdapter } from '../../../sources/numinamath.ts';
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
});
