import { CommanderError } from 'commander';
import { buildProgram, main } from '../../../pipeline/cli/program.ts';
import { registerAuditCommands } from '../../../pipeline/cli/audit-command.ts';
import { UsageError } from '../../../pipeline/errors.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bigmath ARGS` in-process, capturing stdout and stderr. Uses `main()` once
 * pipeline/cli/main.ts registers the audit commands; until then registers them on the same
 * program and maps errors to exit codes the way `main()` does.
 */
export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  const previous = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    const wired = buildProgram().commands.some((c) => c.name() === 'audit');
    if (wired) code = await main(args);
    else {
      const program = buildProgram();
      registerAuditCommands(program);
      try {
        await program.parseAsync(args, { from: 'user' });
        code = typeof process.exitCode === 'number' ? process.exitCode : 0;
      } catch (e) {
        if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
        else if (e instanceof UsageError) {
          stderr += `bigmath: ${e.message}\n`;
          code = 2;
        } else throw e;
      }
    }
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = previous;
  }
  return { code, stdout, stderr };
}
