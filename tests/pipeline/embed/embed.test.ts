import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isEquivalent } from '../../../checker/index.ts';
import { runEmbed, type EmbedOptions } from '../../../pipeline/embed/embed.ts';
import { FIXTURES, ROOT, tempDir } from '../../helpers.ts';
import { bigmath, expectEndpointAndRunChecks, readShards } from '../../run-helpers.ts';
import { startEmbedServer, type EmbedFault, type EmbedServer } from './embedding-test-server.ts';

const row = (problem: string, answer: string) => ({ problem, level: 'Level 2', type: 'Algebra', solution: `So the answer is $\\boxed{${answer}}$.` });
/** Planted beside the real MATH fixture rows; each pair is one the MinHash stage keeps apart. */
const PLANTED = {
  // A reworded copy (same question, same answer): a duplicate.
  rectA: row('A rectangle has a perimeter of 30 units and its length is twice its width. What is the area of the rectangle, in square units?', '50'),
  rectB: row('The perimeter of a rectangle is 30 units, and its length is twice its width. Find the area of the rectangle in square units.', '50'),
  // Another word whose letters are arranged: two problems (question changed, answers differ).
  alabama: row('How many ways are there to arrange the letters of the word ALABAMA?', '210'),
  banana: row('How many ways are there to arrange the letters of the word BANANA?', '60'),
  // Other values: template siblings.
  odd20: row('What is the sum of the first 20 positive odd integers?', '400'),
  odd30: row('What is the sum of the first 30 positive odd integers?', '900'),
  // A paraphrase of a MATH-500 problem that shares no 13-gram with it: the n-gram stage keeps it.
  polar: row('Convert the point $(0,3)$ from rectangular coordinates to polar coordinates. Give the answer as $(r,\\theta),$ with $r > 0$ and $0 \\le \\theta < 2 \\pi.$', '\\left( 3, \\frac{\\pi}{2} \\right)'),
};

let built: string;
const idOf = new Map<string, string>();

beforeAll(() => {
  const dir = tempDir('bigmath-embed-in-');
  const input = join(dir, 'math.jsonl');
  writeFileSync(input, readFileSync(join(FIXTURES, 'sources', 'math.jsonl'), 'utf8').trimEnd() + '\n' + Object.values(PLANTED).map((r) => JSON.stringify(r)).join('\n') + '\n');
  built = tempDir('bigmath-embed-');
  const r = bigmath(['run', '--input', `math=${input}`, '--out', built]);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

beforeAll(async () => {
  for (const r of await readShards(built, 'corpus')) idOf.set(String(r.problem), String(r.id));
  for (const p of Object.values(PLANTED)) expect(idOf.has(p.problem), p.problem).toBe(true);
});

function freshRun(): string {
  const dir = tempDir('bigmath-embed-run-');
  cpSync(built, dir, { recursive: true });
  return dir;
}

const servers: EmbedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function server(fault?: (n: number) => EmbedFault | null): Promise<EmbedServer> {
  const s = await startEmbedServer({ fault });
  servers.push(s);
  return s;
}

function options(dir: string, url: string | string[], extra: Partial<EmbedOptions> = {}): EmbedOptions {
  return {
    dir,
    endpoints: Array.isArray(url) ? url : [url],
    model: 'test-embed',
    batchSize: 256,
    concurrency: 4,
    threshold: 0.8,
    k: 10,
    exactPairs: 50_000_000,
    timeoutMs: 5_000,
    retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 50 },
    equivalent: (a, b) => isEquivalent(a, b),
    ...extra,
  };
}

async function pairs(dir: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const f of readdirSync(join(dir, 'embed')).filter((f) => f.endsWith('.parquet')).sort()) {
    rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'embed', f)), compressors })));
  }
  return rows;
}
const bytes = (dir: string) => ['part-00000.parquet', 'manifest.json', 'pairs.md'].map((f) => readFileSync(join(dir, 'embed', f)).toString('base64')).join(' ');
const pairKey = (a: { problem: string }, b: { problem: string }) => [idOf.get(a.problem)!, idOf.get(b.problem)!].sort().join(' ');

