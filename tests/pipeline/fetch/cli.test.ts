import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C1, numinaRepo } from './helpers.ts';
import { startHubServer, type HubServer } from './hub-server.ts';

const DRIVER = join(import.meta.dirname, '../../fixtures/fetch/cli-driver.ts');

let server: HubServer;
let cacheDir: string;
beforeAll(async () => {
  server = await startHubServer({
    repos: [
      numinaRepo(),
      // Omni-MATH's test.jsonl is a plain git file here, served with wrong bytes.
      {
        id: 'KbsdJames/Omni-MATH',
        branches: { main: C1 },
        commits: { [C1]: [{ path: 'test.jsonl', content: Buffer.from('{"problem":"1+1","answer":"2"}\n'), behaviour: 'corrupt' }] },
      },
    ],
  });
  cacheDir = await mkdtemp(join(tmpdir(), 'bigmath-cli-'));
});
afterAll(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

/** Async on purpose: the Hub-like server runs in this process and must keep answering. */
function bigmath(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DRIVER, 'fetch', ...args],
      { timeout: 30_000, env: { PATH: process.env.PATH ?? '', HOME: cacheDir, HF_ENDPOINT: server.url, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('bigmath fetch (CLI)', () => {
  it('fetches a registered source from HF_ENDPOINT, prints progress on stderr and writes the lock', async () => {
    const r = await bigmath(['numinamath', '--cache-dir', cacheDir]);
    if (process.env.BIGMATH_SHOW_FETCH_OUTPUT) console.log(`${r.stderr}\n${r.stdout}\n${readFileSync(join(cacheDir, 'sources.lock.json'), 'utf8')}`);
    expect(r.stderr).toContain('numinamath: 3 files, 492.2 KB');
    expect(r.stderr).toMatch(/numinamath: done, 3\/3 files/);
    expect(r.stdout).toContain(`numinamath: 3 file(s), 504000 bytes from AI-MO/NuminaMath-CoT@${C1}`);
    expect(r.code).toBe(0);
    expect(existsSync(join(cacheDir, 'sources.lock.json'))).toBe(true);

    const off = await bigmath(['numinamath', '--offline'], { BIGMATH_CACHE: cacheDir });
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('3 input file(s) ready for `bigmath run --from-cache`');
  });

  it('exits 2 with one line naming the source and file', async () => {
    // Independent runs, in parallel to keep the test short.
    const [bad, miss, unknown, split, revAll] = await Promise.all([
      bigmath(['omni_math', '--cache-dir', cacheDir]),
      bigmath(['harp', '--offline', '--cache-dir', cacheDir]),
      bigmath(['nosuch', '--cache-dir', cacheDir]),
      bigmath(['numinamath', '--split', 'train', '--cache-dir', cacheDir]),
      bigmath(['all', '--revision', 'main', '--cache-dir', cacheDir]),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^bigmath fetch: error: omni_math: test\.jsonl: downloaded bytes do not match .*git blob sha1/m);
    expect(miss.code).toBe(2);
    expect(miss.stderr).toContain('bigmath fetch: error: harp: offline: not in the cache');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown source "nosuch"');
    expect(split.code).toBe(2);
    expect(split.stderr).toContain('numinamath: this source has no splits');
    expect(revAll.code).toBe(2);
    expect(revAll.stderr).toContain('--revision applies to one source');
  });

  it('exits 2 on usage errors caught by the argument parser', async () => {
    const [noArg, badOpt, help] = await Promise.all([bigmath([]), bigmath(['numinamath', '--frobnicate']), bigmath(['--help'])]);
    expect(noArg.code).toBe(2);
    expect(noArg.stderr).toContain("missing required argument 'source'");
    expect(badOpt.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('HF_TOKEN');
  });
});
