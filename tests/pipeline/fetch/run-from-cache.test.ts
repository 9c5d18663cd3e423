import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C1 } from './helpers.ts';
import { startHubServer, type HubServer } from './hub-server.ts';
import { FIXTURES, ROOT, tempDir } from '../../helpers.ts';

/** `bigmath run --fetch` and `--from-cache` against a local Hub-like server (no network here). */
let server: HubServer;
let cacheDir: string;
const omni = readFileSync(join(FIXTURES, 'sources', 'omni_math.jsonl'));

beforeAll(async () => {
  server = await startHubServer({
    repos: [{ id: 'KbsdJames/Omni-MATH', branches: { main: C1 }, commits: { [C1]: [{ path: 'test.jsonl', content: omni }] } }],
  });
  cacheDir = tempDir();
});
afterAll(async () => server.close());

function bigmath(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), ...args], { cwd: ROOT, timeout: 120_000, env: { ...process.env, HF_ENDPOINT: server.url, BIGMATH_CACHE: cacheDir } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('run from the fetch cache', () => {
  it('fetches one source, then builds the corpus from the cache', async () => {
    const f = await bigmath(['fetch', 'omni_math']);
    expect(f.code, f.stderr).toBe(0);
    const out = join(tempDir(), 'out');
    const r = await bigmath(['run', '--from-cache', '--out', out, '--no-dedup', '--no-decontam']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(m.counts)).toEqual(['omni_math']);
    expect(m.counts.omni_math.read).toBe(omni.toString().trim().split('\n').length);
    // the path inside the --input root (the cache folder of the source), not where the cache lies
    expect(m.inputs[0].path).toBe('test.jsonl');
  });
  it('refuses --from-cache with an empty cache, naming the fix', async () => {
    const empty = tempDir();
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), 'run', '--from-cache', '--cache-dir', empty, '--out', join(empty, 'o')], { cwd: ROOT }, (err, _o, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stderr }),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bigmath fetch/);
  });
});
