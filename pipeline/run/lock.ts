import { hostname } from 'node:os';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

/**
 * One run per out dir at a time. The lock file holds the owner's pid and host; a lock left by a
 * process that no longer exists (a crash, SIGKILL) is taken over, so a resume needs no cleanup.
 */
export function acquireLock(outDir: string): () => void {
  const path = join(outDir, '.lock');
  const me = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, me, { flag: 'wx' });
      // a run stopped by a signal leaves through process.exit: the lock goes with it
      const release = () => rmSync(path, { force: true });
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`cannot write to out dir ${outDir}: ${(e as Error).message}`);
      const owner = readOwner(path);
      if (owner && owner.host === hostname() && isAlive(owner.pid)) {
        throw new UsageError(`out dir ${outDir} is locked by a running bigmath process (pid ${owner.pid}); wait for it or choose another --out`);
      }
      if (owner && owner.host !== hostname()) {
        throw new UsageError(`out dir ${outDir} is locked by a bigmath process on host ${owner.host} (pid ${owner.pid}); remove ${path} if that run is gone`);
      }
      rmSync(path, { force: true }); // stale: its owner died
    }
  }
  throw new UsageError(`cannot lock out dir ${outDir}`);
}

function readOwner(path: string): { pid: number; host: string } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
