import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ROOT } from './helpers.ts';

const NODE = process.execPath; // vitest runs on the project's Node 24
const MAIN = join(ROOT, 'pipeline/cli/main.ts');

/** Runs the real `bigmath` CLI in a child process. */
export function bigmath(args: string[], env: Record<string, string> = {}, cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(NODE, [MAIN, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
}

export function manifestOf(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

/** Reads every shard listed in a manifest with hyparquet (independent of the DuckDB writer). */
export async function readShards(dir: string, kind: 'corpus' | 'rejected'): Promise<Record<string, unknown>[]> {
  const m = manifestOf(dir);
  const rows: Record<string, unknown>[] = [];
  for (const s of m.outputs[kind] as { path: string }[]) {
    const file = await asyncBufferFromFile(join(dir, s.path));
    rows.push(...(await parquetReadObjects({ file, compressors })));
  }
  return rows;
}
