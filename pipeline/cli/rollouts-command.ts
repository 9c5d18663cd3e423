import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { runRollouts } from '../model/rollouts.ts';
import { UsageError } from '../errors.ts';
import { collect, num } from './option-values.ts';

const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/**
 * `bigmath rollouts DIR`: samples the corpus of a finished run from OpenAI-compatible servers and
 * grades every response (solve rates, answer counts, suspect gold answers) into DIR/rollouts/.
 */
export function registerRolloutsCommand(program: Command): void {
  program
    .command('rollouts <DIR>')
    .description('sample every corpus problem n times from OpenAI-compatible servers and grade the answers (solve rates) into DIR/rollouts/')
    .option('--endpoint <url>', 'OpenAI base URL, e.g. http://host:8000/v1 (repeatable: requests are spread, a dead one is retried elsewhere)', collect, [])
    .option('--model <name>', 'model name sent to the server')
    .option('-n, --n <n>', 'samples per problem', num('-n', 1, 100_000, true), 64)
    .option('--temperature <t>', 'sampling temperature', num('--temperature', 0, 10), 0.8)
    .option('--top-p <p>', 'nucleus sampling threshold', num('--top-p', 0, 1), 0.95)
    .option('--max-tokens <n>', 'completion token limit', num('--max-tokens', 1, 10_000_000, true), 2048)
    .option('--system-prompt <file>', 'system prompt replacing the bundled one (its hash joins the prompt version)')
    .option('--api <kind>', 'chat (POST /chat/completions) or completions (POST /completions)', 'chat')
    .option('--stream', 'stream responses (server-sent events)')
    .option('--concurrency <n>', 'requests in flight', num('--concurrency', 1, 100_000, true), 256)
    .option('--timeout <s>', 'deadline of one request in seconds', num('--timeout', 1, 86_400), 600)
    .option('--sources <names>', 'only these sources (comma-separated)', list)
    .option('--subset <names>', 'only these subsets (comma-separated)', list)
    .option('--limit <n>', 'at most this many problems (in id order)', num('--limit', 0, Infinity, true))
    .option('--suspect-share <x>', 'majority share at which a wrong majority answer flags the gold answer', num('--suspect-share', 0, 1), 0.5)
    .addHelpText('after', '\nEnvironment: OPENAI_API_KEY (sent as a bearer token when set).\nOutputs: DIR/rollouts/part-*.parquet, manifest.json, stats.json, cache/ (responses; a re-run resumes from it).')
    .action(async (dir: string, o) => {
      if (!o.endpoint.length) throw new UsageError('rollouts needs at least one --endpoint URL (an OpenAI-compatible base URL such as http://localhost:8000/v1)');
      if (!o.model) throw new UsageError('rollouts needs --model NAME (the model name the server serves)');
      if (o.api !== 'chat' && o.api !== 'completions') throw new UsageError(`--api expects chat or completions, got "${o.api}"`);
      for (const e of o.endpoint as string[]) {
        if (!/^https?:\/\/[^/]/.test(e)) throw new UsageError(`--endpoint expects an http(s) URL, got "${e}"`);
      }
      if (o.systemPrompt && !existsSync(o.systemPrompt)) throw new UsageError(`--system-prompt: ${o.systemPrompt} not found`);
      const s = await runRollouts({
        dir,
        endpoints: o.endpoint,
        model: o.model,
        api: o.api,
        n: o.n,
        params: { temperature: o.temperature, topP: o.topP, maxTokens: o.maxTokens },
        prompt: 'solve-v1',
        systemPromptFile: o.systemPrompt,
        concurrency: o.concurrency,
        sources: o.sources,
        subsets: o.subset,
        limit: o.limit,
        stream: o.stream === true,
        timeoutMs: o.timeout * 1000,
        apiKey: process.env.OPENAI_API_KEY || undefined,
        suspectShare: o.suspectShare,
        log: (line) => process.stderr.write(line + '\n'),
      });
      process.stderr.write(
        `rollouts: ${s.records} problems, ${s.samples_completed}/${s.samples_wanted} samples (${s.samples_cached} from the cache, ${s.requests_sent} requests sent, ` +
          `${s.requests_failed} failed), ${s.gold_suspect} suspect gold answers, ${s.wall_s.toFixed(1)} s -> ${dir}/rollouts/\n`,
      );
      process.exitCode = s.samples_failed > 0 ? 1 : 0;
    });
}
