/**
 * Throughput of the per-record stages (cleaning, checker classify, all filters) on one core
 * over the shared source data: `node scripts/bench-filters.ts [DATA_DIR]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processRecord } from '../pipeline/process/process-record.ts';
import { toRecord } from '../pipeline/process/to-record.ts';
import { ConfigSchema } from '../schemas/config.ts';
import { getAdapter } from '../sources/registry.ts';
import { cleanRecord, runFilters } from '../filters/index.ts';

const dir = process.argv[2] ?? new URL('../../shared/data/sources', import.meta.url).pathname;
const files: [string, string][] = [
  ['math', 'math/train.jsonl'], ['math', 'math/test.jsonl'], ['harp', 'harp/HARP.jsonl'],
  ['omni_math', 'omni-math/omni_math_rule.jsonl'], ['openmathinstruct2', 'openmathinstruct-2/openmathinstruct2_100.jsonl'],
];
const config = ConfigSchema.parse({});
const records = files.flatMap(([source, file]) =>
  readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).flatMap((line, i) => {
    const r = toRecord(getAdapter(source), { file, row: i + 1, value: JSON.parse(line) });
    return r.ok ? [r.record] : [];
  }),
);
function time(label: string, fn: () => void) {
  fn(); // warm-up: JIT and the checker's caches are then as in a long run's steady state... minus cache hits
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  fn();
  const s = (performance.now() - t0) / 1000;
  // CPU seconds of this process as well: on a shared, loaded machine wall time mostly measures the neighbours
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(`${label.padEnd(34)} ${records.length} records in ${s.toFixed(2)} s = ${Math.round(records.length / s)} records/s (CPU ${cpu.toFixed(2)} s = ${Math.round(records.length / cpu)} records/CPU-s)`);
}
time('cleaning + filters (no checker)', () => {
  for (const r of records) {
    const c = cleanRecord(r);
    runFilters({ ...r, problem: c.problem, cleaning: c.cleaning, problem_original: c.problem_original, answer_kind: 'number', answer_canonical: null, answer_not_closed_reason: null }, config);
  }
});
time('processRecord (with checker)', () => { for (const r of records) processRecord(r, config).record; });
