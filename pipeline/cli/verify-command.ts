import type { Command } from 'commander';
import { verifyRun } from '../audit/verify.ts';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify <DIR>')
    .description('re-read a finished run and check hashes, row counts, schemas, accounting, unique ids and duplicate_of links (exit 0 all hold, 1 otherwise)')
    .option('--json', 'print the checks as JSON')
    .option('--allow-empty', 'accept a run whose corpus has no records')
    .action(async (dir: string, opts) => {
      const r = await verifyRun(dir, { allowEmpty: !!opts.allowEmpty });
      if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else {
        for (const c of r.checks) if (!c.ok) process.stdout.write(`FAIL  ${c.check}${c.detail ? `: ${c.detail}` : ''}\n`);
        process.stdout.write(r.ok ? `ok: ${r.checks.length} checks passed for ${dir}\n` : `${r.checks.filter((c) => !c.ok).length} of ${r.checks.length} checks failed for ${dir}\n`);
      }
      process.exitCode = r.ok ? 0 : 1;
    });
}
