import type { Command } from 'commander';
import { runEmbed } from '../embed/embed.ts';
import { UsageError } from '../errors.ts';
import { collect, num } from './option-values.ts';

/**
 * `bigmath embed DIR`: embeds the corpus of a finished run and the benchmark problems through
 * OpenAI-compatible embedding servers and writes the close pairs (paraphrased benchmark items,
 * duplicates the MinHash stage missed) to DIR/embed/.
 */
export function registerEmbedCommand(program: Command): void {
  program
    .command('embed <DIR>')
    .description('embed every corpus and benchmark problem through OpenAI-compatible /embeddings servers and flag close pairs (paraphrase contamination, duplicates) into DIR/embed/')
    .option('--endpoint <url>', 'OpenAI base URL, e.g. http://host:8080/v1 (repeatable: batches are spread, a dead one is retried elsewhere)', collect, [])
    .option('--model <name>', 'embedding model name sent to the server')
    .option('--batch-size <n>', 'texts per request', num('--batch-size', 1, 100_000, true), 64)
    .option('--concurrency <n>', 'requests in flight', num('--concurrency', 1, 10_000, true), 8)
    .option('--threshold <x>', 'cosine similarity at or above which a pair is flagged', num('--threshold', -1, 1), 0.9)
    .option('-k, --neighbours <n>', 'nearest records looked at per record', num('--neighbours', 1, 1000, true), 10)
    .option('--exact-pairs <n>', 'while queries x items is at most this the search is an exact scan; above, an HNSW index', num('--exact-pairs', 0, Infinity, true), 50_000_000)
    .option('--timeout <s>', 'deadline of one request in seconds', num('--timeout', 1, 86_400), 120)
    .addHelpText('after', '\nEnvironment: OPENAI_API_KEY (sent as a bearer token when set).\nOutputs: DIR/embed/part-*.parquet (flagged pairs), manifest.json, stats.json, cache/ (vectors; a re-run resumes from it).')
    .action(async (dir: string, o) => {
      if (!o.endpoint.length) throw new UsageError('embed needs at least one --endpoint URL (an OpenAI-compatible base URL such as http://localhost:8080/v1)');
      if (!o.model) throw new UsageError('embed needs --model NAME (the embedding model the server serves)');
      for (const e of o.endpoint as string[]) {
        if (!/^https?:\/\/[^/]/.test(e)) throw new UsageError(`--endpoint expects an http(s) URL, got "${e}"`);
      }
      const { isEquivalent } = await import('../../checker/index.ts');
      const s = await runEmbed({
        dir,
        endpoints: o.endpoint,
        model: o.model,
        batchSize: o.batchSize,
        concurrency: o.concurrency,
        threshold: o.threshold,
        k: o.neighbours,
        exactPairs: o.exactPairs,
        timeoutMs: o.timeout * 1000,
        apiKey: process.env.OPENAI_API_KEY || undefined,
        equivalent: (a, b) => isEquivalent(a, b),
        log: (line) => process.stderr.write(line + '\n'),
      });
      if (s.failed > 0) {
        process.stderr.write(`embed: ${s.failed} of ${s.texts} texts could not be embedded (${s.cached + s.embedded} cached); re-run to resume\n`);
        process.exitCode = 1;
        return;
      }
      process.stderr.write(
        `embed: ${s.records} records + ${s.benchmark_items} benchmark items, ${s.cached} vectors from the cache, ${s.embedded} embedded in ${s.requests_sent} requests; ` +
          `${s.contamination} contamination, ${s.duplicate} duplicate, ${s.sibling} sibling pairs, ${s.wall_s.toFixed(1)} s -> ${dir}/embed/\n`,
      );
    });
}
