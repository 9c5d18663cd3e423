import type { Command } from 'commander';
import { selectBySolveRate, SELECTIONS } from '../model/select.ts';
import { parseSolveRateBand } from '../model/solve-rate-band.ts';

/**
 * `bigmath select DIR --solve-rate LO..HI`: splits a finished run's corpus by its rollouts into
 * DIR/selected/verified, unverified and excluded. A separate step rather than a `run` option:
 * rollouts need the finished corpus, so selecting inside `run` would mean building twice.
 */
export function registerSelectCommand(program: Command): void {
  program
    .command('select <DIR>')
    .description('split the corpus of a run by its rollouts into verified (solved, solve rate in the band) and unverified (never solved) Parquet outputs under DIR/selected/')
    .option('--solve-rate <LO..HI>', 'keep as verified only records whose solve rate is in this band', '0..1')
    .option('--rollouts <DIR_OR_FILE>', 'rollouts folder (part-*.parquet) or Parquet file (default DIR/rollouts)')
    .addHelpText('after', '\nOutputs: DIR/selected/{verified,unverified,excluded}/part-00000.parquet (corpus columns plus selection, solve_rate, ...) and DIR/selected/manifest.json (counts per source).')
    .action(async (dir: string, o) => {
      const band = parseSolveRateBand(o.solveRate);
      const m = await selectBySolveRate({ dir, rollouts: o.rollouts, band });
      process.stdout.write(`select: solve rate ${band.lo}..${band.hi}: ${SELECTIONS.map((s) => `${m.counts[s]} ${s}`).join(', ')} -> ${dir}/selected/\n`);
    });
}
