import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchOptions } from '../../../pipeline/fetch/fetch-source.ts';
import type { LocatedSource } from '../../../pipeline/fetch/locations.ts';
import { bytes, startHubServer, type FixtureRepo, type HubServer, type HubServerOptions } from './hub-server.ts';

export const C1 = '1'.repeat(40);
export const C2 = '2'.repeat(40);

export function numinaRepo(): FixtureRepo {
  return {
    id: 'AI-MO/NuminaMath-CoT',
    branches: { main: C1 },
    commits: {
      [C1]: [
        { path: 'README.md', content: Buffer.from('# NuminaMath-CoT (fixture)\n') },
        { path: 'data/test-00000-of-00001.parquet', content: bytes(4_000, 'numina-test'), lfs: true },
        { path: 'data/train-00000-of-00002.parquet', content: bytes(300_000, 'numina-train-0'), lfs: true },
        { path: 'data/train-00001-of-00002.parquet', content: bytes(200_000, 'numina-train-1'), lfs: true },
      ],
    },
  };
}

export const numinaSource: LocatedSource = {
  name: 'numinamath',
  location: { kind: 'hf_dataset', repo: 'AI-MO/NuminaMath-CoT', revision: 'main', files: ['data/*.parquet'] },
};

/** One test's world: a fresh Hub-like server, an empty cache and captured progress output. */
export interface World {
  server: HubServer;
  cacheDir: string;
  output: string[];
  opts(extra?: FetchOptions): FetchOptions;
  cleanup(): Promise<void>;
}

export async function makeWorld(server: HubServerOptions, sources: LocatedSource[]): Promise<World> {
  const s = await startHubServer(server);
  const cacheDir = await mkdtemp(join(tmpdir(), 'bigmath-fetch-'));
  const output: string[] = [];
  return {
    server: s,
    cacheDir,
    output,
    opts: (extra = {}) => ({
      cacheDir,
      env: { HF_ENDPOINT: s.url },
      progress: { isTTY: false, write: (chunk: string) => output.push(chunk) },
      // Bounded: at most 3 tries per request, millisecond backoff, short stall detection.
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      idleTimeoutMs: 1_500,
      headersTimeoutMs: 5_000,
      sources,
      ...extra,
    }),
    cleanup: async () => {
      await s.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
