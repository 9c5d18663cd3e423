/**
 * Load generator for `bigmath serve` on this machine, bounded in count and time. It starts the server
 * as a child process (every core, unless --workers) and measures:
 *   1. throughput: batches of 256 MATH-500 golds and model-style responses (scripts/serve-pairs.ts),
 *      --concurrency batches in flight; pairs/s and p50/p99 batch latency, median of --runs runs;
 *   2. hostile inputs (tests/checker/hostile-inputs.ts) in five reward shapes and as bare check
 *      pairs, a fresh variant each round: every request answered, the slowest pair's work time
 *      (the server reports per batch, in Server-Timing, the slowest pair's wall time and a bound on
 *      its thread CPU time, which unlike wall time does not count this busy machine's other work);
 *   3. soak: --soak-pairs pairs (real ones with 2 hostile pairs per batch), the server's RSS
 *      sampled every 100,000 pairs.
 * Writes bench/results/serve-<time>.json.
 * Usage: node scripts/bench-serve.ts [--runs 3] [--pairs 200000] [--seconds 30] [--concurrency 4]
 *        [--workers N] [--hostile-rounds 3] [--soak-pairs 1000000] [--soak-seconds 600]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { HOSTILE } from '../tests/checker/hostile-inputs.ts';
import { math500Pair, math500Pairs, type RewardPair } from './serve-pairs.ts';
import { spawnServe } from './serve-process.ts';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const RUNS = arg('runs', 3);
const PAIRS = arg('pairs', 200_000);
const SECONDS = arg('seconds', 30);
const CONCURRENCY = arg('concurrency', 4);
const WORKERS = arg('workers', availableParallelism());
const HOSTILE_ROUNDS = arg('hostile-rounds', 3);
const SOAK_PAIRS = arg('soak-pairs', 1_000_000);
const SOAK_SECONDS = arg('soak-seconds', 600);
const BATCH = 256;

const server = await spawnServe(['--workers', String(WORKERS), '--max-queue', '1024']);
const pid = server.child.pid!;

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function rssMb(): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** CPU seconds the server process (all its threads) has used: on a shared machine, pairs per
 * server CPU-second is the figure other work on the machine does not move. */
function serverCpuSeconds(): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

interface Answer { ms: number; pairMaxMs: number; pairCpuMaxMs: number; ok: boolean; status: number }

async function send(route: 'reward' | 'check', items: unknown[]): Promise<Answer> {
  const t = performance.now();
  const r = await fetch(`${server.url}/v1/${route}`, { method: 'POST', body: JSON.stringify(items), headers: { 'content-type': 'application/json' } });
  const body = await r.json() as unknown[];
  const ms = performance.now() - t;
  const timing = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(r.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  return { ms, pairMaxMs: timing('pairmax'), pairCpuMaxMs: timing('paircpumax'), ok: r.status === 200 && Array.isArray(body) && body.length === items.length, status: r.status };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** `concurrency` loops sending the batches `batchAt(k)` until `maxPairs` pairs or `seconds` have gone. */
async function load(batchAt: (k: number) => unknown[], maxPairs: number, seconds: number, onBatch?: (pairsDone: number) => void) {
  const lat: number[] = [];
  let next = 0, pairs = 0, failed = 0, pairMaxMs = 0, pairCpuMaxMs = 0;
  const t0 = performance.now();
  const cpu0 = serverCpuSeconds();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next * BATCH < maxPairs && performance.now() < deadline) {
      const items = batchAt(next++);
      const a = await send('reward', items);
      lat.push(a.ms);
      if (!a.ok) failed++;
      pairs += items.length;
      pairMaxMs = Math.max(pairMaxMs, a.pairMaxMs);
      pairCpuMaxMs = Math.max(pairCpuMaxMs, a.pairCpuMaxMs);
      onBatch?.(pairs);
    }
  }));
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = serverCpuSeconds() - cpu0;
  lat.sort((a, b) => a - b);
  return { pairs, batches: lat.length, failed, seconds: wall, pairsPerSecond: pairs / wall, p50: pct(lat, 0.5), p99: pct(lat, 0.99), pairMaxMs, pairCpuMaxMs, serverCpu, pairsPerServerCpuSecond: pairs / serverCpu };
}

/** The hostile input with a suffix that makes it a new string (no cache hit) and keeps it hostile. */
function hostileShapes(h: string, variant: number, gold: string): RewardPair[] {
  const x = `${h} + ${variant}`;
  return [
    { gold: x, response: x }, { gold, response: x }, { gold: x, response: 'so the answer is \\boxed{1}' },
    { gold: x, response: `The answer is $\\boxed{${x}}$` }, { gold: '2', response: `Therefore, the answer is $${x}$.` },
  ];
}

console.log(`bench-serve: ${server.url}, ${WORKERS} worker threads, node ${process.version}, ${availableParallelism()} cores, `
  + `batches of ${BATCH}, ${CONCURRENCY} in flight; load average before ${loadAverage()}`);

// Warm-up (JIT, worker caches of the gold answers): not measured.
await load((k) => math500Pairs(BATCH, 10_000_000 + k * BATCH), 40 * BATCH, 60);

