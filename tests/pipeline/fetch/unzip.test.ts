import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractZip, listZip } from '../../../pipeline/fetch/unzip.ts';
import { sha256 } from './hub-server.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/fetch');

/** Builds a one-entry zip by hand, to craft archives `zip` would refuse to write. */
function zipOf(name: string, data: Buffer, opts: { method?: 0 | 8; badCrc?: boolean } = {}): Buffer {
  const method = opts.method ?? 8;
  const body = method === 8 ? deflateRawSync(data) : data;
  const crc = opts.badCrc ? (crc32(data) ^ 1) >>> 0 : crc32(data);
  const n = Buffer.from(name);
  const lfh = Buffer.alloc(30);
  lfh.writeUInt32LE(0x04034b50, 0);
  lfh.writeUInt16LE(20, 4);
  lfh.writeUInt16LE(method, 8);
  lfh.writeUInt32LE(crc, 14);
  lfh.writeUInt32LE(body.length, 18);
  lfh.writeUInt32LE(data.length, 22);
  lfh.writeUInt16LE(n.length, 26);
  const cdh = Buffer.alloc(46);
  cdh.writeUInt32LE(0x02014b50, 0);
  cdh.writeUInt16LE(20, 4);
  cdh.writeUInt16LE(20, 6);
  cdh.writeUInt16LE(method, 10);
  cdh.writeUInt32LE(crc, 16);
  cdh.writeUInt32LE(body.length, 20);
  cdh.writeUInt32LE(data.length, 24);
  cdh.writeUInt16LE(n.length, 28);
  const cdOffset = 30 + n.length + body.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + n.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([lfh, n, body, cdh, n, eocd]);
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bigmath-unzip-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('extractZip', () => {
  it('extracts deflated entries written by Info-ZIP', async () => {
    const out = await extractZip(join(FIXTURES, 'HARP.jsonl.zip'), dir);
    const want = readFileSync(join(FIXTURES, 'HARP.jsonl'));
    expect(out).toEqual([{ path: 'HARP.jsonl', size: want.length, sha256: sha256(want) }]);
    expect((await readFile(join(dir, 'HARP.jsonl'))).equals(want)).toBe(true);
  });

  it('extracts stored entries and lists several', async () => {
    expect((await listZip(join(FIXTURES, 'HARP-stored.zip'))).map((e) => [e.name, e.method])).toEqual([
      ['HARP.jsonl', 0],
      ['omni-test.jsonl', 0],
    ]);
    const out = await extractZip(join(FIXTURES, 'HARP-stored.zip'), dir);
    expect(out.map((x) => x.path)).toEqual(['HARP.jsonl', 'omni-test.jsonl']);
    expect(readFileSync(join(dir, 'omni-test.jsonl')).equals(readFileSync(join(FIXTURES, 'omni-test.jsonl')))).toBe(true);
  });

  it('handles empty entries and skips directories and macOS noise', async () => {
    const z = join(dir, 'e.zip');
    await writeFile(z, zipOf('empty.txt', Buffer.alloc(0), { method: 0 }));
    expect(await extractZip(z, join(dir, 'out'))).toEqual([{ path: 'empty.txt', size: 0, sha256: sha256(Buffer.alloc(0)) }]);
    await writeFile(z, zipOf('__MACOSX/._HARP.jsonl', Buffer.from('x')));
    expect(await extractZip(z, join(dir, 'out2'))).toEqual([]);
  });

  it('rejects a CRC mismatch, a path escaping the folder, and a non-zip', async () => {
    const z = join(dir, 'bad.zip');
    await writeFile(z, zipOf('a.jsonl', Buffer.from('{"a":1}\n'), { badCrc: true }));
    await expect(extractZip(z, join(dir, 'o1'))).rejects.toThrow(/a\.jsonl fails its CRC\/size check/);
    await writeFile(z, zipOf('../evil.jsonl', Buffer.from('x')));
    await expect(extractZip(z, join(dir, 'o2'))).rejects.toThrow(/unsafe path/);
    await writeFile(z, Buffer.from('definitely not a zip file, just text that is long enough'));
    await expect(extractZip(z, join(dir, 'o3'))).rejects.toThrow(/not a zip/);
  });
});
