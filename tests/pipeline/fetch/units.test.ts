import { describe, expect, it } from 'vitest';
import { safeJoin } from '../../../pipeline/fetch/cache.ts';
import { hubEndpoint, hubToken, resolveCacheDir } from '../../../pipeline/fetch/config.ts';
import { parseContentRange } from '../../../pipeline/fetch/download.ts';
import { globToRegExp, matchesAny } from '../../../pipeline/fetch/glob.ts';
import { nextLink, resolveUrl } from '../../../pipeline/fetch/hub-api.ts';
import { resolveLocation } from '../../../pipeline/fetch/locations.ts';
import { emptyLock, serializeLock } from '../../../pipeline/fetch/lockfile.ts';
import { createProgress } from '../../../pipeline/fetch/progress.ts';
import { backoffDelay } from '../../../pipeline/fetch/retry.ts';

describe('glob', () => {
  it('keeps * and ? inside a segment and lets ** span folders', () => {
    expect(matchesAny('data/train-00000.parquet', ['data/*.parquet'])).toBe(true);
    expect(matchesAny('data/sub/train.parquet', ['data/*.parquet'])).toBe(false);
    expect(matchesAny('data/train_1M-00000.parquet', ['data/train-*.parquet'])).toBe(false);
    expect(matchesAny('algebra/test-0.parquet', ['*/*.parquet'])).toBe(true);
    expect(matchesAny('a/b/c.parquet', ['**/*.parquet'])).toBe(true);
    expect(matchesAny('c.parquet', ['**/*.parquet'])).toBe(true);
    expect(globToRegExp('a.b?').test('a.bc')).toBe(true);
    expect(globToRegExp('a.b?').test('axbc')).toBe(false);
  });
});

describe('config', () => {
  it('reads HF_ENDPOINT, HF_TOKEN and BIGMATH_CACHE, with --cache-dir first', () => {
    expect(hubEndpoint({})).toBe('https://huggingface.co');
    expect(hubEndpoint({ HF_ENDPOINT: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
    expect(hubToken({ HF_TOKEN: ' hf_x ' })).toBe('hf_x');
    expect(hubToken({ HUGGING_FACE_HUB_TOKEN: 'hf_old' })).toBe('hf_old');
    expect(hubToken({})).toBeUndefined();
    expect(resolveCacheDir('/a', { BIGMATH_CACHE: '/b' })).toBe('/a');
    expect(resolveCacheDir(undefined, { BIGMATH_CACHE: '/b' })).toBe('/b');
    expect(resolveCacheDir(undefined, { XDG_CACHE_HOME: '/x' })).toBe('/x/bigmath');
    expect(resolveCacheDir(undefined, {})).toMatch(/\.cache\/bigmath$/);
  });
});

describe('http helpers', () => {
  it('parses Link and Content-Range, builds resolve URLs, and backs off within bounds', () => {
    expect(nextLink('<https://h/api/datasets/a/b/tree/main?cursor=xyz>; rel="next"')).toBe('https://h/api/datasets/a/b/tree/main?cursor=xyz');
    expect(nextLink(null)).toBeUndefined();
    expect(parseContentRange('bytes 100-199/200')).toEqual({ start: 100, end: 199, total: 200 });
    expect(parseContentRange('bytes */200')).toBeUndefined();
    expect(resolveUrl('https://h', 'o/r', 'refs/convert/parquet', 'a b/c.parquet')).toBe(
      'https://h/datasets/o/r/resolve/refs%2Fconvert%2Fparquet/a%20b/c.parquet',
    );
    const p = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, deadlineMs: 90_000 };
    expect(backoffDelay(p, 1, undefined, () => 0)).toBe(500);
    expect(backoffDelay(p, 3, undefined, () => 1)).toBe(4000);
    expect(backoffDelay(p, 10, undefined, () => 1)).toBe(8000);
    expect(backoffDelay(p, 1, 3000, () => 0)).toBe(3000);
    expect(backoffDelay(p, 1, 3_600_000, () => 0)).toBe(8000);
  });

  it('refuses paths that escape the cache', () => {
    expect(() => safeJoin('/c', '../x')).toThrow(/unsafe/);
    expect(() => safeJoin('/c', 'a/../../x')).toThrow(/unsafe/);
    expect(() => safeJoin('/c', '/etc/passwd')).toThrow(/unsafe/);
    expect(safeJoin('/c', 'a/./b')).toBe('/c/a/b');
  });
});

describe('resolveLocation', () => {
  const harp = { name: 'harp', location: { kind: 'url' as const, repo: 'https://github.com/o/HARP/raw/{revision}/HARP.jsonl.zip', revision: 'abc' } };
  it('fills {revision} in URLs and derives the file name', () => {
    expect(resolveLocation(harp)).toEqual({
      source: 'harp',
      kind: 'url',
      repo: 'https://github.com/o/HARP/raw/abc/HARP.jsonl.zip',
      revision: 'abc',
      patterns: ['HARP.jsonl.zip'],
    });
    const fixed = { name: 'f', location: { kind: 'url' as const, repo: 'https://x/y/data.zip' } };
    expect(() => resolveLocation(fixed, { revision: 'r' })).toThrow(/--revision does not apply/);
    expect(resolveLocation(fixed, { revision: 'r' }, false).repo).toBe('https://x/y/data.zip');
  });
  it('rejects malformed repo ids and requires a split when there is no default', () => {
    const bad = { name: 'b', location: { kind: 'hf_dataset' as const, repo: 'not a repo' } };
    expect(() => resolveLocation(bad)).toThrow(/invalid Hub dataset id/);
    const s = { name: 's', location: { kind: 'hf_dataset' as const, repo: 'o/r', files: ['data/{split}-*.parquet'] } };
    expect(() => resolveLocation(s)).toThrow(/needs a split/);
    expect(resolveLocation(s, { split: 'validation' }).patterns).toEqual(['data/validation-*.parquet']);
    expect(resolveLocation(s, { split: 'validation' }).revision).toBe('main');
  });
});

describe('lock file', () => {
  it('serializes with sorted sources and files and a trailing newline', () => {
    const lock = emptyLock();
    const file = (f: string) => ({ file: f, size: 1, sha256: 'a'.repeat(64) });
    lock.sources.zeta = { kind: 'hf_dataset', repo: 'o/z', revision: 'c', requested_revision: 'main', patterns: ['*'], files: [file('b'), file('a')] };
    lock.sources.alpha = { kind: 'url', repo: 'https://x/a.zip', patterns: ['a.zip'], files: [file('a.zip')] };
    const text = serializeLock(lock);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed.sources)).toEqual(['alpha', 'zeta']);
    expect(parsed.sources.zeta.files.map((f: { file: string }) => f.file)).toEqual(['a', 'b']);
  });
});

