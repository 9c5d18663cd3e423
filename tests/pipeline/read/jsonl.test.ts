import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { jsonlRanges, readJsonl } from '../../../pipeline/read/jsonl.ts';
import { InputFileError } from '../../../pipeline/read/raw-row.ts';
import { collectRows, tempDir } from '../../helpers.ts';

function file(content: string | Buffer): string {
  const p = join(tempDir(), 'x.jsonl');
  writeFileSync(p, content);
  return p;
}

describe('readJsonl', () => {
  it('handles BOM, CRLF, blank lines and a missing final newline', async () => {
    const rows = await collectRows(readJsonl(file('\uFEFF{"a":1}\r\n\r\n{"a":2}\r\n{"a":3}')));
    expect(rows.map((r) => ('value' in r ? r.value.a : null))).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.row)).toEqual([1, 3, 4]);
  });
  it('reports bad JSON, non-objects and invalid UTF-8 per line, and keeps going', async () => {
    const buf = Buffer.concat([Buffer.from('{"a":1}\n{"a":\n[1,2]\n'), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]), Buffer.from('{"a":5}\n')]);
    const rows = await collectRows(readJsonl(file(buf)));
    expect(rows).toHaveLength(5);
    expect('error' in rows[1] && rows[1].error).toMatch(/invalid JSON/);
    expect('error' in rows[2] && rows[2].error).toMatch(/array/);
    expect('error' in rows[3] && rows[3].error).toMatch(/UTF-8/);
    expect('value' in rows[4] && rows[4].value.a).toBe(5);
  });
  it('reports a truncated last line as a row error', async () => {
    const rows = await collectRows(readJsonl(file('{"a":1}\n{"a": "unterminated')));
    expect(rows).toHaveLength(2);
    expect('error' in rows[1]).toBe(true);
  });
  it('keeps multi-byte characters split across read chunks intact', async () => {
    const long = '中文😀'.repeat(400_000); // > 1 MiB chunk
    const rows = await collectRows(readJsonl(file(JSON.stringify({ p: long }) + '\n')));
    expect('value' in rows[0] && rows[0].value.p).toBe(long);
  });
  it('refuses a gzip file with a clear file-level error', async () => {
    await expect(collectRows(readJsonl(file(gzipSync('{"a":1}\n'))))).rejects.toThrow(InputFileError);
    await expect(collectRows(readJsonl(file(gzipSync('{"a":1}\n'))))).rejects.toThrow(/gzip or zip/);
  });
  it('yields nothing for an empty file', async () => {
    expect(await collectRows(readJsonl(file('')))).toEqual([]);
  });
});

describe('jsonlRanges', () => {
  it('ranges cut at line ends read the same rows, with the same line numbers, as the whole file', async () => {
    const lines = ['\uFEFF{"a":0}'];
    for (let i = 1; i < 200; i++) lines.push(i % 17 === 0 ? '' : i % 23 === 0 ? '{"a":' : JSON.stringify({ a: i, pad: 'x'.repeat(i % 50) }));
    const p = file(lines.join('\r\n')); // CRLF, blank and broken lines, a BOM, no final newline
    const whole = await collectRows(readJsonl(p));
    for (const target of [1, 100, 1000, 1 << 20]) {
      const ranges = await jsonlRanges(p, target);
      expect(ranges[0].start).toBe(0);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i].start).toBe(ranges[i - 1].end);
      const parts = [];
      for (const r of ranges) parts.push(...(await collectRows(readJsonl(p, r))));
      expect(parts).toEqual(whole);
    }
    expect(await jsonlRanges(p, 1)).toHaveLength(200);
  });
  it('refuses archives and binaries before any range is read, and an empty file has no ranges', async () => {
    await expect(jsonlRanges(file(gzipSync('{"a":1}\n')), 1 << 20)).rejects.toThrow(/gzip or zip archive/);
    await expect(jsonlRanges(file(Buffer.from([1, 0, 2, 0x0a])), 1 << 20)).rejects.toThrow(/binary file/);
    expect(await jsonlRanges(file(''), 1 << 20)).toEqual([]);
  });
});
