import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRollouts } from '../../../pipeline/model/rollouts.ts';
import { tempDir } from '../../helpers.ts';
import { bigmath } from '../../run-helpers.ts';
import { startTestServer, type TestServer } from './openai-test-server.ts';

/**
 * A finished run on the bundled sample with rollouts of its first LIMIT records (id order) from
 * the test server, whose script gives each record one of four difficulties by its rank.
 */
let built: string;
let server: TestServer;
const LIMIT = 16;
const rank = new Map<string, { i: number; answer: string; id: string; source: string }>();
let corpusIds: string[] = [];

async function readDir(dir: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort()) rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, f)), compressors })));
  return rows;
}

/** rank % 4: 0 never solved (all say -31337: a suspect gold), 1 always, 2 six of eight, 3 one of eight. */
function script(prompt: string, seed: number, i: number): string {
  let best: { i: number; answer: string } | null = null;
  let len = 0;
  for (const [problem, r] of rank) if (prompt.includes(problem) && problem.length > len) [best, len] = [r, problem.length];
  if (!best) throw new Error('unknown problem');
  const k = (seed + i) % 8;
  const right = [false, true, k % 4 !== 0, k === 0][best.i % 4];
  return `Working... the final answer is $\\boxed{${right ? best.answer : '-31337'}}$.`;
}

beforeAll(async () => {
  built = tempDir('bigmath-select-');
  const r = bigmath(['run', '--out', built]);
  expect(r.status, r.stderr).toBe(0);
  const rows = (await readDir(join(built, 'corpus'))).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  corpusIds = rows.map((r) => String(r.id));
  rows.slice(0, LIMIT).forEach((r, i) => rank.set(String(r.problem), { i, answer: String(r.answer), id: String(r.id), source: String(r.source) }));
  server = await startTestServer({ script });
  await runRollouts({
    dir: built, endpoints: [server.url], model: 'test-model', api: 'chat', n: 8, params: { temperature: 0.8, topP: 0.95, maxTokens: 256 },
    prompt: 'solve-v1', concurrency: 8, limit: LIMIT, stream: false, timeoutMs: 5_000, suspectShare: 0.5, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  });
});
afterAll(() => server?.close());

const expected = (i: number, lo: number, hi: number) => {
  const rate = [0, 1, 0.75, 0.125][i % 4];
  return rate === 0 ? 'unverified' : rate < lo ? 'below_band' : rate > hi ? 'above_band' : 'verified';
};

describe('bigmath select', () => {
  it('splits the corpus into verified (solved, in the band) and unverified (never solved), losing no record', async () => {
    const dir = tempDir('bigmath-select-run-');
    cpSync(built, dir, { recursive: true });
    const r = bigmath(['select', dir, '--solve-rate', '0.2..0.9']);
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'selected', 'manifest.json'), 'utf8'));
    const verified = await readDir(join(dir, 'selected', 'verified'));
    const unverified = await readDir(join(dir, 'selected', 'unverified'));
    const excluded = await readDir(join(dir, 'selected', 'excluded'));
    // Every corpus record in exactly one output, in id order.
    const all = [...verified, ...unverified, ...excluded].map((x) => String(x.id)).sort();
    expect(all).toEqual([...corpusIds].sort());
    for (const [, { i, id }] of rank) {
      const row = [...verified, ...unverified, ...excluded].find((x) => x.id === id)!;
      expect(row.selection, `rank ${i}`).toBe(expected(i, 0.2, 0.9));
    }
    expect(verified.every((x) => x.selection === 'verified' && Number(x.solve_rate) >= 0.2 && Number(x.solve_rate) <= 0.9)).toBe(true);
    expect(verified.map((x) => x.id)).toEqual([...verified.map((x) => x.id)].sort());
    expect(m.counts).toEqual({ verified: LIMIT / 4, unverified: LIMIT / 4, below_band: LIMIT / 4, above_band: LIMIT / 4, not_sampled: corpusIds.length - LIMIT });
    expect(m.outputs.verified.rows).toBe(verified.length);
    expect(Object.values(m.per_source as Record<string, Record<string, number>>).reduce((a, c) => a + Object.values(c).reduce((x, y) => x + y, 0), 0)).toBe(corpusIds.length);
    expect(r.stdout).toContain(`${LIMIT / 4} verified`);
  });

  it('writes the same bytes twice, and a wider band moves records from excluded to verified', async () => {
    const dir = tempDir('bigmath-select-run-');
    cpSync(built, dir, { recursive: true });
    expect(bigmath(['select', dir, '--solve-rate', '0.05..0.95']).status).toBe(0);
    const first = readFileSync(join(dir, 'selected', 'manifest.json'), 'utf8');
    expect(bigmath(['select', dir, '--solve-rate', '0.05..0.95']).status).toBe(0);
    expect(readFileSync(join(dir, 'selected', 'manifest.json'), 'utf8')).toBe(first);
    expect(JSON.parse(first).counts.verified).toBe(LIMIT / 2);
    expect(bigmath(['select', dir, '--solve-rate', '0..1', '--rollouts', join(dir, 'rollouts', 'part-00000.parquet')]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'selected', 'manifest.json'), 'utf8')).counts.verified).toBe((3 * LIMIT) / 4);
  });

  it('audit shows the difficulty per source and lists the suspect gold answers', () => {
    const r = bigmath(['audit', built]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Difficulty per source');
    expect(r.stdout).toContain(`Suspect gold answers (most samples agree on another answer): ${LIMIT / 2}`);
    const j = JSON.parse(bigmath(['audit', built, '-f', 'json']).stdout);
    // never solved, and solved once in eight: both have a 7/8+ wrong majority
    const suspectIds = [...rank.values()].filter((x) => x.i % 4 === 0 || x.i % 4 === 3).map((x) => x.id).sort();
    expect(j.difficulty.suspects.map((s: { id: string }) => s.id).sort()).toEqual(suspectIds);
    expect(j.difficulty.suspects.every((s: { majority_answer: string }) => s.majority_answer === '-31337')).toBe(true);
    const counts = j.difficulty.counts as Record<string, Record<string, number>>;
    const sum = (b: string) => Object.values(counts).reduce((a, c) => a + c[b], 0);
    expect([sum('0'), sum('1'), sum('(0.5, 0.75]'), sum('(0, 0.25]'), sum('not sampled')]).toEqual([LIMIT / 4, LIMIT / 4, LIMIT / 4, LIMIT / 4, corpusIds.length - LIMIT]);
  });

  it('rejects a bad band or missing rollouts with one line and exit 2', () => {
    for (const band of ['0.9..0.1', '2', '0..1.5', 'a..b']) {
      const r = bigmath(['select', built, '--solve-rate', band]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const r = bigmath(['select', built, '--rollouts', join(built, 'nowhere')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nowhere not found/);
  });
});
