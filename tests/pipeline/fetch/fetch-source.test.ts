import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedInputs } from '../../../pipeline/fetch/cache.ts';
import { FetchError } from '../../../pipeline/fetch/errors.ts';
import { fetchAll, fetchSource } from '../../../pipeline/fetch/fetch-source.ts';
import type { LocatedSource } from '../../../pipeline/fetch/locations.ts';
import { C1, C2, makeWorld, numinaRepo, numinaSource, type World } from './helpers.ts';
import { bytes, sha256, type Behaviour, type FixtureRepo } from './hub-server.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/fetch');

let world: World | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

/** A repo with one LFS file that misbehaves as told. */
function oneFileRepo(id: string, behaviour: Behaviour | undefined, size = 256_000): FixtureRepo {
  return {
    id,
    branches: { main: C1 },
    commits: { [C1]: [{ path: 'data/part.bin', content: bytes(size, id), lfs: true, ...(behaviour ? { behaviour } : {}) }] },
  };
}
const oneFileSource = (name: string, repo: string): LocatedSource => ({
  name,
  location: { kind: 'hf_dataset', repo, revision: 'main', files: ['data/*.bin'] },
});

async function expectFetchError(p: Promise<unknown>, kind: string, ...parts: string[]): Promise<FetchError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  const fe = err as FetchError;
  expect(fe.kind).toBe(kind);
  for (const part of parts) expect(fe.message).toContain(part);
  return fe;
}

