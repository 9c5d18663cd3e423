/**
 * The scale benchmark (`npm run bench`): generates (or reuses) the synthetic corpus and runs the
 * full build at each scale, printing per stage records in/out, wall and CPU seconds, records/s
 * and the run's peak RSS; results go to bench/results/<time>-<commit>.json for comparison.
 * A benchmark, not a test: nothing fails on a time.
 *
 *   node scripts/bench.ts [--scales 0.1,0.33,1] [--omi-memory] [--data bench/data] [--workers N]
 *
 * --omi-memory: OpenMathInstruct-2 inputs of 1M and 5M rows over the same 400k distinct
 * problems, to show that memory does not grow with the rows streamed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ADAPTERS } from '../sources/registry.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '0.1,0.33,1' },
    data: { type: 'string', default: join(ROOT, 'bench', 'data') },
    'omi-memory': { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
});

interface StageRow { stage: string; records_in: number; records_out: number; wall_s: number; cpu_s: number; records_per_s: number }
interface RunResult { name: string; rows_read: number; kept: number; wall_s: number; peak_rss_mb: number; stages: StageRow[] }

function generate(dir: string, args: string[]): void {
  if (existsSync(join(dir, 'generation.json'))) return;
  console.error(`generating ${dir} ...`);
  execFileSync(process.execPath, [join(ROOT, 'scripts/generate-synthetic.ts'), '--out', dir, ...args], { stdio: 'inherit' });
}

function build(name: string, dataDir: string): RunResult {
  const out = join(ROOT, 'bench', 'out', name);
  const inputs = ADAPTERS.filter((a) => existsSync(join(dataDir, a.name))).flatMap((a) => ['--input', `${a.name}=${join(dataDir, a.name)}`]);
  const workers = values.workers ? ['--workers', values.workers] : [];
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'pipeline/cli/main.ts'), 'run', ...inputs, '--out', out, '--force', ...workers], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`build ${name} failed (${r.status}): ${r.stderr}`);
  const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')) as { stages: StageRow[]; peak_rss_mb: number };
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { totals: { read: number; kept: number } };
  return { name, rows_read: m.totals.read, kept: m.totals.kept, wall_s: round(wall), peak_rss_mb: stats.peak_rss_mb, stages: stats.stages };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function table(r: RunResult): string {
  const head = ['stage', 'records in', 'records out', 'wall s', 'cpu s', 'records/s'];
  const rows = r.stages.map((s) => [s.stage, s.records_in.toLocaleString('en-US'), s.records_out.toLocaleString('en-US'), s.wall_s.toFixed(1), s.cpu_s.toFixed(1), s.records_per_s.toLocaleString('en-US')]);
  rows.push(['whole run (process)', r.rows_read.toLocaleString('en-US'), r.kept.toLocaleString('en-US'), r.wall_s.toFixed(1), '', Math.round(r.rows_read / r.wall_s).toLocaleString('en-US')]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const line = (x: string[]) => x.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
  return [`${r.name}: peak RSS ${r.peak_rss_mb} MB`, line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

const results: RunResult[] = [];
const scales = values.scales.split(',').map((s) => s.trim()).filter(Boolean);
for (const s of scales) {
  const dir = join(values.data, `scale-${s}`);
  generate(dir, ['--scale', s]);
  const r = build(`scale-${s}`, dir);
  results.push(r);
  console.log(`\n${table(r)}`);
}
if (values['omi-memory']) {
  for (const [name, rows, perProblem] of [['omi-1M', 1_000_000, 2.5], ['omi-5M', 5_000_000, 12.5]] as const) {
    const dir = join(values.data, name);
    generate(dir, ['--omi-only-rows', String(rows), '--omi-rows-per-problem', String(perProblem)]);
    const r = build(name, dir);
    results.push(r);
    console.log(`\n${table(r)}`);
  }
}

const byName = new Map(results.map((r) => [r.name, r]));
const summary: Record<string, unknown> = {};
const full = byName.get('scale-1');
const tenth = byName.get('scale-0.1');
if (full && tenth) {
  summary.full_over_tenth_wall = round(full.wall_s / tenth.wall_s);
  console.log(`\nscale 1 / scale 0.1 wall: ${summary.full_over_tenth_wall}x (target <= 11x)`);
}
const o1 = byName.get('omi-1M');
const o5 = byName.get('omi-5M');
if (o1 && o5) {
  summary.omi_5m_over_1m_rss = round(o5.peak_rss_mb / o1.peak_rss_mb);
  console.log(`OpenMathInstruct-2 5M rows / 1M rows peak RSS (same distinct problems): ${summary.omi_5m_over_1m_rss}x (target <= 1.2x)`);
}
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const file = join(ROOT, 'bench', 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}-${commit}.json`);
writeFileSync(file, JSON.stringify({ commit, node: process.version, cpus: (await import('node:os')).cpus().length, results, summary }, null, 2) + '\n');
console.log(`\nwrote ${file}`);
