import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../../helpers.ts';
import { bigmath } from '../../run-helpers.ts';

const HARP = join(FIXTURES, 'sources', 'harp.jsonl');

/** A usage error: exit 2 and exactly one line on stderr, never a stack trace. */
function expectOneLine(r: ReturnType<typeof bigmath>, pattern: RegExp): void {
  // a run piped to a log names each stage it starts (tests/pipeline/run/progress.test.ts); the rest is the error
  const lines = r.stderr.trimEnd().split('\n').filter((l) => !/^bigmath: (\s|(reading|dedup|writing)\b)/.test(l));
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.status).toBe(2);
}

describe('careless input to bigmath run', () => {
  it('a misspelt filter in --disable or in a config file is an error naming the nearest name', () => {
    const out = join(tempDir(), 'out');
    expectOneLine(bigmath(['run', '--input', `harp=${HARP}`, '--disable', 'yes_no,multi_prat', '--out', out]), /--disable: unknown filter "multi_prat"; did you mean "multi_part"\?/);
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, JSON.stringify({ filters: { disable: ['multiple_choise'] } }));
    expectOneLine(bigmath(['run', '--input', `harp=${HARP}`, '--config', config, '--out', out]), /config\.json: filters\.disable: unknown filter "multiple_choise"; did you mean "multiple_choice"\?/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown source in --input prints one line with the registered names', () => {
    const r = bigmath(['run', '--input', `hrap=${HARP}`, '--out', join(tempDir(), 'out')]);
    expectOneLine(r, /unknown source "hrap"; did you mean "harp"\? \(registered: math, numinamath, harp, omni_math, openmathinstruct2\)/);
  });

  it('an input that yields no rows stops the run unless --allow-empty; verify flags an empty corpus', () => {
    const dir = tempDir();
    const empty = join(dir, 'harp.jsonl');
    writeFileSync(empty, '');
    const out = join(dir, 'out');
    expectOneLine(bigmath(['run', '--input', `harp=${empty}`, '--out', out]), /no rows read from --input harp=.*harp\.jsonl; .*--allow-empty/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(bigmath(['run', '--input', `harp=${empty}`, '--out', out, '--allow-empty']).status).toBe(0);
    const v = bigmath(['verify', out]);
    expect([v.status, v.stdout]).toEqual([1, expect.stringContaining('FAIL  corpus has records: the corpus is empty')]);
    expect(bigmath(['verify', out, '--allow-empty']).status).toBe(0);
  });

  it('never overwrites or deletes a file it did not write in --out', () => {
    const out = tempDir();
    writeFileSync(join(out, 'README.md'), 'my notes\n');
    writeFileSync(join(out, 'data.csv'), 'a,b\n');
    expectOneLine(bigmath(['run', '--input', `harp=${HARP}`, '--out', out]), /out dir .* is not empty and holds no bigmath run; .*--force/);
    expectOneLine(bigmath(['run', '--input', `harp=${HARP}`, '--out', out, '--force']), /holds README\.md, not written by bigmath/);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('my notes\n');

    const beside = tempDir();
    writeFileSync(join(beside, 'data.csv'), 'a,b\n');
    expect(bigmath(['run', '--input', `harp=${HARP}`, '--out', beside, '--force']).status).toBe(0);
    expect(readFileSync(join(beside, 'data.csv'), 'utf8')).toBe('a,b\n');
    // a run with another config replaces its own shards and nothing else in corpus/
    mkdirSync(join(beside, 'corpus'), { recursive: true });
    writeFileSync(join(beside, 'corpus', 'keep-me.txt'), 'mine\n');
    const again = bigmath(['run', '--input', `harp=${HARP}`, '--out', beside, '--force', '--rows-per-shard', '7']);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`left alone: ${join(beside, 'corpus', 'keep-me.txt')} (not written by bigmath)`);
    expect(readFileSync(join(beside, 'corpus', 'keep-me.txt'), 'utf8')).toBe('mine\n');
    expect(bigmath(['verify', beside]).status).toBe(0);
  });
});
