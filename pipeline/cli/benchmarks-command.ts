import type { Command } from 'commander';
import { BUNDLED_BENCHMARKS, defaultBenchmarkSpecs, loadBenchmarks } from '../decontam/benchmarks.ts';
import { PROJECT_ROOT } from '../version.ts';
import { UsageError } from '../errors.ts';

/** `bigmath benchmarks`: the bundled decontamination sets, their item counts and origins. */
export function registerBenchmarksCommand(program: Command): void {
  program
    .command('benchmarks')
    .description('list the bundled benchmark test sets used for decontamination (items, origin, license)')
    .option('--json', 'print JSON')
    .action((opts) => {
      const specs = defaultBenchmarkSpecs(PROJECT_ROOT);
      const rows = BUNDLED_BENCHMARKS.map((b, k) => {
        let items: number;
        try {
          items = loadBenchmarks([specs[k]]).length;
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        return { name: b.name, items, file: `data/benchmarks/${b.file}`, origin: b.origin, license: b.license };
      });
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        process.stdout.write(`${r.name.padEnd(16)} ${String(r.items).padStart(5)}  ${r.file}\n${' '.repeat(24)}${r.origin} (license: ${r.license})\n`);
      }
      process.stdout.write(`${'total'.padEnd(16)} ${String(rows.reduce((n, r) => n + r.items, 0)).padStart(5)}\n`);
    });
}