describe('progress', () => {
  it('draws a redrawn bar on a TTY and periodic plain lines otherwise', () => {
    let t = 0;
    const tty: string[] = [];
    const p = createProgress({ isTTY: true, columns: 200, write: (s: string) => tty.push(s) }, { now: () => t });
    p.beginSource('numinamath', [{ file: 'a.parquet', size: 2048 }]);
    p.fileBytes('a.parquet', 0);
    t = 1000;
    p.fileBytes('a.parquet', 1024);
    p.fileDone('a.parquet', 'downloaded', 'f'.repeat(64), 2048);
    p.endSource();
    const ttyOut = tty.join('');
    expect(ttyOut).toContain('\r\x1b[2Knuminamath [############------------]  50% 1.0 KB/2.0 KB 1.0 KB/s 0/1 files a.parquet');
    expect(ttyOut).toContain('numinamath: a.parquet 2.0 KB downloaded, sha256 ffffffffffff…\n');

    t = 0;
    const plain: string[] = [];
    const q = createProgress({ isTTY: false, write: (s: string) => plain.push(s) }, { now: () => t, intervalMs: 5000 });
    q.beginSource('omi', [{ file: 'x', size: 4096 }]);
    q.fileBytes('x', 0);
    for (let i = 1; i <= 4; i++) {
      t = i * 2000;
      q.fileBytes('x', i * 1024);
    }
    q.fileDone('x', 'resumed', 'e'.repeat(64), 4096);
    q.endSource();
    expect(plain.join('')).toBe(
      [
        'omi: 1 file, 4.0 KB',
        'omi: 75% 3.0 KB / 4.0 KB, 512 B/s, 0/1 files, x',
        'omi: x 4.0 KB resumed, sha256 eeeeeeeeeeee…',
        'omi: done, 1/1 files, 4.0 KB transferred in 8.0 s',
        '',
      ].join('\n'),
    );
    expect(plain.join('')).not.toContain('\r');
  });
});
