import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

/**
 * The out dir may hold the user's own files: bigmath never overwrites or deletes a file it did
 * not write. These are the names it writes; everything else in the folder is left alone.
 */
const TOP_FILES = ['manifest.json', 'stats.json', 'report.html', 'README.md'];
const SHARD_DIRS = ['corpus', 'rejected'];
/** Shards and the shard writer's temporary files (`.part-00000.jsonl.tmp`, `.part-00000.parquet.tmp`). */
const SHARD_FILE = /^\.?part-\d{5}\.(parquet|jsonl)(\.tmp)?$/;

/** A folder bigmath has run in: its manifest, or the work folder or lock of a run. */
function holdsRun(out: string): boolean {
  if (existsSync(join(out, '.work')) || existsSync(join(out, '.lock'))) return true;
  try {
    return (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { tool?: { name?: string } }).tool?.name === 'bigmath';
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Checks the out dir before a run writes to it: an empty, new or bigmath folder is fine; a
 * non-empty folder without a run needs --force, and even then none of the names a run writes may
 * be taken. Returns the files left alone inside corpus/ and rejected/ (worth a note: they sit
 * beside the shards).
 */
export function checkOutDir(out: string, force: boolean): string[] {
  if (!existsSync(out)) return [];
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  const entries = list(out);
  const strangers = SHARD_DIRS.flatMap((d) => list(join(out, d)).filter((f) => !SHARD_FILE.test(f)).map((f) => `${d}/${f}`));
  if (entries.length === 0 || holdsRun(out)) return strangers;
  if (!force) {
    throw new UsageError(`out dir ${out} is not empty and holds no bigmath run; choose a new or empty folder, or add --force to write beside its files (bigmath never overwrites or deletes a file it did not write)`);
  }
  const taken = [...TOP_FILES.filter((f) => entries.includes(f)), ...SHARD_DIRS.flatMap((d) => list(join(out, d)).filter((f) => SHARD_FILE.test(f)).map((f) => `${d}/${f}`))];
  if (taken.length) throw new UsageError(`out dir ${out} holds ${taken.join(', ')}, not written by bigmath; a run would overwrite them: move them or choose another --out`);
  return strangers;
}

/** Removes the shards of an earlier run (and only those) before new ones are written. */
export async function removeShards(out: string): Promise<void> {
  for (const d of SHARD_DIRS) {
    let files: string[];
    try {
      files = await readdir(join(out, d));
    } catch {
      continue;
    }
    for (const f of files) if (SHARD_FILE.test(f)) await rm(join(out, d, f), { force: true });
  }
}
