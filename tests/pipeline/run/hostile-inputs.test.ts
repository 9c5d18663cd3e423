import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, tempDir } from '../../helpers.ts';
import { bigmath, manifestOf, readShards } from '../../run-helpers.ts';

const BAD = join(FIXTURES, 'bad');

function run(source: string, path: string, extra: string[] = []) {
  const out = join(tempDir(), 'out');
  const r = bigmath(['run', '--input', `${source}=${path}`, '--out', out, '--no-dedup', '--no-decontam', ...extra]);
  return { ...r, out };
}

async function malformed(out: string) {
  return (await readShards(out, 'rejected')).filter((r) => r.reason === 'malformed_row').map((r) => String(r.evidence));
}

/** Every hostile input gives malformed_row rejections naming file and line, or exit 2 naming the file. */
describe('hostile inputs', () => {
  it.each([
    ['truncated.parquet', 'openmathinstruct2', /truncated\.parquet: not a readable Parquet file/],
    ['wrong-schema-for-harp.parquet', 'harp', /wrong-schema-for-harp\.parquet: Parquet schema lacks required column\(s\) year, contest, number, answer/],
    ['gzipped.jsonl', 'harp', /gzipped\.jsonl: is a gzip or zip archive/],
    ['zipped.jsonl', 'harp', /zipped\.jsonl: is a gzip or zip archive/],
    ['binary-garbage.jsonl', 'harp', /binary-garbage\.jsonl: is a binary file/],
    ['no-matching-files', 'harp', /no-matching-files: no \.jsonl, \.parquet or \.json files/],
    ['does-not-exist.jsonl', 'harp', /does-not-exist\.jsonl: input for source "harp" does not exist/],
  ])('%s: exit 2 naming the file, no manifest', (file, source, message) => {
    const r = run(source, join(BAD, file));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/unexpected error|at .*\.ts:\d+/);
    expect(existsSync(join(r.out, 'manifest.json'))).toBe(false);
  });

  it.each([
    ['truncated-last-line.jsonl', 3, [/line 3: invalid JSON/]],
    ['invalid-utf8.jsonl', 3, [/line 2: line is not valid UTF-8/]],
    ['wrong-types.jsonl', 5, [/line 1: field "year" is an array/, /line 2: field "contest" is a number, expected string/, /line 3: field "number" is a string, expected integer/, /line 4: field "problem" is an object/, /line 5: field "answer" is an array/]],
    ['null-fields.jsonl', 5, [/line 1: field "year" is null/, /line 2: field "contest" is null/, /line 3: field "number" is null, expected integer/, /line 4: field "problem" is null/, /line 5: field "answer" is null/]],
  ] as const)('%s: malformed_row rejections naming file and line', async (file, read, messages) => {
    const r = run('harp', join(BAD, file));
    expect(r.status, r.stderr).toBe(0);
    const m = manifestOf(r.out);
    expect(m.counts.harp.read).toBe(read);
    expect(m.accounting_ok).toBe(true);
    const ev = await malformed(r.out);
    for (const msg of messages) expect(ev.some((e) => msg.test(e) && e.includes(file))).toBe(true);
  });

  it.each([
    ['bom.jsonl', 2],
    ['crlf.jsonl', 2],
    ['extra-columns.jsonl', 1],
    ['empty.jsonl', 0],
  ])('%s: read cleanly, no malformed rows', async (file, read) => {
    // an input without rows is an error unless --allow-empty (tests/pipeline/cli/careless-input.test.ts)
    const r = run('harp', join(BAD, file), read ? [] : ['--allow-empty']);
    expect(r.status, r.stderr).toBe(0);
    const m = manifestOf(r.out);
    expect(m.counts.harp?.read ?? 0).toBe(read);
    if (read) expect(await malformed(r.out)).toEqual([]);
  });

  it('extra unknown columns are kept in metadata', async () => {
    const r = run('harp', join(BAD, 'extra-columns.jsonl'));
    const rows = [...(await readShards(r.out, 'corpus')), ...(await readShards(r.out, 'rejected'))];
    expect(JSON.parse(String(rows[0].metadata))).toMatchObject({ upstream_extra: 'x', another: [1, 2] });
  });

  it('a 10 MB problem string is processed, not dropped', async () => {
    const dir = tempDir();
    const row = JSON.parse(readFileSync(join(ROOT, 'data/sample/harp/HARP.jsonl'), 'utf8').split('\n')[0]);
    const huge = { ...row, problem: `${row.problem} ${'Let $x_1 + x_2 = 3$ and so on. '.repeat(340_000)}` };
    writeFileSync(join(dir, 'huge.jsonl'), JSON.stringify(huge) + '\n' + readFileSync(join(ROOT, 'data/sample/harp/HARP.jsonl'), 'utf8').split('\n')[1] + '\n');
    const r = run('harp', join(dir, 'huge.jsonl'));
    expect(r.status, r.stderr).toBe(0);
    expect(manifestOf(r.out).counts.harp.read).toBe(2);
    const rows = [...(await readShards(r.out, 'corpus')), ...(await readShards(r.out, 'rejected'))];
    expect(rows.some((x) => String(x.problem).length > 10_000_000)).toBe(true);
  }, 120_000);

  it('an out dir that cannot be created: exit 2 naming it', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const r = bigmath(['run', '--input', `harp=${join(BAD, 'bom.jsonl')}`, '--out', join(file, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot create out dir .*a-file\/out/);
  });

  it('a full disk: exit 2 naming the file, nothing marked complete', () => {
    const mnt = join(tempDir(), 'tiny');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      // no privilege to mount here: the write-failure path is covered by the unit test of LineWriter
      return;
    }
    try {
      const r = bigmath(['run', '--input', `math=${join(ROOT, 'data/sample/math')}`, '--out', join(mnt, 'out'), '--no-dedup', '--no-decontam']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot write .*: no space left on device/);
      expect(existsSync(join(mnt, 'out', 'manifest.json'))).toBe(false);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('bad config: unknown keys and wrong types name the key path', () => {
    const cfg = join(tempDir(), 'c.json');
    writeFileSync(cfg, JSON.stringify({ dedup: { near_dup_threshold: 'high', bands: 4, extra: 1 }, filterz: {} }));
    const r = bigmath(['run', '--config', cfg, '--out', join(tempDir(), 'o')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dedup\.near_dup_threshold: Invalid input: expected number/);
    expect(r.stderr).toMatch(/dedup: Unrecognized key: "extra"/);
    expect(r.stderr).toMatch(/\(root\): Unrecognized key: "filterz"/);
  });
});
