import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../../pipeline/run/staging.ts';
import { OutputError } from '../../../pipeline/errors.ts';

describe('LineWriter', () => {
  it('turns a failing write stream (full disk, vanished dir) into an OutputError naming the file', async () => {
    const w = new LineWriter('/proc/self/no-such-dir/x.jsonl');
    await new Promise((r) => setTimeout(r, 20));
    await expect(w.write('x\n')).rejects.toThrow(OutputError);
    await expect(w.close()).rejects.toThrow(/cannot write \/proc\/self\/no-such-dir\/x\.jsonl/);
  });
});
