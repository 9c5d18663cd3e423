import type { Command } from 'commander';
import { UsageError } from '../errors.ts';
import { collect } from './option-values.ts';

const count = (flag: string) => (v: string): number => {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 0) throw new UsageError(`${flag} expects a non-negative integer, got "${v}"`);
  return x;
};

/**
 * `bigmath reformulate DIR`: rewrites rejected multiple-choice problems without their options
 * (through OpenAI-compatible servers) and keeps the rewrites that pass every check.
 */
export function registerReformulateCommand(program: Command): void {
  program
    .command('reformulate <DIR>')
    .description('rewrite rejected multiple-choice problems as open-ended ones with a model; keep only rewrites that pass every check, into DIR/reformulated/')
    .option('--endpoint <url>', 'OpenAI base URL (repeatable)', collect, [])
    .option('--model <name>', 'model name sent to the server')
    .option('-n, --n <n>', 'samples per rewrite for the solve check: keep only rewrites solved by some but not all (0: no check)', count('-n'), 8)
    .option('--concurrency <n>', 'requests in flight', count('--concurrency'), 64)
    .option('--limit <n>', 'at most this many rejected problems (in id order)', count('--limit'))
    .action(async (dir: string, o) => {
      if (!o.endpoint.length) throw new UsageError('reformulate needs at least one --endpoint URL (an OpenAI-compatible base URL such as http://localhost:8000/v1)');
      if (!o.model) throw new UsageError('reformulate needs --model NAME');
      for (const e of o.endpoint as string[]) if (!/^https?:\/\/[^/]/.test(e)) throw new UsageError(`--endpoint expects an http(s) URL, got "${e}"`);
      const { reformulate } = await import('../model/reformulate.ts');
      const m = await reformulate({
        dir, endpoints: o.endpoint, model: o.model, api: 'chat', cacheDir: '', n: o.n, limit: o.limit, concurrency: Math.max(1, o.concurrency),
        timeoutMs: 600_000, apiKey: process.env.OPENAI_API_KEY || undefined, log: (l) => process.stderr.write(l + '\n'),
      });
      process.stdout.write(`reformulate: ${m.candidates} rejected multiple-choice problems: ${Object.entries(m.counts).map(([k, v]) => `${v} ${k}`).join(', ')} -> ${dir}/reformulated/\n`);
    });
}
