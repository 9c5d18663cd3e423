import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FetchError } from './errors.ts';

export const LOCK_FILE_NAME = 'sources.lock.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const LockedExtract = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: Sha256 });

const LockedFile = z.object({
  /** Path inside the repo (Hub) or the file name (URL sources); also its path under `<cache>/<source>/`. */
  file: z.string(),
  size: z.number().int().nonnegative(),
  sha256: Sha256,
  /** Files unpacked from an archive: these, not the archive, are the pipeline's inputs. */
  extracted: z.array(LockedExtract).optional(),
});

const LockedSource = z.object({
  kind: z.enum(['hf_dataset', 'url']),
  /** Hub repo id, or the download URL for `url` sources. */
  repo: z.string(),
  /** Commit sha the files were fetched at (Hub), or the revision named in the URL. */
  revision: z.string().optional(),
  /** The branch/tag/sha that was asked for; a later fetch asking for the same reuses `revision`. */
  requested_revision: z.string().optional(),
  /** File patterns after `{split}` substitution; a different split is a different selection. */
  patterns: z.array(z.string()),
  files: z.array(LockedFile),
});

const LockFileSchema = z.object({
  version: z.literal(1),
  sources: z.record(z.string(), LockedSource),
});

export type LockedExtract = z.infer<typeof LockedExtract>;
export type LockedFile = z.infer<typeof LockedFile>;
export type LockedSource = z.infer<typeof LockedSource>;
export type LockFile = z.infer<typeof LockFileSchema>;

export function lockPath(cacheDir: string): string {
  return join(cacheDir, LOCK_FILE_NAME);
}

export function emptyLock(): LockFile {
  return { version: 1, sources: {} };
}

function parseLock(text: string, path: string): LockFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FetchError('usage', `${path} is not valid JSON (${(err as Error).message}); fix or delete it`);
  }
  const parsed = LockFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FetchError('usage', `${path} is not a valid lock file: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

export async function readLock(path: string): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyLock();
    throw err;
  }
  return parseLock(text, path);
}

/** Synchronous twin for `cachedInputs`, which callers use while assembling CLI options. */
export function readLockSync(path: string): LockFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyLock();
    throw err;
  }
  return parseLock(text, path);
}

/** Stable key and file order so the lock diffs cleanly when committed next to a release. */
export function serializeLock(lock: LockFile): string {
  const sources: Record<string, LockedSource> = {};
  for (const name of Object.keys(lock.sources).sort()) {
    const s = lock.sources[name];
    sources[name] = {
      kind: s.kind,
      repo: s.repo,
      ...(s.revision !== undefined ? { revision: s.revision } : {}),
      ...(s.requested_revision !== undefined ? { requested_revision: s.requested_revision } : {}),
      patterns: s.patterns,
      files: [...s.files].sort((a, b) => cmp(a.file, b.file)),
    };
  }
  return `${JSON.stringify({ version: 1, sources }, null, 2)}\n`;
}

/** Write-then-rename, so an interrupted fetch never leaves a truncated lock. */
export async function writeLock(path: string, lock: LockFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, serializeLock(lock));
  await rename(tmp, path);
}

/** Re-reads before writing so sources fetched by a concurrent `bigmath fetch X` are kept. */
export async function updateLockEntry(path: string, source: string, entry: LockedSource): Promise<void> {
  const lock = await readLock(path);
  lock.sources[source] = entry;
  await writeLock(path, lock);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
