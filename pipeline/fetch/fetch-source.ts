import { rm } from 'node:fs/promises';
import { cachedFilePath, inputFiles, partialFilePath, sizeOf, sourceDir } from './cache.ts';
import { hubEndpoint, hubToken, resolveCacheDir, type Env } from './config.ts';
import { downloadFile, mismatch, type Expected } from './download.ts';
import { FetchError, toFetchError } from './errors.ts';
import { matchesAny } from './glob.ts';
import { digestFile } from './hash.ts';
import { listFiles, resolveRevision, resolveUrl } from './hub-api.ts';
import type { HttpContext } from './http.ts';
import { MATH_SOURCE, registeredSources, resolveLocation, type LocatedSource, type LocationOverrides, type ResolvedLocation } from './locations.ts';
import { lockPath, readLock, updateLockEntry, type LockedFile, type LockedSource } from './lockfile.ts';
import { createProgress, type FileOutcome, type Progress, type ProgressStream } from './progress.ts';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts';
import { extractZip } from './unzip.ts';

export interface FetchOptions extends LocationOverrides {
  /** Default: `BIGMATH_CACHE`, else `~/.cache/bigmath`. */
  cacheDir?: string;
  /** Repo id for the MATH source (shorthand for `repos.math`). */
  mathRepo?: string;
  /** Use only the cache and lock file; fail on anything missing. */
  offline?: boolean;
  /** Re-resolve branch/tag revisions instead of reusing the commit pinned in the lock file. */
  update?: boolean;
  /** Environment for HF_ENDPOINT, HF_TOKEN, BIGMATH_CACHE (default `process.env`). */
  env?: Env;
  /** A Progress, or a stream to draw on (default stderr). */
  progress?: Progress | ProgressStream;
  retry?: Partial<RetryPolicy>;
  idleTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Sources to choose from (default: the adapter registry). */
  sources?: readonly LocatedSource[];
}

export interface FetchedFile {
  /** Path in the repo, or the file name for URL sources. */
  file: string;
  path: string;
  size: number;
  sha256: string;
  outcome: FileOutcome;
}

export interface FetchResult {
  source: string;
  kind: 'hf_dataset' | 'url';
  repo: string;
  revision?: string;
  files: FetchedFile[];
  /** The files `bigmath run` reads for this source (archives replaced by their contents). */
  inputs: string[];
}

export async function fetchSource(name: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const sources = opts.sources ?? (await registeredSources());
  const src = sources.find((s) => s.name === name);
  if (!src) {
    throw new FetchError('usage', `unknown source "${name}"; known sources: ${sources.map((s) => s.name).join(', ')}, or "all"`);
  }
  return fetchOne(src, opts, true);
}

/**
 * Fetches every registered source, continuing past failures so one run reports all of them;
 * throws afterwards if any failed. A single `--revision` cannot apply to every source.
 */
