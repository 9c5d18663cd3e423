import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { difficultyOf } from '../../sources/difficulty.ts';
import { getAdapter } from '../../sources/registry.ts';
import { FIXTURES, tempDir } from '../helpers.ts';
import { bigmath, readShards } from '../run-helpers.ts';

describe('difficulty: the level as a number on its source\'s scale', () => {
  it('reads each source\'s own level format and stays null outside its scale', () => {
    const d = (source: string, level: string | null) => difficultyOf(getAdapter(source), level);
    expect([d('math', 'Level 3'), d('math', 'Level ?'), d('math', 'Level 7'), d('math', null)]).toEqual([3, null, null, null]);
    expect([d('harp', '6'), d('harp', '0')]).toEqual([6, null]);
    expect([d('omni_math', '4.5'), d('omni_math', '10.0')]).toEqual([4.5, 10]);
    expect([d('numinamath', '3'), d('openmathinstruct2', '3')]).toEqual([null, null]);
  });

  it('the outputs keep the upstream level string beside a numeric difficulty; the card documents the scales', async () => {
    const out = join(tempDir(), 'out');
    const inputs = ['math', 'harp', 'omni_math'].flatMap((s) => ['--input', `${s}=${join(FIXTURES, 'sources', `${s}.jsonl`)}`]);
    const r = bigmath(['run', ...inputs, '--out', out, '--no-decontam', '--no-dedup']);
    expect(r.status, r.stderr).toBe(0);
    const rows = [...(await readShards(out, 'corpus')), ...(await readShards(out, 'rejected'))];
    const bySource = (s: string) => rows.filter((x) => x.source === s && x.level !== null);
    for (const s of ['math', 'harp', 'omni_math']) {
      expect(bySource(s).length, s).toBeGreaterThan(0);
      for (const x of bySource(s)) expect(x.difficulty, `${s} ${x.level}`).toBe(difficultyOf(getAdapter(s), String(x.level)));
    }
    expect(bySource('math').some((x) => typeof x.level === 'string' && x.level.startsWith('Level ') && typeof x.difficulty === 'number')).toBe(true);
    const card = readFileSync(join(out, 'README.md'), 'utf8');
    expect(card).toMatch(/^\| math \| 1-5 \| MATH level/m);
    expect(card).toMatch(/^\| harp \| 1-6 \|/m);
    expect(card).toMatch(/^\| omni_math \| 1-10 \|/m);
  });
});
