import { mkdir, open, rename, rm, stat, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FetchError, toFetchError } from './errors.ts';
import { cleanEtag, digestFile, type FileDigest } from './hash.ts';
import { httpRequest, type HttpContext } from './http.ts';
import { withRetry, type RetryPolicy } from './retry.ts';

/** What the bytes must be; whatever is unknown is learned from the response or left unchecked. */
export interface Expected {
  size?: number;
  sha256?: string;
  gitSha1?: string;
}

export interface DownloadRequest {
  url: string;
  /** Final location; only verified bytes ever land here. */
  dest: string;
  /** Where bytes accumulate across attempts and runs; resumed with `Range`. */
  partial: string;
  expected: Expected;
}

export interface DownloadOptions {
  http: HttpContext;
  retry: RetryPolicy;
  /** Abort and retry (resuming) when no byte arrives for this long. */
  idleTimeoutMs: number;
  /** Bytes of this file now on disk; may go down when a transfer restarts from zero. */
  onBytes?: (bytesOnDisk: number) => void;
  onRetry?: (err: FetchError, attempt: number, delayMs: number) => void;
  onVerify?: () => void;
}

export interface DownloadResult extends FileDigest {
  /** Largest offset a transfer resumed from (0 if every transfer started at the beginning). */
  resumedFrom: number;
}

export async function downloadFile(req: DownloadRequest, opts: DownloadOptions): Promise<DownloadResult> {
  await mkdir(dirname(req.partial), { recursive: true });
  const expected: Expected = { ...req.expected };
  let resumedFrom = 0;
  // Two passes at most: a mismatch after resuming may come from a stale partial file of some other
  // bytes, so one clean download decides; a mismatch on a clean download is final.
  for (let pass = 1; ; pass++) {
    await withRetry(
      opts.retry,
      `download of ${req.url}`,
      async (_attempt, progressed) => {
        let offset = await sizeOrZero(req.partial);
        if (expected.size !== undefined && offset > expected.size) {
          await truncate(req.partial, 0);
          offset = 0;
        }
        if (expected.size !== undefined && offset === expected.size && offset > 0) return;
        if (offset > 0) resumedFrom = Math.max(resumedFrom, offset);
        await transfer(req, offset, expected, opts, progressed);
      },
      opts.onRetry,
    );
    opts.onVerify?.();
    const digest = await digestFile(req.partial);
    const problem = mismatch(digest, expected);
    if (problem === undefined) {
      await mkdir(dirname(req.dest), { recursive: true });
      await rename(req.partial, req.dest);
      return { ...digest, resumedFrom };
    }
    await rm(req.partial, { force: true });
    if (resumedFrom === 0 || pass >= 2) {
      throw new FetchError('integrity', `downloaded bytes do not match the published metadata: ${problem}; the partial file was deleted`);
    }
    resumedFrom = 0;
    opts.onBytes?.(0);
  }
}

/** Describes how a file differs from what was expected, or undefined when it matches. */
export function mismatch(d: FileDigest, expected: Expected): string | undefined {
  if (expected.size !== undefined && d.size !== expected.size) return `size ${d.size}, expected ${expected.size}`;
  if (expected.sha256 !== undefined && d.sha256 !== expected.sha256.toLowerCase()) {
    return `sha256 ${d.sha256}, expected ${expected.sha256}`;
  }
  if (expected.gitSha1 !== undefined && d.gitSha1 !== expected.gitSha1.toLowerCase()) {
    return `git blob sha1 ${d.gitSha1}, expected ${expected.gitSha1}`;
  }
  return undefined;
}

async function transfer(req: DownloadRequest, offset: number, expected: Expected, opts: DownloadOptions, progressed: () => void): Promise<void> {
  const abort = new AbortController();
  let res;
  try {
    res = await httpRequest(opts.http, req.url, {
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      signal: abort.signal,
    });
  } catch (err) {
    if (err instanceof FetchError && err.status === 416 && offset > 0) {
      // The partial file does not fit the remote file any more: start over.
      await truncate(req.partial, 0);
      throw new FetchError('network', `range ${offset}- not satisfiable, restarting from zero`, { retryable: true });
    }
    throw err;
  }
  const { response, firstHeaders } = res;
  learnFromHeaders(firstHeaders, expected);

  let start = offset;
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (range === undefined || range.start !== offset) {
      await response.body?.cancel();
      await truncate(req.partial, 0);
      throw new FetchError('network', `server answered range ${offset}- with ${response.headers.get('content-range')}; restarting`, {
        retryable: true,
      });
    }
    if (range.total !== undefined) checkSize(expected, range.total, 'content-range');
  } else {
    // 200 to a Range request: the server ignored it and sends everything.
    start = 0;
  }

  const fh = await open(req.partial, start === 0 ? 'w' : 'a');
  let written = start;
  opts.onBytes?.(written);
  const idle = setTimeout(() => abort.abort(), opts.idleTimeoutMs);
  try {
    if (response.body) {
      for await (const chunk of response.body) {
        idle.refresh();
        await fh.write(chunk);
        written += chunk.byteLength;
        progressed();
        opts.onBytes?.(written);
      }
    }
  } catch (err) {
    if (abort.signal.aborted) {
      throw new FetchError('network', `stalled: no data for ${opts.idleTimeoutMs} ms after ${written} bytes`, { retryable: true });
    }
    throw toFetchError(err, `connection lost after ${written} bytes`);
  } finally {
    clearTimeout(idle);
    await fh.close();
  }
  if (expected.size !== undefined && written < expected.size) {
    throw new FetchError('network', `connection closed after ${written} of ${expected.size} bytes`, { retryable: true });
  }
}

/**
 * The Hub reports the real (LFS) size and sha256 on the resolve response; they must agree with the
 * listing or lock file, and fill in what those did not say.
 */
function learnFromHeaders(h: Headers, expected: Expected): void {
  const linkedSize = h.get('x-linked-size');
  if (linkedSize !== null && /^\d+$/.test(linkedSize)) checkSize(expected, Number(linkedSize), 'x-linked-size');
  const etag = cleanEtag(h.get('x-linked-etag'));
  if (etag !== undefined && /^[0-9a-f]{64}$/i.test(etag)) {
    if (expected.sha256 !== undefined && expected.sha256.toLowerCase() !== etag.toLowerCase()) {
      throw new FetchError('integrity', `the Hub now reports sha256 ${etag}, expected ${expected.sha256} (was the file replaced?)`);
    }
    expected.sha256 ??= etag.toLowerCase();
  }
}

function checkSize(expected: Expected, size: number, from: string): void {
  if (expected.size !== undefined && expected.size !== size) {
    throw new FetchError('integrity', `${from} says ${size} bytes, expected ${expected.size} (was the file replaced?)`);
  }
  expected.size ??= size;
}

export function parseContentRange(v: string | null): { start: number; end: number; total?: number } | undefined {
  const m = v ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(v.trim()) : null;
  if (!m) return undefined;
  return { start: Number(m[1]), end: Number(m[2]), ...(m[3] === '*' ? {} : { total: Number(m[3]) }) };
}

async function sizeOrZero(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