export async function fetchAll(opts: FetchOptions = {}): Promise<FetchResult[]> {
  if (opts.revision !== undefined) throw new FetchError('usage', '--revision applies to one source; name the source instead of "all"');
  const sources = opts.sources ?? (await registeredSources());
  const results: FetchResult[] = [];
  const failures: FetchError[] = [];
  for (const src of sources) {
    try {
      results.push(await fetchOne(src, opts, false));
    } catch (err) {
      failures.push(toFetchError(err, 'failed').withContext(src.name));
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new FetchError(failures[0].kind, `${failures.length} sources failed:\n  ${failures.map((f) => f.message).join('\n  ')}`, {
      source: failures[0].source,
      file: failures[0].file,
    });
  }
  return results;
}

interface Context {
  cacheDir: string;
  lockFile: string;
  http: HttpContext;
  retry: RetryPolicy;
  idleTimeoutMs: number;
  progress: Progress;
}

function makeContext(opts: FetchOptions): Context {
  const env = opts.env ?? process.env;
  const cacheDir = resolveCacheDir(opts.cacheDir, env);
  const p = opts.progress ?? process.stderr;
  return {
    cacheDir,
    lockFile: lockPath(cacheDir),
    http: {
      endpoint: hubEndpoint(env),
      token: hubToken(env),
      // a server that accepts connections but never answers is tried again within the deadline
      headersTimeoutMs: opts.headersTimeoutMs ?? Math.min(30_000, opts.retry?.deadlineMs ?? DEFAULT_RETRY.deadlineMs),
      userAgent: 'bigmath-fetch/0.1 (+node)',
    },
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    progress: 'beginSource' in p ? p : createProgress(p),
  };
}

async function fetchOne(src: LocatedSource, opts: FetchOptions, strict: boolean): Promise<FetchResult> {
  try {
    const ctx = makeContext(opts);
    const repos = { ...opts.repos, ...(opts.mathRepo !== undefined ? { [MATH_SOURCE]: opts.mathRepo } : {}) };
    const loc = resolveLocation(src, { revision: opts.revision, split: opts.split, repos }, strict);
    const prev = (await readLock(ctx.lockFile)).sources[src.name];
    if (opts.offline) {
      if (opts.update) throw new FetchError('usage', '--update needs the network; drop --offline');
      return offline(ctx, loc, prev);
    }
    const pinned = prev !== undefined && !opts.update && matchesPin(prev, loc) ? prev : undefined;
    return await online(ctx, loc, pinned);
  } catch (err) {
    throw toFetchError(err, 'failed').withContext(src.name);
  }
}

/** A lock entry pins a fetch when it describes the same selection, asked at the same revision. */
function matchesPin(prev: LockedSource, loc: ResolvedLocation): boolean {
  if (prev.kind !== loc.kind || prev.repo !== loc.repo) return false;
  if (prev.patterns.join('\n') !== loc.patterns.join('\n')) return false;
  if (loc.kind === 'url') return true;
  return loc.revision === prev.requested_revision || loc.revision === prev.revision;
}

interface PlannedFile {
  file: string;
  url: string;
  expected: Expected;
  locked?: LockedFile;
}

async function online(ctx: Context, loc: ResolvedLocation, pinned: LockedSource | undefined): Promise<FetchResult> {
  let revision: string | undefined;
  let plan: PlannedFile[];
  if (loc.kind === 'hf_dataset') {
    const retrying = <T>(what: string, fn: () => Promise<T>) =>
      withRetry(ctx.retry, what, fn, (err, attempt, delay) => ctx.progress.note(`${loc.repo}, ${what}: ${retryNote(err, attempt, ctx.retry, delay)}`));
    revision = pinned?.revision ?? (await retrying(`revision ${loc.revision}`, () => resolveRevision(ctx.http, loc.repo, loc.revision!)));
    const commit = revision;
    const tree = await retrying(`file listing`, () => listFiles(ctx.http, loc.repo, commit));
    const byPath = new Map(tree.map((f) => [f.path, f]));
    const url = (file: string) => resolveUrl(ctx.http.endpoint, loc.repo, commit, file);
    if (pinned) {
      plan = pinned.files.map((lf) => {
        const f = byPath.get(lf.file);
        if (!f) throw new FetchError('integrity', `locked file is missing from ${loc.repo}@${commit}`, { file: lf.file });
        if (f.lfs && (f.lfs.oid !== lf.sha256 || f.lfs.size !== lf.size)) {
          throw new FetchError('integrity', `the Hub's LFS metadata (sha256 ${f.lfs.oid}) disagrees with the lock file (${lf.sha256})`, {
            file: lf.file,
          });
        }
        return { file: lf.file, url: url(lf.file), expected: { size: lf.size, sha256: lf.sha256 }, locked: lf };
      });
    } else {
      const selected = tree.filter((f) => matchesAny(f.path, loc.patterns));
      if (selected.length === 0) {
        throw new FetchError('not_found', `no file of ${loc.repo}@${commit} (${tree.length} files) matches ${loc.patterns.join(', ')}`);
      }
      plan = selected.map((f) => ({
        file: f.path,
        url: url(f.path),
        expected: f.lfs ? { size: f.lfs.size, sha256: f.lfs.oid } : { size: f.size, gitSha1: f.oid },
      }));
    }
  } else {
    revision = loc.revision;
    const lf = pinned?.files[0];
    plan = [{ file: loc.patterns[0], url: loc.repo, expected: lf ? { size: lf.size, sha256: lf.sha256 } : {}, ...(lf ? { locked: lf } : {}) }];
  }

  ctx.progress.beginSource(
    loc.source,
    plan.map((p) => ({ file: p.file, size: p.expected.size ?? 0 })),
  );
  const files: FetchedFile[] = [];
  const locked: LockedFile[] = [];
  for (const p of plan) {
    try {
      const got = await fetchFile(ctx, loc.source, p);
      files.push(got);
      ctx.progress.fileDone(p.file, got.outcome, got.sha256, got.size);
      const extracted = p.file.toLowerCase().endsWith('.zip') ? await unpack(ctx, loc.source, got, p.locked) : undefined;
      locked.push({ file: p.file, size: got.size, sha256: got.sha256, ...(extracted ? { extracted } : {}) });
    } catch (err) {
      ctx.progress.endSource();
      throw toFetchError(err, 'failed').withContext(loc.source, p.file);
    }
  }
  ctx.progress.endSource();

  const entry: LockedSource = {
    kind: loc.kind,
    repo: loc.repo,
    ...(revision !== undefined ? { revision } : {}),
    ...(loc.kind === 'hf_dataset' ? { requested_revision: loc.revision } : {}),
    patterns: loc.patterns,
    files: locked,
  };
  await updateLockEntry(ctx.lockFile, loc.source, entry);
  return result(ctx, loc, entry, files);
}

async function fetchFile(ctx: Context, source: string, p: PlannedFile): Promise<FetchedFile> {
  const path = cachedFilePath(ctx.cacheDir, source, p.file);
  // Without a published or locked checksum a cached copy proves nothing, so it is fetched again.
  if (sizeOf(path) !== undefined && (p.expected.sha256 !== undefined || p.expected.gitSha1 !== undefined)) {
    const d = await digestFile(path);
    if (mismatch(d, p.expected) === undefined) return { file: p.file, path, size: d.size, sha256: d.sha256, outcome: 'cached' };
    ctx.progress.note(`${p.file}: cached copy does not match (${mismatch(d, p.expected)}); downloading again`);
    await rm(path, { force: true });
  }
  const got = await downloadFile(
    { url: p.url, dest: path, partial: partialFilePath(ctx.cacheDir, source, p.file), expected: p.expected },
    {
      http: ctx.http,
      retry: ctx.retry,
      idleTimeoutMs: ctx.idleTimeoutMs,
      onBytes: (n) => ctx.progress.fileBytes(p.file, n),
      onRetry: (err, attempt, delay) => ctx.progress.note(`${p.file}: ${retryNote(err, attempt, ctx.retry, delay)}`),
    },
  );
  return { file: p.file, path, size: got.size, sha256: got.sha256, outcome: got.resumedFrom > 0 ? 'resumed' : 'downloaded' };
}

/** Unpacks an archive next to itself unless the locked contents are already there intact. */
async function unpack(ctx: Context, source: string, zip: FetchedFile, locked: LockedFile | undefined) {
  const dir = sourceDir(ctx.cacheDir, source);
  if (locked?.extracted && zip.outcome === 'cached') {
    let intact = true;
    for (const x of locked.extracted) {
      const p = cachedFilePath(ctx.cacheDir, source, x.path);
      if (sizeOf(p) !== x.size || (await digestFile(p)).sha256 !== x.sha256) intact = false;
    }
    if (intact) return locked.extracted;
  }
  ctx.progress.note(`${zip.file}: extracting`);
  const extracted = await extractZip(zip.path, dir);
  if (extracted.length === 0) throw new FetchError('integrity', `${zip.file} contains no data files`);
  return extracted;
}

function offline(ctx: Context, loc: ResolvedLocation, prev: LockedSource | undefined): FetchResult {
  const again = `run \`bigmath fetch ${loc.source}\` with network access first`;
  if (!prev) throw new FetchError('offline_miss', `offline: not in the cache (no entry in ${ctx.lockFile}); ${again}`);
  if (!matchesPin(prev, loc)) {
    const want = `${loc.repo}${loc.revision ? `@${loc.revision}` : ''} [${loc.patterns.join(', ')}]`;
    const have = `${prev.repo}${prev.requested_revision ? `@${prev.requested_revision}` : ''} [${prev.patterns.join(', ')}]`;
    throw new FetchError('offline_miss', `offline: the cache holds ${have}, not the requested ${want}; ${again}`);
  }
  for (const f of inputFiles(prev)) {
    const path = cachedFilePath(ctx.cacheDir, loc.source, f.file);
    const size = sizeOf(path);
    if (size !== f.size) {
      throw new FetchError('offline_miss', `offline: ${size === undefined ? 'missing from the cache' : `has ${size} bytes, locked ${f.size}`} (${path}); ${again}`, {
        file: f.file,
      });
    }
  }
  const files = prev.files.map((f) => ({
    file: f.file,
    path: cachedFilePath(ctx.cacheDir, loc.source, f.file),
    size: f.size,
    sha256: f.sha256,
    outcome: 'cached' as const,
  }));
  return result(ctx, loc, prev, files);
}

function result(ctx: Context, loc: ResolvedLocation, entry: LockedSource, files: FetchedFile[]): FetchResult {
  return {
    source: loc.source,
    kind: loc.kind,
    repo: loc.repo,
    ...(entry.revision !== undefined ? { revision: entry.revision } : {}),
    files,
    inputs: inputFiles(entry).map((f) => cachedFilePath(ctx.cacheDir, loc.source, f.file)),
  };
}

function retryNote(err: FetchError, attempt: number, policy: RetryPolicy, delayMs: number): string {
  return `${err.message}; retry ${attempt}/${policy.attempts - 1} in ${(delayMs / 1000).toFixed(1)} s`;
}