describe('fetchSource against a Hub-like server', () => {
  it('lists the pinned revision, downloads matching files, verifies them and writes the lock file', async () => {
    world = await makeWorld({ repos: [numinaRepo()], treePageSize: 2 }, [numinaSource]);
    const r = await fetchSource('numinamath', world.opts());

    expect(r.revision).toBe(C1);
    expect(r.files.map((f) => [f.file, f.outcome])).toEqual([
      ['data/test-00000-of-00001.parquet', 'downloaded'],
      ['data/train-00000-of-00002.parquet', 'downloaded'],
      ['data/train-00001-of-00002.parquet', 'downloaded'],
    ]);
    const repo = numinaRepo().commits[C1];
    for (const f of r.files) {
      const want = repo.find((x) => x.path === f.file)!.content;
      expect(readFileSync(join(world.cacheDir, 'numinamath', f.file)).equals(want)).toBe(true);
    }
    expect(existsSync(join(world.cacheDir, 'numinamath', 'README.md'))).toBe(false);

    const lock = JSON.parse(await readFile(join(world.cacheDir, 'sources.lock.json'), 'utf8'));
    expect(lock.version).toBe(1);
    expect(lock.sources.numinamath).toMatchObject({
      kind: 'hf_dataset',
      repo: 'AI-MO/NuminaMath-CoT',
      revision: C1,
      requested_revision: 'main',
      patterns: ['data/*.parquet'],
    });
    expect(lock.sources.numinamath.files[1]).toEqual({
      file: 'data/train-00000-of-00002.parquet',
      size: 300_000,
      sha256: sha256(repo[2].content),
    });

    // Tree pagination was followed, the revision was resolved, and the token-less CDN hop happened.
    const hub = world.server.requests.filter((q) => q.server === 'hub').map((q) => q.url);
    expect(hub.filter((u) => u.includes('/tree/')).length).toBe(3);
    expect(hub[0]).toBe('/api/datasets/AI-MO/NuminaMath-CoT/revision/main');
    expect(world.server.requests.filter((q) => q.server === 'cdn')).toHaveLength(3);

    const out = world.output.join('');
    expect(out).toContain('numinamath: 3 files, 492.2 KB');
    expect(out).toMatch(/numinamath: data\/train-00000-of-00002\.parquet 293\.0 KB downloaded, sha256 [0-9a-f]{12}…/);
    expect(out).toMatch(/numinamath: done, 3\/3 files/);

    expect(cachedInputs(world.cacheDir)).toEqual(r.files.map((f) => ({ source: 'numinamath', path: f.path })));
  });

  it('sends HF_TOKEN to the Hub only; a gated repo without it is a 401 that says to set HF_TOKEN', async () => {
    const gated = { ...numinaRepo(), gated: true };
    world = await makeWorld({ repos: [gated] }, [numinaSource]);
    await expectFetchError(fetchSource('numinamath', world.opts()), 'unauthorized', 'numinamath:', 'HTTP 401', 'GatedRepo', 'set HF_TOKEN');
    expect(existsSync(join(world.cacheDir, 'sources.lock.json'))).toBe(false);

    await expectFetchError(
      fetchSource('numinamath', world.opts({ env: { HF_ENDPOINT: world.server.url, HF_TOKEN: 'hf_wrong' } })),
      'unauthorized',
      'HF_TOKEN was sent but rejected',
    );

    world.server.requests.length = 0;
    const r = await fetchSource('numinamath', world.opts({ env: { HF_ENDPOINT: world.server.url, HF_TOKEN: world.server.token } }));
    expect(r.files).toHaveLength(3);
    const hub = world.server.requests.filter((q) => q.server === 'hub');
    expect(hub.every((q) => q.authorization === `Bearer ${world!.server.token}`)).toBe(true);
    expect(world.server.requests.filter((q) => q.server === 'cdn').every((q) => q.authorization === undefined)).toBe(true);
  });

  it('resumes an interrupted transfer with an HTTP Range request', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/cut', 'truncate-once')] }, [oneFileSource('cut', 'o/cut')]);
    const r = await fetchSource('cut', world.opts());
    expect(r.files[0].outcome).toBe('resumed');
    const cdn = world.server.requests.filter((q) => q.server === 'cdn');
    expect(cdn).toHaveLength(2);
    expect(cdn[0].range).toBeUndefined();
    expect(cdn[1].range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(r.files[0].sha256).toBe(sha256(bytes(256_000, 'o/cut')));
    expect(world.output.join('')).toMatch(/cut: data\/part\.bin: connection lost after \d+ bytes.*retry 1\/2/);
  });

  it('resumes a partial file left by an earlier run', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/part', undefined)] }, [oneFileSource('part', 'o/part')]);
    const partial = join(world.cacheDir, '.partial', 'part', 'data', 'part.bin.part');
    await mkdir(dirname(partial), { recursive: true });
    await writeFile(partial, bytes(256_000, 'o/part').subarray(0, 100_000));
    const r = await fetchSource('part', world.opts());
    expect(r.files[0].outcome).toBe('resumed');
    expect(world.server.requests.filter((q) => q.server === 'cdn').map((q) => q.range)).toEqual(['bytes=100000-']);
    expect(existsSync(partial)).toBe(false);
  });

  it('starts over when a resumed partial turns out to hold other bytes', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/stale', undefined)] }, [oneFileSource('stale', 'o/stale')]);
    const partial = join(world.cacheDir, '.partial', 'stale', 'data', 'part.bin.part');
    await mkdir(dirname(partial), { recursive: true });
    await writeFile(partial, bytes(100_000, 'something else'));
    const r = await fetchSource('stale', world.opts());
    expect(r.files[0].sha256).toBe(sha256(bytes(256_000, 'o/stale')));
    expect(world.server.requests.filter((q) => q.server === 'cdn').map((q) => q.range)).toEqual(['bytes=100000-', undefined]);
  });

  it('fails on a wrong checksum, naming source and file, and keeps nothing', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/bad', 'corrupt')] }, [oneFileSource('bad', 'o/bad')]);
    const err = await expectFetchError(fetchSource('bad', world.opts()), 'integrity', 'bad: data/part.bin:', 'sha256', 'expected');
    expect(err.source).toBe('bad');
    expect(err.file).toBe('data/part.bin');
    expect(existsSync(join(world.cacheDir, 'bad', 'data', 'part.bin'))).toBe(false);
    expect(existsSync(join(world.cacheDir, '.partial', 'bad', 'data', 'part.bin.part'))).toBe(false);
    expect(existsSync(join(world.cacheDir, 'sources.lock.json'))).toBe(false);
  });

  it('reports a 404 for an unknown revision and for a listed file the Hub cannot serve', async () => {
    const repo = oneFileRepo('o/gone', undefined);
    repo.commits[C1].push({ path: 'data/ghost.bin', content: bytes(10, 'g'), lfs: true, behaviour: 'missing' });
    world = await makeWorld({ repos: [repo] }, [oneFileSource('gone', 'o/gone')]);
    await expectFetchError(fetchSource('gone', world.opts({ revision: 'v9' })), 'not_found', 'gone:', 'HTTP 404', 'RevisionNotFound');
    await expectFetchError(fetchSource('gone', world.opts()), 'not_found', 'gone: data/ghost.bin:', 'EntryNotFound');
    // 404 is final: no retries.
    expect(world.server.requests.filter((q) => q.url.includes('ghost'))).toHaveLength(1);
  });

  it('gives up on a server that drops every connection after a bounded number of tries', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/drop', 'drop-always')] }, [oneFileSource('drop', 'o/drop')]);
    const t0 = Date.now();
    const err = await expectFetchError(fetchSource('drop', world.opts()), 'network', 'drop: data/part.bin:', 'gave up after 3 attempts');
    expect(err.file).toBe('data/part.bin');
    expect(world.server.requests.filter((q) => q.server === 'cdn')).toHaveLength(3);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('retries a 503 and recovers from a stalled transfer and a server that ignores Range', async () => {
    world = await makeWorld(
      {
        repos: [oneFileRepo('o/busy', 'fail-503-once'), oneFileRepo('o/stall', 'stall-once'), oneFileRepo('o/norange', 'ignore-range')],
      },
      [oneFileSource('busy', 'o/busy'), oneFileSource('stall', 'o/stall'), oneFileSource('norange', 'o/norange')],
    );
    expect((await fetchSource('busy', world.opts())).files[0].outcome).toBe('downloaded');
    const stalled = await fetchSource('stall', world.opts({ idleTimeoutMs: 300 }));
    expect(stalled.files[0].outcome).toBe('resumed');
    expect(world.output.join('')).toContain('stalled: no data for 300 ms');

    const partial = join(world.cacheDir, '.partial', 'norange', 'data', 'part.bin.part');
    await mkdir(dirname(partial), { recursive: true });
    await writeFile(partial, bytes(256_000, 'o/norange').subarray(0, 50_000));
    const nr = await fetchSource('norange', world.opts());
    expect(nr.files[0].sha256).toBe(sha256(bytes(256_000, 'o/norange')));
  });

  it('bounds the wait for response headers but not a slow body', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/hang', 'hang-once'), oneFileRepo('o/slow', 'slow')] }, [
      oneFileSource('hang', 'o/hang'),
      oneFileSource('slow', 'o/slow'),
    ]);
    const t0 = Date.now();
    expect((await fetchSource('hang', world.opts({ headersTimeoutMs: 300 }))).files[0].outcome).toBe('downloaded');
    expect(world.output.join('')).toContain('no response within 300 ms');
    // 16 chunks 40 ms apart: longer than the headers deadline, shorter than the stall limit.
    const slow = await fetchSource('slow', world.opts({ headersTimeoutMs: 300, idleTimeoutMs: 1_000 }));
    expect(slow.files[0].outcome).toBe('downloaded');
    expect(world.server.requests.filter((q) => q.url.includes('o/slow') && q.server === 'cdn')).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('reuses verified cached files and the pinned commit; --update moves to the new commit', async () => {
    const repo = numinaRepo();
    world = await makeWorld({ repos: [repo] }, [numinaSource]);
    await fetchSource('numinamath', world.opts());

    // The branch moves upstream: a rebuild must still get the locked bytes.
    repo.commits[C2] = [{ path: 'data/train-00000-of-00001.parquet', content: bytes(1234, 'v2'), lfs: true }];
    repo.branches.main = C2;
    world.server.requests.length = 0;
    const again = await fetchSource('numinamath', world.opts());
    expect(again.revision).toBe(C1);
    expect(again.files.every((f) => f.outcome === 'cached')).toBe(true);
    expect(world.server.requests.filter((q) => q.server === 'cdn')).toHaveLength(0);
    expect(world.server.requests.some((q) => q.url.includes('/revision/'))).toBe(false);

    const updated = await fetchSource('numinamath', world.opts({ update: true }));
    expect(updated.revision).toBe(C2);
    expect(updated.files.map((f) => f.file)).toEqual(['data/train-00000-of-00001.parquet']);
    const lock = JSON.parse(readFileSync(join(world.cacheDir, 'sources.lock.json'), 'utf8'));
    expect(lock.sources.numinamath.revision).toBe(C2);
    expect(cachedInputs(world.cacheDir).map((i) => i.path)).toEqual([join(world.cacheDir, 'numinamath', 'data/train-00000-of-00001.parquet')]);
  });

  it('re-downloads a cached file that was altered on disk', async () => {
    world = await makeWorld({ repos: [oneFileRepo('o/edit', undefined, 5_000)] }, [oneFileSource('edit', 'o/edit')]);
    await fetchSource('edit', world.opts());
    const path = join(world.cacheDir, 'edit', 'data', 'part.bin');
    await writeFile(path, bytes(5_000, 'tampered'));
    const r = await fetchSource('edit', world.opts());
    expect(r.files[0].outcome).toBe('downloaded');
    expect(sha256(readFileSync(path))).toBe(sha256(bytes(5_000, 'o/edit')));
    expect(world.output.join('')).toContain('cached copy does not match');
  });

  it('verifies non-LFS files against their git blob sha1', async () => {
    const omni: FixtureRepo = {
      id: 'KbsdJames/Omni-MATH',
      branches: { main: C1 },
      commits: { [C1]: [{ path: 'test.jsonl', content: readFileSync(join(FIXTURES, 'omni-test.jsonl')) }] },
    };
    const src: LocatedSource = { name: 'omni_math', location: { kind: 'hf_dataset', repo: 'KbsdJames/Omni-MATH', files: ['test.jsonl'] } };
    world = await makeWorld({ repos: [omni] }, [src]);
    const r = await fetchSource('omni_math', world.opts());
    expect(r.files[0].sha256).toBe(sha256(omni.commits[C1][0].content));
    expect(world.server.requests.filter((q) => q.server === 'cdn')).toHaveLength(0);
  });
});