let offset = 0;
const runs = [];
for (let r = 0; r < RUNS; r++) {
  const start = offset;
  const res = await load((k) => math500Pairs(BATCH, start + k * BATCH), PAIRS, SECONDS);
  offset += res.pairs;
  runs.push(res);
  console.log(`run ${r + 1}: ${res.pairs} pairs in ${res.seconds.toFixed(1)} s = ${Math.round(res.pairsPerSecond).toLocaleString('en-US')} pairs/s, `
    + `batch p50 ${res.p50.toFixed(1)} ms, p99 ${res.p99.toFixed(1)} ms, failed batches ${res.failed}; `
    + `${Math.round(res.pairsPerServerCpuSecond).toLocaleString('en-US')} pairs per server CPU-second`);
}
const median = [...runs].sort((a, b) => a.pairsPerSecond - b.pairsPerSecond)[Math.floor(runs.length / 2)];
if (median) console.log(`median: ${Math.round(median.pairsPerSecond).toLocaleString('en-US')} pairs/s, p50 ${median.p50.toFixed(1)} ms, p99 ${median.p99.toFixed(1)} ms `
  + `(load average after ${loadAverage()})`);

// Hostile inputs: one batch per input and round, and the bare check pairs.
let hostileRequests = 0, hostileAnswered = 0, hostileMax = 0, hostileCpuMax = 0, hostileWorst = '';
for (let round = 0; round < HOSTILE_ROUNDS; round++) {
  for (const [i, h] of HOSTILE.entries()) {
    const gold = math500Pair(i).gold;
    for (const a of [await send('reward', hostileShapes(h, round, gold)), await send('check', [[`${h} + ${round}`, `${h} + ${round} `], [gold, h]])]) {
      hostileRequests++;
      if (a.ok) hostileAnswered++;
      hostileMax = Math.max(hostileMax, a.pairMaxMs);
      if (a.pairCpuMaxMs > hostileCpuMax) [hostileCpuMax, hostileWorst] = [a.pairCpuMaxMs, h.length > 40 ? `${h.slice(0, 30)}…(${h.length})` : h];
    }
  }
}
console.log(`hostile: ${hostileAnswered}/${hostileRequests} requests answered, slowest pair ${hostileCpuMax.toFixed(1)} ms CPU (${hostileWorst}), ${hostileMax.toFixed(1)} ms wall`);

// Soak: RSS every 100,000 pairs.
const rss: { pairs: number; rssMb: number }[] = [{ pairs: 0, rssMb: rssMb() }];
let nextSample = 100_000;
const hostilePool = HOSTILE.flatMap((h, i) => hostileShapes(h, 0, math500Pair(i).gold).map((p) => ({ h, p })));
const soakStart = offset;
const soak = await load((k) => {
  const items: RewardPair[] = math500Pairs(BATCH - 2, soakStart + k * BATCH);
  for (let j = 0; j < 2; j++) {
    const n = k * 2 + j;
    const { h, p } = hostilePool[n % hostilePool.length];
    // A fresh variant each time round the pool: the bounded caches fill as they would in training.
    const fresh = hostileShapes(h, 1000 + Math.floor(n / hostilePool.length), p.gold)[n % 5];
    items.push(fresh);
  }
  return items;
}, SOAK_PAIRS, SOAK_SECONDS, (done) => {
  if (done >= nextSample) {
    rss.push({ pairs: done, rssMb: rssMb() });
    nextSample += 100_000;
  }
});
console.log(`soak: ${soak.pairs.toLocaleString('en-US')} pairs in ${soak.seconds.toFixed(0)} s (${Math.round(soak.pairsPerSecond).toLocaleString('en-US')} pairs/s), `
  + `failed batches ${soak.failed}, slowest pair ${soak.pairCpuMaxMs.toFixed(1)} ms CPU, ${soak.pairMaxMs.toFixed(1)} ms wall`);
console.log(`RSS MB by pairs: ${rss.map((s) => `${s.pairs / 1000}k=${s.rssMb}`).join(' ')}`);
const metricsText = await (await fetch(`${server.url}/metrics`)).text();
const memoryLines = metricsText.split('\n').filter((l) => /^(bigmath_(worker_heap|main_heap|external|cache_clears)|process_resident)/.test(l));
console.log(memoryLines.join('\n'));

server.child.kill('SIGTERM');
await server.exit;
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const dir = join(import.meta.dirname, '..', 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `serve-${new Date().toISOString().replace(/[:.]/g, '-')}-${commit}.json`);
writeFileSync(file, JSON.stringify({
  node: process.version, cores: availableParallelism(), workers: WORKERS, batch: BATCH, concurrency: CONCURRENCY, runs, median,
  hostile: { requests: hostileRequests, answered: hostileAnswered, slowestPairCpuMs: hostileCpuMax, slowestPairWallMs: hostileMax, slowestInput: hostileWorst },
  soak: { ...soak, rss },
}, null, 2) + '\n');
console.log(`wrote ${file}`);
