import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseConfig, type ConfigInput } from '../../schemas/config.ts';
import { evaluate, formatReport, LabelError, readLabels } from '../audit/eval-filters.ts';
import { UsageError } from '../errors.ts';
import { collect } from './option-values.ts';

/**
 * `bigmath eval-filters --labels FILE`: precision and recall of the per-record filters on a
 * labelled development set, per reason code and for "any rejection", with the misclassified
 * examples. Exit 0, or 1 with `--min-precision/--min-recall` when "any rejection" misses them.
 */
export function registerEvalFiltersCommand(program: Command): void {
  program
    .command('eval-filters')
    .description('measure the filters on a labelled development set (precision/recall per reason)')
    .option('--labels <FILE>', 'labelled JSONL: {"source","row","expected","reasons","note"}', 'tests/fixtures/labels/labels.jsonl')
    .option('-c, --config <FILE>', 'JSON config file (filters, source_policy are used)')
    .option('--figure-policy <POLICY>', 'override filters.figure_policy: asy_any or needs_figure')
    .option('--split <SPLIT>', 'tune, test or all: which side of the fixed hash split to measure', 'all')
    .option('--set <NAME>', 'only the labels of this set (`dev`: the first development set)')
    .option('--max-examples <N>', 'list at most N misclassified examples (tune only)', (v) => Number(v))
    .option('--json', 'print the scores as JSON')
    .option('--min <X>', 'exit 1 when precision or recall of "any rejection" is below X', (v) => Number(v))
    .option('--judge-endpoint <url>', 'also ask an LLM judge (OpenAI-compatible base URL, repeatable) and score each --judge-policy', collect, [])
    .option('--judge-model <name>', 'model name of the judge')
    .option('--judge-cache <DIR>', 'response cache of the judge (a re-run sends only what it lacks)', '.bigmath/judge-cache')
    .option('--judge-concurrency <n>', 'judge requests in flight', (v) => Number(v), 32)
    .action(async (opts) => {
      let raw: ConfigInput = {};
      if (opts.config) {
        try {
          raw = JSON.parse(readFileSync(opts.config, 'utf8')) as ConfigInput;
        } catch (e) {
          throw new UsageError(`cannot read config file ${opts.config}: ${(e as Error).message}`);
        }
      }
      if (opts.figurePolicy) raw = { ...raw, filters: { ...(raw.filters ?? {}), figure_policy: opts.figurePolicy } };
      const config = parseConfig(raw);
      let labels;
      try {
        labels = readLabels(opts.labels);
      } catch (e) {
        if (e instanceof LabelError) throw new UsageError(e.message);
        throw new UsageError(`cannot read labels ${opts.labels}: ${(e as Error).message}`);
      }
      const split = String(opts.split);
      if (!['tune', 'test', 'all'].includes(split)) throw new UsageError(`--split must be tune, test or all, not "${split}"`);
      labels = labels.filter((l) => (split === 'all' || l.split === split) && (opts.set === undefined || l.set === opts.set));
      const result = evaluate(labels, config, opts.labels);
      // test rows are never shown one by one: only their aggregate figures are read
      const maxExamples = split === 'tune' ? opts.maxExamples : 0;
      if (opts.json) {
        const misclassified = result.misclassified.filter((p) => p.label.split === 'tune').map((p) => ({ line: p.label.line, source: p.label.source, expected: p.label.expected, reasons: p.label.reasons, predicted: p.kept ? 'keep' : 'reject', predicted_reasons: p.reasons, evidence: p.evidence }));
        process.stdout.write(JSON.stringify({ split, total: result.total, any: result.any, per_source: result.perSource, per_reason: result.perReason, misclassified }, null, 2) + '\n');
      } else {
        process.stdout.write(formatReport(result, { maxExamples, title: `split ${split}` }));
      }
      if ((opts.judgeEndpoint as string[]).length) {
        if (!opts.judgeModel) throw new UsageError('--judge-endpoint needs --judge-model NAME');
        for (const e of opts.judgeEndpoint as string[]) if (!/^https?:\/\/[^/]/.test(e)) throw new UsageError(`--judge-endpoint expects an http(s) URL, got "${e}"`);
        const { judge } = await import('../model/judge.ts');
        const { formatPolicies, labelItem, scorePolicies } = await import('../audit/judge-policies.ts');
        const j = await judge(labels.map(labelItem), {
          endpoints: opts.judgeEndpoint, model: opts.judgeModel, api: 'chat', cacheDir: opts.judgeCache, concurrency: opts.judgeConcurrency,
          timeoutMs: 600_000, apiKey: process.env.OPENAI_API_KEY || undefined, log: (l) => process.stderr.write(l + '\n'),
        });
        const scores = scorePolicies(result.predictions, j.signals);
        const judged = { signals: j.signals.size, unparseable: j.unparseable, missing: labels.length - j.signals.size };
        process.stderr.write(`judge: ${j.cached} replies from the cache, ${j.sent} requests sent, ${j.failed.length} failed\n`);
        process.stdout.write(opts.json ? JSON.stringify({ judge: { prompt_version: j.promptVersion, ...judged, policies: scores } }, null, 2) + '\n' : formatPolicies(scores, judged));
      }
      if (typeof opts.min === 'number' && (result.any.precision < opts.min || result.any.recall < opts.min)) process.exitCode = 1;
    });
}
