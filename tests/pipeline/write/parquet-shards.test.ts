import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ParquetShardWriter } from '../../../pipeline/write/parquet-shards.ts';
import { sha256File } from '../../../pipeline/write/sha256-file.ts';
import { tempDir } from '../../helpers.ts';

const COLS = [
  ['id', 'VARCHAR', ''],
  ['text', 'VARCHAR', ''],
  ['tags', 'VARCHAR[]', ''],
  ['n', 'INTEGER', ''],
] as const;
const TEXT = 'Find $\\frac{1}{2}\\sqrt{x}$ — 中文 😀 "quoted" \\\\ backslash';

describe('ParquetShardWriter', () => {
  it('writes shards of the configured size that hyparquet and DuckDB read back intact', async () => {
    const dir = tempDir();
    const w = new ParquetShardWriter(dir, COLS, 4);
    for (let i = 0; i < 10; i++) await w.write({ id: `r${i}`, text: `${TEXT} ${i}`, tags: ['a', 'b'], n: i });
    const shards = await w.close();
    expect(shards.map((s) => [s.path, s.rows])).toEqual([['part-00000.parquet', 4], ['part-00001.parquet', 4], ['part-00002.parquet', 2]]);
    expect(readdirSync(dir).sort()).toEqual(['part-00000.parquet', 'part-00001.parquet', 'part-00002.parquet']);
    for (const s of shards) expect(await sha256File(join(dir, s.path))).toBe(s.sha256);

    const file = await asyncBufferFromFile(join(dir, 'part-00001.parquet'));
    const rows = await parquetReadObjects({ file, compressors });
    expect(rows[0]).toEqual({ id: 'r4', text: `${TEXT} 4`, tags: ['a', 'b'], n: 4 });

    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const r = await con.runAndReadAll(`SELECT count(*)::INT AS c, max(text) AS t FROM read_parquet('${dir}/*.parquet')`);
    expect(r.getRowObjectsJS()[0]).toEqual({ c: 10, t: `${TEXT} 9` });
    const codec = await con.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${dir}/part-00000.parquet')`);
    expect(codec.getRowObjectsJS().map((x) => x.compression)).toEqual(['ZSTD']);
  });
  it('writes identical bytes for identical rows', async () => {
    const hashes = [];
    for (let k = 0; k < 2; k++) {
      const w = new ParquetShardWriter(tempDir(), COLS, 100);
      for (let i = 0; i < 50; i++) await w.write({ id: `r${i}`, text: TEXT, tags: [], n: i });
      hashes.push((await w.close())[0].sha256);
    }
    expect(hashes[0]).toBe(hashes[1]);
  });
});
