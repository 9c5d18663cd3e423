import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers.ts';
import { bigmath } from '../../run-helpers.ts';

/**
 * `bigmath rollouts`, `select` and `audit` against a real inference server (vLLM, llama.cpp's
 * server, SGLang, Ollama...). Runs only when BIGMATH_TEST_ENDPOINT (an OpenAI base URL such as
 * http://localhost:8000/v1) and BIGMATH_TEST_MODEL are set; see the README.
 */
const endpoint = process.env.BIGMATH_TEST_ENDPOINT;
const model = process.env.BIGMATH_TEST_MODEL;

describe.skipIf(!endpoint || !model)('rollouts against a real server', () => {
  it('samples, grades, selects and audits a few problems of the sample build', { timeout: 1_800_000 }, () => {
    const dir = tempDir('bigmath-real-server-');
    expect(bigmath(['run', '--out', dir]).status).toBe(0);
    const args = ['rollouts', dir, '--endpoint', endpoint!, '--model', model!, '-n', '4', '--limit', '8', '--max-tokens', process.env.BIGMATH_TEST_MAX_TOKENS ?? '1024', '--concurrency', '8'];
    const r = bigmath(args);
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'rollouts', 'manifest.json'), 'utf8'));
    expect(m.records).toBe(8);
    expect(m.samples).toEqual({ wanted: 32, completed: 32, failed: 0 });
    expect(m.tokens.completion).toBeGreaterThan(0);
    // A re-run answers from the cache: same bytes.
    const again = bigmath(args);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'rollouts', 'manifest.json'), 'utf8')).toBe(JSON.stringify(m, null, 2) + '\n');
    const s = bigmath(['select', dir, '--solve-rate', '0.05..0.95']);
    expect(s.status, s.stderr).toBe(0);
    const a = bigmath(['audit', dir]);
    expect(a.stdout).toContain('Difficulty per source');
  });
});
