import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readParquet } from '../../../pipeline/read/parquet.ts';
import { InputFileError } from '../../../pipeline/read/raw-row.ts';
import { ROOT, collectRows, tempDir } from '../../helpers.ts';

const SAMPLE = join(ROOT, 'data/sample/openmathinstruct2/train_1M-sample.parquet');

describe('readParquet', () => {
  it('streams the rows of a real zstd Parquet file with upstream columns', async () => {
    const rows = await collectRows(readParquet(SAMPLE));
    expect(rows).toHaveLength(100);
    const first = rows[0];
    expect('value' in first && Object.keys(first.value)).toEqual(['problem', 'generated_solution', 'expected_answer', 'problem_source']);
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
  it('names the file when the Parquet is truncated', async () => {
    const p = join(tempDir(), 'bad.parquet');
    const bytes = readFileSync(SAMPLE);
    writeFileSync(p, bytes.subarray(0, bytes.length >> 1));
    await expect(collectRows(readParquet(p))).rejects.toThrow(InputFileError);
    await expect(collectRows(readParquet(p))).rejects.toThrow(/bad\.parquet/);
  });
  it('rejects garbage', async () => {
    const p = join(tempDir(), 'garbage.parquet');
    writeFileSync(p, Buffer.from('not a parquet file at all, just bytes'));
    await expect(collectRows(readParquet(p))).rejects.toThrow(/not a readable Parquet file/);
    copyFileSync(SAMPLE, join(tempDir(), 'ok.parquet'));
  });
});

describe('readParquet schema check', () => {
  it('refuses a Parquet file that lacks required columns, naming them', async () => {
    await expect(collectRows(readParquet(SAMPLE, ['problem', 'answer']))).rejects.toThrow(/lacks required column\(s\) answer/);
    expect(await collectRows(readParquet(SAMPLE, ['problem', 'expected_answer']))).toHaveLength(100);
  });
});