describe('bigmath embed', () => {
  it('flags the benchmark paraphrase, joins the reworded copy and keeps siblings apart', async () => {
    const dir = freshRun();
    const s = await server();
    const sum = await runEmbed(options(dir, s.url));
    expect(sum.failed).toBe(0);
    const rows = await pairs(dir);
    const contamination = rows.filter((r) => r.kind === 'contamination');
    expect(contamination.map((r) => [r.id, r.other_source, r.evidence])).toContainEqual([idOf.get(PLANTED.polar.problem), 'math500', 'embedding']);
    const byPair = new Map(rows.filter((r) => r.kind !== 'contamination').map((r) => [[r.id, r.other].sort().join(' '), r]));
    expect(byPair.get(pairKey(PLANTED.rectA, PLANTED.rectB))).toMatchObject({ kind: 'duplicate', relation: 'near' });
    expect(byPair.get(pairKey(PLANTED.alabama, PLANTED.banana))).toMatchObject({ kind: 'sibling', relation: 'sibling', cluster: null });
    expect(byPair.get(pairKey(PLANTED.odd20, PLANTED.odd30))).toMatchObject({ kind: 'sibling', relation: 'sibling' });
    for (const r of rows) expect(r.similarity as number).toBeGreaterThanOrEqual(0.8);
    // The readable report shows both texts of a flagged pair.
    const md = readFileSync(join(dir, 'embed', 'pairs.md'), 'utf8');
    expect(md).toMatch(/## contamination \(\d+ pairs/);
    expect(md).toContain('Convert the point $(0,3)$ from rectangular coordinates');
    expect(md).toContain('Convert the point $(0,3)$ in rectangular coordinates');
    const m = JSON.parse(readFileSync(join(dir, 'embed', 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ model: 'test-embed', dimensions: 256, search: { benchmarks: 'exact', records: 'exact' }, duplicate_clusters: 1 });
    // Every text was sent once, the benchmark problems included.
    const sent = s.answered.flat();
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.length).toBe(sum.texts);
  });

  it('a second run sends nothing and writes the same bytes; HNSW finds the same pairs as the exact scan', async () => {
    const dir = freshRun();
    const s = await server();
    await runEmbed(options(dir, s.url));
    const first = bytes(dir);
    const requests = s.requests;
    const again = await runEmbed(options(dir, s.url));
    expect(s.requests).toBe(requests);
    expect(again.cached).toBe(again.texts);
    expect(bytes(dir)).toBe(first);
    await runEmbed(options(dir, s.url, { exactPairs: 0 }));
    const hnsw = await pairs(dir);
    await runEmbed(options(dir, s.url));
    expect(hnsw).toEqual(await pairs(dir));
  });

  it('recovers from 429 with Retry-After, 500s, dropped connections, malformed bodies and a dead endpoint', async () => {
    const reference = freshRun();
    await runEmbed(options(reference, (await server()).url));
    const dir = freshRun();
    const faults: (EmbedFault | null)[] = [{ kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'malformed' }];
    const s = await server((n) => faults[n - 1] ?? null);
    const sum = await runEmbed(options(dir, ['http://127.0.0.1:1/v1', s.url], { batchSize: 64 }));
    expect(sum.failed).toBe(0);
    expect(s.requests).toBeGreaterThanOrEqual(sum.requests_sent + faults.length);
    expect(bytes(dir)).toBe(bytes(reference));
  });

  it('resumes after kill -9 without sending any answered text again, and ends with the same bytes', async () => {
    const reference = freshRun();
    await runEmbed(options(reference, (await server()).url));
    const dir = freshRun();
    const s = await server(() => ({ kind: 'slow', ms: 30 }));
    const args = ['embed', dir, '--endpoint', s.url, '--model', 'test-embed', '--batch-size', '32', '--concurrency', '1', '--threshold', '0.8'];
    const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (s.answered.length >= 20 || child.exitCode !== null) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    expect(await exited, stderr).toBeNull(); // killed, not finished
    const before = s.answered.length;
    // Asynchronously: the server lives in this process and must keep answering.
    const rerun = spawn(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err2 = '';
    rerun.stderr.on('data', (d: Buffer) => (err2 += d.toString()));
    expect(await new Promise((r) => rerun.once('exit', r)), err2).toBe(0);
    expect(s.answered.length).toBeGreaterThan(before);
    // Only the batch in flight at the kill can have been answered and not yet cached.
    const sent = s.answered.flat();
    expect(sent.length - new Set(sent).size).toBeLessThanOrEqual(32);
    expect(bytes(dir)).toBe(bytes(reference));
  });

  it('rejects careless use with one line and exit 2', () => {
    expectEndpointAndRunChecks('embed', built, tempDir());
    expect(bigmath(['embed', built, '--endpoint', 'http://127.0.0.1:1/v1', '--model', 'm', '--threshold', '2']).status).toBe(2);
  });
});