describe('--offline', () => {
  it('serves from the cache without any request, and fails clearly on a miss', async () => {
    world = await makeWorld({ repos: [numinaRepo(), oneFileRepo('o/x', undefined)] }, [numinaSource, oneFileSource('x', 'o/x')]);
    const online = await fetchSource('numinamath', world.opts());
    await world.server.close();
    world.server.requests.length = 0;

    const off = await fetchSource('numinamath', world.opts({ offline: true }));
    expect(off.inputs).toEqual(online.inputs);
    expect(world.server.requests).toHaveLength(0);

    await expectFetchError(fetchSource('x', world.opts({ offline: true })), 'offline_miss', 'x: offline: not in the cache', 'bigmath fetch x');
    await rm(online.files[1].path);
    await expectFetchError(
      fetchSource('numinamath', world.opts({ offline: true })),
      'offline_miss',
      'numinamath: data/train-00000-of-00002.parquet: offline: missing from the cache',
    );
    // An incomplete source is not offered as input.
    expect(cachedInputs(world.cacheDir)).toEqual([]);
  });
});

describe('locations: split, MATH repo, URL sources', () => {
  const omi = (): FixtureRepo => ({
    id: 'nvidia/OpenMathInstruct-2',
    branches: { main: C1 },
    commits: {
      [C1]: [
        { path: 'data/train-00000-of-00002.parquet', content: bytes(3000, 'full0'), lfs: true },
        { path: 'data/train-00001-of-00002.parquet', content: bytes(3000, 'full1'), lfs: true },
        { path: 'data/train_1M-00000-of-00001.parquet', content: bytes(2000, '1m'), lfs: true },
        { path: 'data/train_2M-00000-of-00001.parquet', content: bytes(2000, '2m'), lfs: true },
      ],
    },
  });
  const omiSource: LocatedSource = {
    name: 'openmathinstruct2',
    location: { kind: 'hf_dataset', repo: 'nvidia/OpenMathInstruct-2', revision: 'main', files: ['data/{split=train_1M}-*.parquet'] },
  };

  it('fills {split} from --split or the declared default', async () => {
    world = await makeWorld({ repos: [omi()] }, [omiSource, numinaSource]);
    const dflt = await fetchSource('openmathinstruct2', world.opts());
    expect(dflt.files.map((f) => f.file)).toEqual(['data/train_1M-00000-of-00001.parquet']);
    const full = await fetchSource('openmathinstruct2', world.opts({ split: 'train' }));
    expect(full.files.map((f) => f.file)).toEqual(['data/train-00000-of-00002.parquet', 'data/train-00001-of-00002.parquet']);
    const lock = JSON.parse(readFileSync(join(world.cacheDir, 'sources.lock.json'), 'utf8'));
    expect(lock.sources.openmathinstruct2.patterns).toEqual(['data/train-*.parquet']);
    await expectFetchError(fetchSource('numinamath', world.opts({ split: 'train' })), 'usage', 'numinamath: this source has no splits');
    await expectFetchError(fetchSource('openmathinstruct2', world.opts({ split: '../x' })), 'usage', 'invalid split name');
  });

  it('takes the MATH repo from --math-repo', async () => {
    const mirror: FixtureRepo = {
      id: 'someone/MATH-mirror',
      branches: { main: C1 },
      commits: { [C1]: [{ path: 'algebra/test-00000-of-00001.parquet', content: bytes(777, 'alg'), lfs: true }] },
    };
    const mathSource: LocatedSource = {
      name: 'math',
      location: { kind: 'hf_dataset', repo: 'EleutherAI/hendrycks_math', revision: 'main', files: ['*/*.parquet'] },
    };
    world = await makeWorld({ repos: [mirror] }, [mathSource]);
    await expectFetchError(fetchSource('math', world.opts()), 'unauthorized', 'math:', 'RepoNotFound');
    const r = await fetchSource('math', world.opts({ mathRepo: 'someone/MATH-mirror' }));
    expect(r.repo).toBe('someone/MATH-mirror');
    expect(r.files.map((f) => f.file)).toEqual(['algebra/test-00000-of-00001.parquet']);
  });

  it('downloads a URL source through a redirect, unzips it and offers the contents as input', async () => {
    const zip = readFileSync(join(FIXTURES, 'HARP.jsonl.zip'));
    const commit = 'dac2734ff6443bcaf3bbdcb10f13cf21ae9729c2';
    world = await makeWorld({ repos: [], urlFiles: { [`aadityasingh/HARP/raw/${commit}/HARP.jsonl.zip`]: { path: 'HARP.jsonl.zip', content: zip } } }, []);
    const harp: LocatedSource = {
      name: 'harp',
      location: { kind: 'url', repo: `${world.server.cdnUrl}/gh/aadityasingh/HARP/raw/{revision}/HARP.jsonl.zip`, revision: commit },
    };
    const o = world.opts({ sources: [harp] });
    const r = await fetchSource('harp', o);
    const jsonl = join(world.cacheDir, 'harp', 'HARP.jsonl');
    expect(r.inputs).toEqual([jsonl]);
    expect(readFileSync(jsonl).equals(readFileSync(join(FIXTURES, 'HARP.jsonl')))).toBe(true);
    const lock = JSON.parse(readFileSync(join(world.cacheDir, 'sources.lock.json'), 'utf8'));
    expect(lock.sources.harp).toEqual({
      kind: 'url',
      repo: `${world.server.cdnUrl}/gh/aadityasingh/HARP/raw/${commit}/HARP.jsonl.zip`,
      revision: commit,
      patterns: ['HARP.jsonl.zip'],
      files: [
        {
          file: 'HARP.jsonl.zip',
          size: zip.length,
          sha256: sha256(zip),
          extracted: [{ path: 'HARP.jsonl', size: 303, sha256: sha256(readFileSync(join(FIXTURES, 'HARP.jsonl'))) }],
        },
      ],
    });
    expect(cachedInputs(world.cacheDir)).toEqual([{ source: 'harp', path: jsonl }]);

    // Once locked, the URL must keep serving the same bytes.
    world.server.urlFiles.get(`aadityasingh/HARP/raw/${commit}/HARP.jsonl.zip`)!.content = readFileSync(join(FIXTURES, 'HARP-stored.zip'));
    await rm(join(world.cacheDir, 'harp'), { recursive: true });
    await expectFetchError(fetchSource('harp', o), 'integrity', 'harp: HARP.jsonl.zip:');
  });
});

describe('fetchAll', () => {
  it('fetches every source, reports all failures together, and refuses a global --revision', async () => {
    world = await makeWorld({ repos: [numinaRepo(), oneFileRepo('o/bad', 'corrupt')] }, [
      numinaSource,
      oneFileSource('bad', 'o/bad'),
      oneFileSource('nope', 'o/nope'),
    ]);
    const err = await expectFetchError(fetchAll(world.opts()), 'integrity', '2 sources failed', 'bad: data/part.bin:', 'nope:');
    expect(err.source).toBe('bad');
    // The good source was still fetched and locked.
    expect(cachedInputs(world.cacheDir).map((i) => i.source)).toEqual(['numinamath', 'numinamath', 'numinamath']);
    await expectFetchError(fetchAll(world.opts({ revision: 'main' })), 'usage', '--revision applies to one source');
    await expectFetchError(fetchSource('unknown', world.opts()), 'usage', 'unknown source "unknown"', 'numinamath');
  });
});
