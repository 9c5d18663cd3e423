import { statSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { FetchError } from './errors.ts';
import { lockPath, readLockSync, type LockedSource } from './lockfile.ts';

/**
 * Cache layout: `<cache>/<source>/<file>` holds verified files only; partial downloads live in
 * `<cache>/.partial/<source>/<file>.part`, so a source folder can be read as-is.
 */
export function sourceDir(cacheDir: string, source: string): string {
  return safeJoin(cacheDir, source);
}

export function cachedFilePath(cacheDir: string, source: string, file: string): string {
  return safeJoin(sourceDir(cacheDir, source), file);
}

export function partialFilePath(cacheDir: string, source: string, file: string): string {
  return `${safeJoin(join(cacheDir, '.partial', source), file)}.part`;
}

/** Repo paths and zip entry names come from the network: refuse anything escaping the root. */
export function safeJoin(root: string, rel: string): string {
  const n = normalize(rel);
  if (rel === '' || isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || n === '..' || n.startsWith(`..${sep}`) || n.split(sep).includes('..')) {
    throw new FetchError('integrity', `refusing unsafe path ${JSON.stringify(rel)}`);
  }
  return join(root, n);
}

/** The files the pipeline reads for a locked source: extracted contents in place of archives. */
export function inputFiles(entry: LockedSource): { file: string; size: number }[] {
  return entry.files.flatMap((f) => (f.extracted ? f.extracted.map((x) => ({ file: x.path, size: x.size })) : [{ file: f.file, size: f.size }]));
}

/**
 * What `bigmath run --from-cache` reads: one entry per file of each source whose locked files are
 * all present with their locked size. A source missing any file is left out entirely, because
 * reading part of a source would silently build a smaller corpus; `bigmath fetch` reports why.
 * (Sizes, not hashes, are checked here: hashes were verified when the files were written.)
 */
export function cachedInputs(cacheDir: string): { source: string; path: string }[] {
  const lock = readLockSync(lockPath(cacheDir));
  const out: { source: string; path: string }[] = [];
  for (const source of Object.keys(lock.sources).sort()) {
    const files = inputFiles(lock.sources[source]);
    const paths = files.map((f) => ({ path: cachedFilePath(cacheDir, source, f.file), size: f.size }));
    if (paths.length > 0 && paths.every((p) => sizeOf(p.path) === p.size)) {
      for (const p of paths) out.push({ source, path: p.path });
    }
  }
  return out;
}

export function sizeOf(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}
