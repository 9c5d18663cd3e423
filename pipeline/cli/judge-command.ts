import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import { JUDGE_POLICIES, type JudgePolicy } from '../model/judge-reply.ts';
import { collect } from './option-values.ts';

/** `bigmath judge DIR`: LLM judge signals for a run's records and their verdict under a policy. */
export function registerJudgeCommand(program: Command): void {
  program
    .command('judge <DIR>')
    .description('ask an LLM judge about the judgement filters (figure, multiple choice, proof, several questions, closed form) and combine it with the rules, into DIR/judge/')
    .option('--endpoint <url>', 'OpenAI base URL (repeatable)', collect, [])
    .option('--model <name>', 'model name sent to the server')
    .option('--judge-policy <policy>', 'rules | judge | both (reject when both say so) | either', 'both')
    .option('--concurrency <n>', 'requests in flight', (v) => Number(v), 64)
    .action(async (dir: string, o) => {
      if (!o.endpoint.length) throw new UsageError('judge needs at least one --endpoint URL (an OpenAI-compatible base URL such as http://localhost:8000/v1)');
      if (!o.model) throw new UsageError('judge needs --model NAME');
      for (const e of o.endpoint as string[]) if (!/^https?:\/\/[^/]/.test(e)) throw new UsageError(`--endpoint expects an http(s) URL, got "${e}"`);
      if (!JUDGE_POLICIES.includes(o.judgePolicy)) throw new UsageError(`--judge-policy expects one of ${JUDGE_POLICIES.join(', ')}, got "${o.judgePolicy}"`);
      if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw new UsageError('--concurrency expects a positive integer');
      const { judgeRun } = await import('../model/judge-run.ts');
      const { manifest: m, sent, cached } = await judgeRun(dir, o.judgePolicy as JudgePolicy, {
        endpoints: o.endpoint, model: o.model, api: 'chat', concurrency: o.concurrency, timeoutMs: 600_000,
        apiKey: process.env.OPENAI_API_KEY || undefined, log: (l) => process.stderr.write(l + '\n'),
      });
      process.stdout.write(
        `judge (${m.policy}): ${m.records} records, ${m.judged} judged (${cached} from the cache, ${sent} requests), ${m.unparseable} unparseable, ${m.failed} failed; ` +
          `${m.newly_rejected} newly rejected, ${m.newly_kept} newly kept -> ${dir}/judge/\n`,
      );
      process.exitCode = m.failed > 0 ? 1 : 0;
    });
}
