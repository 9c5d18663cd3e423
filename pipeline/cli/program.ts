import { Command, CommanderError } from 'commander';
import { ConfigError } from '../../schemas/config.ts';
import { UnknownSourceError } from '../../sources/registry.ts';
import { InputFileError } from '../read/raw-row.ts';
import { TOOL_VERSION } from '../version.ts';
import { OutputError, UsageError } from '../errors.ts';
import { registerRunCommand } from './run-command.ts';
import { registerSourcesCommand } from './sources-command.ts';
import { registerBenchmarksCommand } from './benchmarks-command.ts';
import { registerVerifyCommand } from './verify-command.ts';
import { registerCheckCommands } from './check-command.ts';
import { registerEvalFiltersCommand } from './eval-filters-command.ts';
import { registerFetchCommands } from './fetch-command.ts';
import { registerAuditCommands } from './audit-command.ts';
import { registerRolloutsCommand } from './rollouts-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSelectCommand } from './select-command.ts';
import { registerReformulateCommand } from './reformulate-command.ts';
import { registerJudgeCommand } from './judge-command.ts';
import { registerEmbedCommand } from './embed-command.ts';

/**
 * The `bigmath` command line. Exit codes: 0 success, 1 a check failed, 2 usage or input error
 * (with a message on stderr naming the file and row).
 */
export function buildProgram(): Command {
  const program = new Command('bigmath')
    .description('build a verified RL math corpus from public datasets')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerRunCommand(program);
  registerSourcesCommand(program);
  registerBenchmarksCommand(program);
  registerVerifyCommand(program);
  registerCheckCommands(program);
  registerEvalFiltersCommand(program);
  registerFetchCommands(program);
  registerAuditCommands(program);
  registerRolloutsCommand(program);
  registerServeCommand(program);
  registerSelectCommand(program);
  registerReformulateCommand(program);
  registerJudgeCommand(program);
  registerEmbedCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof UnknownSourceError || e instanceof ConfigError || e instanceof InputFileError || e instanceof OutputError) {
      process.stderr.write(`bigmath: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`bigmath: unexpected error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}
