import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { expect } from 'vitest';
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

/**
 * The checks every model-calling stage (`rollouts`, `embed`) makes before sending anything: no
 * `--endpoint` is a one-line usage error naming the option, and a DIR without a finished run is
 * exit 2 naming the missing manifest.
 */
export function expectEndpointAndRunChecks(command: string, built: string, empty: string): void {
  const noEndpoint = bigmath([command, built, '--model', 'm']);
  expect(noEndpoint.status).toBe(2);
  expect(noEndpoint.stderr.trim().split('\n')).toHaveLength(1);
  expect(noEndpoint.stderr).toMatch(/--endpoint/);
  const notRun = bigmath([command, empty, '--endpoint', 'http://127.0.0.1:1/v1', '--model', 'm']);
  expect(notRun.status).toBe(2);
  expect(notRun.stderr).toMatch(/manifest\.json not found/);
}
