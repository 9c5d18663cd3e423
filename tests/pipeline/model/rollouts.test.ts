import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runRollouts, type RolloutOptions } from '../../../pipeline/model/rollouts.ts';
import { ROOT, tempDir } from '../../helpers.ts';
import { bigmath, expectEndpointAndRunChecks } from '../../run-helpers.ts';
import { startTestServer, type Fault, type TestServer } from './openai-test-server.ts';

/** A finished run on the bundled sample, copied per test so rollouts of one never meet another's. */
let built: string;
const golds = new Map<string, string>();
const LIMIT = 24;

beforeAll(async () => {
  built = tempDir('bigmath-rollouts-');
  const r = bigmath(['run', '--out', built]);
  expect(r.status, r.stderr).toBe(0);
  // The problems the rollouts will take: the first LIMIT corpus records in id order.
  const rows: Record<string, unknown>[] = [];
  for (const f of readdirSync(join(built, 'corpus'))) {
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(built, 'corpus', f)), compressors })));
  }
  rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  for (const r of rows.slice(0, LIMIT)) golds.set(String(r.problem), String(r.answer));
});

function freshRun(): string {
  const dir = tempDir('bigmath-rollouts-run-');
  cpSync(built, dir, { recursive: true });
  return dir;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(opts: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(opts);
  servers.push(s);
  return s;
}

/** The gold answer of the problem inside a prompt (the longest problem text it contains). */
function goldFor(prompt: string): string {
  let best: [string, string] | null = null;
  for (const [problem, answer] of golds) if (prompt.includes(problem) && (!best || problem.length > best[0].length)) best = [problem, answer];
  if (!best) throw new Error('prompt of an unknown problem');
  return best[1];
}

/** Samples whose index is a multiple of 4 answer wrong, the others right: solve rate 3/4 for n = 8. */
const threeQuarters = (prompt: string, seed: number, i: number) =>
  `Step by step... so the answer is $\\boxed{${(seed + i) % 4 === 0 ? '123456789' : goldFor(prompt)}}$.`;

function options(dir: string, url: string | string[], extra: Partial<RolloutOptions> = {}): RolloutOptions {
  return {
    dir,
    endpoints: Array.isArray(url) ? url : [url],
    model: 'test-model',
    api: 'chat',
    n: 8,
    params: { temperature: 0.8, topP: 0.95, maxTokens: 256 },
    prompt: 'solve-v1',
    concurrency: 16,
    limit: LIMIT,
    stream: false,
    timeoutMs: 5_000,
    suspectShare: 0.5,
    retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 50 },
    ...extra,
  };
}

async function rolloutRows(dir: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const f of readdirSync(join(dir, 'rollouts')).filter((f) => f.endsWith('.parquet')).sort()) {
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'rollouts', f)), compressors })));
  }
  return rows;
}

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

const bytes = (dir: string) => readFileSync(join(dir, 'rollouts', 'part-00000.parquet')).toString('base64');

