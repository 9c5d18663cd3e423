import type { Command } from 'commander';
import { ADAPTERS } from '../../sources/registry.ts';

export function registerSourcesCommand(program: Command): void {
  program
    .command('sources')
    .description('list the registered source adapters and the files each expects')
    .option('--json', 'print JSON')
    .action((opts) => {
      const rows = ADAPTERS.map((a) => ({ name: a.name, title: a.title, license: a.license, expected_files: a.expectedFiles, required_columns: a.requiredColumns, location: a.location }));
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        process.stdout.write(`${r.name.padEnd(18)} ${r.title} (${r.license})\n${' '.repeat(19)}files: ${r.expected_files}\n${' '.repeat(19)}from:  ${r.location.repo}\n`);
      }
    });
}
