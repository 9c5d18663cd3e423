// Runs `bigmath check|classify ...` as its own process, the way pipeline/cli/main.ts mounts it.
import { Command } from 'commander';
import { registerCheckCommands } from '../../../pipeline/cli/check-command.ts';

const program = new Command('bigmath').exitOverride();
registerCheckCommands(program);
try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
}