describe('bigmath rollouts', () => {
  it('grades every sample against the record answer and counts the answers', async () => {
    const dir = freshRun();
    // Seeds differ per sample index: with one request per record (n = 8), seed + i covers
    // every residue mod 4 exactly twice.
    const s = await server({ script: threeQuarters });
    const sum = await runRollouts(options(dir, s.url));
    expect(sum.records).toBe(LIMIT);
    expect(sum.samples_completed).toBe(LIMIT * 8);
    const rows = await rolloutRows(dir);
    expect(rows).toHaveLength(LIMIT);
    for (const r of rows) {
      expect(r.completed).toBe(8);
      expect(r.correct).toBe(6);
      expect(r.solve_rate).toBeCloseTo(0.75);
      const answers = JSON.parse(String(r.answers)) as { answer: string; count: number; correct: boolean }[];
      expect(answers.reduce((a, x) => a + x.count, 0)).toBe(8);
      expect(answers.find((a) => a.answer === '123456789')).toMatchObject({ count: 2, correct: false });
      expect(r.gold_suspect).toBe(false);
    }
    expect(s.received.every((r) => r.n === 8)).toBe(true);
  });

  it('flags a gold answer most samples disagree with', async () => {
    const dir = freshRun();
    const s = await server({ script: (p, seed, i) => `\\boxed{${(seed + i) % 8 === 0 ? goldFor(p) : '-31337'}}` });
    await runRollouts(options(dir, s.url));
    const rows = await rolloutRows(dir);
    for (const r of rows) {
      expect(r.gold_suspect).toBe(true);
      expect(r.majority_answer).toBe('-31337');
      expect(r.majority_share).toBeCloseTo(7 / 8);
    }
  });

  it('a second run sends nothing and writes the same bytes; a larger n asks only for the new samples', async () => {
    const dir = freshRun();
    const s = await server({ script: threeQuarters });
    await runRollouts(options(dir, s.url));
    const first = bytes(dir);
    const manifest = readFileSync(join(dir, 'rollouts', 'manifest.json'), 'utf8');
    const sent = s.received.length;
    const again = await runRollouts(options(dir, s.url));
    expect(s.received.length).toBe(sent);
    expect(again.samples_cached).toBe(LIMIT * 8);
    expect(bytes(dir)).toBe(first);
    expect(readFileSync(join(dir, 'rollouts', 'manifest.json'), 'utf8')).toBe(manifest);
    await runRollouts(options(dir, s.url, { n: 12 }));
    const more = s.received.slice(sent);
    expect(more).toHaveLength(LIMIT);
    expect(more.every((r) => r.n === 4)).toBe(true);
  });

  it('gives the same outputs through streaming, the completions API and one-sample requests', async () => {
    const a = freshRun();
    const b = freshRun();
    // Every sample right, so the outputs cannot depend on how samples map to seeds.
    const right = (p: string) => `So $x = \\boxed{${goldFor(p)}}$.`;
    const s1 = await server({ script: right });
    await runRollouts(options(a, s1.url));
    // Ollama ignores n: every request answers one choice; the rest are asked one by one.
    const s2 = await server({ script: right, fault: () => ({ kind: 'ignore-n' }) });
    await runRollouts(options(b, s2.url, { stream: true }));
    // Requests already sent when the first short answer came back asked for 8; all others for 1.
    expect(s2.received.filter((r) => r.n === 1).length).toBeGreaterThanOrEqual(LIMIT * 7);
    expect(s2.received.filter((r) => r.n === 1).length + s2.received.filter((r) => r.n === 8).length).toBe(s2.received.length);
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ prompt_tokens, completion_tokens, ...r }) => r);
    expect(strip(await rolloutRows(b))).toEqual(strip(await rolloutRows(a)));
    const c = freshRun();
    const s3 = await server({ script: right });
    await runRollouts(options(c, s3.url, { api: 'completions' }));
    expect(strip(await rolloutRows(c))).toEqual(strip(await rolloutRows(a)));
    expect((await rolloutRows(a)).every((r) => r.correct === 8)).toBe(true);
  });

  it('recovers from 429 with Retry-After, 500s, hung and dropped connections and malformed bodies', async () => {
    const dir = freshRun();
    const faults: Fault[] = [
      { kind: 'status', status: 429, retryAfter: 0 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'hang' },
      { kind: 'drop' },
      { kind: 'malformed' },
    ];
    // The first requests each meet one fault; every later one is answered.
    const s = await server({ script: threeQuarters, fault: (no) => faults[no - 1] ?? null });
    const sum = await runRollouts(options(dir, s.url, { timeoutMs: 500, stream: false }));
    expect(sum.samples_completed).toBe(LIMIT * 8);
    expect(sum.requests_failed).toBe(0);
    const s2 = await server({ script: threeQuarters, fault: (no) => (no <= 3 ? { kind: 'drop' } : null) });
    const dir2 = freshRun();
    const sum2 = await runRollouts(options(dir2, s2.url, { stream: true }));
    expect(sum2.samples_completed).toBe(LIMIT * 8);
  });

  it('spreads requests over endpoints and retries a dead one elsewhere', async () => {
    const dir = freshRun();
    const a = await server({ script: threeQuarters });
    const b = await server({ script: threeQuarters });
    const dead = await startTestServer();
    const deadUrl = dead.url;
    await dead.close();
    const sum = await runRollouts(options(dir, [deadUrl, a.url, b.url]));
    expect(sum.samples_completed).toBe(LIMIT * 8);
    expect(a.answered.length).toBeGreaterThan(0);
    expect(b.answered.length).toBeGreaterThan(0);
  });

  it('records a request that keeps failing as failed, and a re-run asks for exactly those samples', async () => {
    const dir = freshRun();
    let broken = true;
    const s = await server({ script: threeQuarters, fault: (_, r) => (broken && r.prompt.includes([...golds.keys()][0]) ? { kind: 'status', status: 500 } : null) });
    const sum = await runRollouts(options(dir, s.url));
    expect(sum.requests_failed).toBe(1);
    expect(sum.samples_failed).toBe(8);
    const rows = await rolloutRows(dir);
    expect(rows).toHaveLength(LIMIT);
    expect(rows.filter((r) => r.completed === 0 && r.failed === 8 && r.solve_rate === null)).toHaveLength(1);
    broken = false;
    const before = s.answered.length;
    const again = await runRollouts(options(dir, s.url));
    expect(again.samples_failed).toBe(0);
    expect(s.answered.length - before).toBe(1);
  });

  it('resumes after kill -9 without sending any answered request twice, and ends with the same bytes', async () => {
    const reference = freshRun();
    const s0 = await server({ script: threeQuarters });
    await runRollouts(options(reference, s0.url, { n: 4 }));

    const dir = freshRun();
    // Slow answers, one sample per request, so the kill lands with about half done.
    const s = await server({ script: threeQuarters, fault: () => ({ kind: 'slow', ms: 40 }) });
    const args = ['rollouts', dir, '--endpoint', s.url, '--model', 'test-model', '-n', '4', '--max-tokens', '256', '--limit', String(LIMIT), '--concurrency', '2'];
    const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (s.answered.length >= LIMIT / 2 || child.exitCode !== null) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    expect(await exited, stderr).toBeNull(); // killed, not finished
    const answeredBefore = s.answered.length;
    expect(answeredBefore).toBeLessThan(LIMIT);
    // Asynchronously: the server lives in this process and must keep answering.
    const r = await cli(['rollouts', dir, '--endpoint', s.url, '--model', 'test-model', '-n', '4', '--max-tokens', '256', '--limit', String(LIMIT)]);
    expect(r.code, r.stderr).toBe(0);
    // Only requests in flight at the kill (two) can have been answered and not yet cached.
    const keys = s.answered.map((a) => `${a.prompt}\x00${a.seed}`);
    expect(keys.length - new Set(keys).size).toBeLessThanOrEqual(2);
    // The cache never holds a sample twice: nothing cached was asked for again.
    const lines = readdirSync(join(dir, 'rollouts', 'cache')).flatMap((f) =>
      readFileSync(join(dir, 'rollouts', 'cache', f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { k: string; i: number; s: unknown[] }),
    );
    const cached = lines.map((l) => `${l.k}:${l.i}`);
    expect(new Set(cached).size).toBe(cached.length);
    expect(lines.reduce((a, l) => a + l.s.length, 0)).toBe(LIMIT * 4);
    expect(bytes(dir)).toBe(bytes(reference));
  });

  it('rejects careless use with one line and exit 2', () => {
    expectEndpointAndRunChecks('rollouts', built, tempDir());
    const badN = bigmath(['rollouts', built, '--endpoint', 'http://127.0.0.1:1/v1', '--model', 'm', '-n', '0']);
    expect(badN.status).toBe(2);
  });
});
