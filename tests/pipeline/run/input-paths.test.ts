import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../../helpers.ts';
import { bigmath, manifestOf, readShards } from '../../run-helpers.ts';

const HARP = join(FIXTURES, 'sources', 'harp.jsonl');
const MATH = join(FIXTURES, 'sources', 'math.jsonl');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** The same two files laid out under `root`, read through a folder and a file path. */
function layout(root: string, deep: string[]): { harp: string; math: string } {
  const dir = join(root, ...deep);
  mkdirSync(join(dir, 'harp'), { recursive: true });
  copyFileSync(HARP, join(dir, 'harp', 'HARP.jsonl'));
  copyFileSync(MATH, join(dir, 'math.jsonl'));
  return { harp: join(dir, 'harp'), math: join(dir, 'math.jsonl') };
}

describe('outputs do not depend on where the inputs lie', () => {
  it('input_file is relative to the --input root; same files elsewhere give byte-identical outputs', async () => {
    const runs = [layout(tempDir(), ['home', 'alice', 'data']), layout(tempDir(), ['x'])].map((i) => {
      const out = join(tempDir(), 'out');
      const r = bigmath(['run', '--input', `harp=${i.harp}`, '--input', `math=${i.math}`, '--out', out, '--no-decontam']);
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const [a, b] = runs.map((d) => manifestOf(d));
    expect(readFileSync(join(runs[0], 'manifest.json'), 'utf8')).toBe(readFileSync(join(runs[1], 'manifest.json'), 'utf8'));
    expect(a.inputs.map((i: { source: string; path: string; sha256: string }) => [i.source, i.path, i.sha256])).toEqual([
      ['harp', 'HARP.jsonl', sha(HARP)],
      ['math', 'math.jsonl', sha(MATH)],
    ]);
    expect(b.outputs).toEqual(a.outputs); // shard sha256s included
    const rows = [...(await readShards(runs[0], 'corpus')), ...(await readShards(runs[0], 'rejected'))];
    expect(new Set(rows.map((r) => r.input_file))).toEqual(new Set(['HARP.jsonl', 'math.jsonl']));
    expect(JSON.stringify(a)).not.toContain('alice');
  });

  it('a glob input is relative to the glob\'s fixed folder', async () => {
    const root = join(tempDir(), 'data');
    mkdirSync(join(root, 'part1'), { recursive: true });
    copyFileSync(HARP, join(root, 'part1', 'HARP.jsonl'));
    const out = join(tempDir(), 'out');
    expect(bigmath(['run', '--input', `harp=${root}/*/HARP.jsonl`, '--out', out, '--no-decontam']).status).toBe(0);
    expect(manifestOf(out).inputs[0].path).toBe('part1/HARP.jsonl');
    expect(new Set((await readShards(out, 'corpus')).map((r) => r.input_file))).toEqual(new Set(['part1/HARP.jsonl']));
  });
});
