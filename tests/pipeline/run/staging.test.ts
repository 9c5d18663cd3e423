import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineWriter, readFactsAt, type IndexedFacts } from '../../../pipeline/run/staging.ts';
import { OutputError } from '../../../pipeline/errors.ts';

describe('LineWriter', () => {
  it('turns a failing write stream (full disk, vanished dir) into an OutputError naming the file', async () => {
    const w = new LineWriter('/proc/self/no-such-dir/x.jsonl');
    await new Promise((r) => setTimeout(r, 20));
    await expect(w.write('x\n')).rejects.toThrow(OutputError);
    await expect(w.close()).rejects.toThrow(/cannot write \/proc\/self\/no-such-dir\/x\.jsonl/);
  });
});

describe('readFactsAt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'facts-'));
  const line = (k: number, extra = '') => JSON.stringify({ id: `r${k}`, source: 's', extra }) + '\n';
  // two files as two read tasks write them; one line longer than the 4 MB read buffer
  const a = join(dir, 'a.jsonl');
  const b = join(dir, 'b.jsonl');
  writeFileSync(a, line(0) + line(1) + line(2, 'x'.repeat(5 << 20)) + line(3));
  writeFileSync(b, line(4) + line(5));
  const read = async (paths: string[], wanted: Uint8Array | null) => {
    const out: IndexedFacts[] = [];
    for await (const batch of readFactsAt(paths, wanted)) out.push(...batch);
    return out.map(([i, f]) => [i, f.id, (f as unknown as { extra: string }).extra.length]);
  };

  it('parses every line, numbered over all the files, when nothing is selected', async () => {
    expect(await read([a, b], null)).toEqual([[0, 'r0', 0], [1, 'r1', 0], [2, 'r2', 5 << 20], [3, 'r3', 0], [4, 'r4', 0], [5, 'r5', 0]]);
  });

  it('parses only the wanted lines and stops after the last (a later file is never opened)', async () => {
    const wanted = new Uint8Array(6);
    wanted[2] = wanted[4] = 1;
    expect(await read([a, b, join(dir, 'missing.jsonl')], wanted)).toEqual([[2, 'r2', 5 << 20], [4, 'r4', 0]]);
    expect(await read([a, b], new Uint8Array(6))).toEqual([]);
  });

  it('rejects a file whose last line is cut off', async () => {
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(cut, line(0) + '{"id":"r1"');
    await expect(read([cut], null)).rejects.toThrow(/does not end with a newline/);
  });
});
