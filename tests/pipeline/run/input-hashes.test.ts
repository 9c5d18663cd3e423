import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers.ts';
import { hashInBackground } from '../../../pipeline/run/input-hashes.ts';
import { sha256File } from '../../../pipeline/write/sha256-file.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function files(texts: string[]): string[] {
  const dir = tempDir();
  return texts.map((t, i) => {
    const p = join(dir, `f${i}.jsonl`);
    writeFileSync(p, t);
    return p;
  });
}

describe('hashInBackground', () => {
  it('gives the sha256 of every file, in the order given', async () => {
    const texts = ['{"a":1}\n', '', 'x'.repeat(300_000)];
    expect(await hashInBackground(files(texts)).all()).toEqual(texts.map(sha));
  });

  it('a file that vanished fails with the error sha256File throws (the run reports it the same way)', async () => {
    const [kept] = files(['kept']);
    const gone = join(tempDir(), 'gone.parquet');
    const direct = await sha256File(gone).catch((e: NodeJS.ErrnoException) => e);
    const got = await hashInBackground([kept, gone]).all().catch((e: NodeJS.ErrnoException) => e);
    expect(got).toBeInstanceOf(Error);
    expect(got).toMatchObject({ message: (direct as Error).message, code: 'ENOENT' });
    expect((got as Error).stack).toBe((direct as Error).stack);
  });

  it('stop() ends the worker; all() then hashes on the calling thread', async () => {
    const paths = files(['a', 'b']);
    const h = hashInBackground(paths);
    await h.stop();
    expect(await h.all()).toEqual(['a', 'b'].map(sha));
  });
});
