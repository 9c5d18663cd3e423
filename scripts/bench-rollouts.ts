/**
 * `bigmath rollouts` against the OpenAI-compatible test server (its own process): requests/s and
 * peak memory with many requests in flight, and the cost of a resume after `kill -9` halfway.
 * The server answers one choice per request (as Ollama does), so every sample is one request.
 *
 * Usage: node scripts/bench-rollouts.ts [--concurrency 1024] [-n 32] [--runs 3]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const concurrency = arg('--concurrency', 1024);
const n = arg('-n', 32);
const runs = arg('--runs', 3);
const main = join(root, 'pipeline/cli/main.ts');
const dir = join(root, 'bench', 'tmp-rollouts-run');

if (!existsSync(join(dir, 'manifest.json'))) {
  const r = spawnSync(process.execPath, [main, 'run', '--out', dir, '--force'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(2);
}

const server = spawn(process.execPath, [join(root, 'tests/pipeline/model/openai-test-server.ts'), '0', '--ignore-n'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url: string = await new Promise((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));

const args = ['rollouts', dir, '--endpoint', url, '--model', 'bench', '-n', String(n), '--concurrency', String(concurrency)];
const cli = (extra: string[] = []) =>
  new Promise<number | null>((resolve) => {
    const c = spawn(process.execPath, [main, ...args, ...extra], { stdio: ['ignore', 'ignore', 'ignore'] });
    c.once('exit', (code) => resolve(code));
  });
const stats = () => JSON.parse(readFileSync(join(dir, 'rollouts', 'stats.json'), 'utf8')) as { wall_s: number; requests_sent: number; peak_rss_mb: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rates: number[] = [];
const rss: number[] = [];
for (let i = 0; i < runs; i++) {
  rmSync(join(dir, 'rollouts'), { recursive: true, force: true });
  await cli();
  const s = stats();
  rates.push(s.requests_sent / s.wall_s);
  rss.push(s.peak_rss_mb);
  console.log(`run ${i + 1}: ${s.requests_sent} requests in ${s.wall_s.toFixed(2)} s = ${(s.requests_sent / s.wall_s).toFixed(0)} requests/s, peak RSS ${s.peak_rss_mb} MB`);
}
console.log(`median: ${median(rates).toFixed(0)} requests/s with ${concurrency} in flight, peak RSS ${median(rss)} MB (whole command: corpus read, grading, Parquet written)`);

// Resume after kill -9 at about half the samples.
rmSync(join(dir, 'rollouts'), { recursive: true, force: true });
const total: number = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).totals.kept;
const child = spawn(process.execPath, [main, ...args], { stdio: 'ignore' });
const cacheDir = join(dir, 'rollouts', 'cache');
const cachedSamples = () =>
  existsSync(cacheDir)
    ? readdirSync(cacheDir).reduce((a, f) => a + readFileSync(join(cacheDir, f), 'utf8').split('\n').filter((l) => l.startsWith('{')).length, 0)
    : 0;
await new Promise<void>((resolve) => {
  const t = setInterval(() => {
    if (cachedSamples() >= (total * n) / 2) {
      clearInterval(t);
      child.kill('SIGKILL');
      resolve();
    }
  }, 200);
});
await new Promise((r) => child.once('exit', r));
const before = cachedSamples();
await cli();
const after = stats();
const m = JSON.parse(readFileSync(join(dir, 'rollouts', 'manifest.json'), 'utf8'));
const expected = m.samples.wanted - before;
console.log(
  `resume after kill -9: ${before} of ${m.samples.wanted} samples cached at the kill; the re-run sent ${after.requests_sent} requests ` +
    `(${expected} missing): ${after.requests_sent - expected} re-sent; ${m.samples.completed} completed`,
);
server.kill();
