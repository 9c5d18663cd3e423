import type { Command } from 'commander';
import { cachedInputs } from '../fetch/cache.ts';
import { resolveCacheDir } from '../fetch/config.ts';
import { FetchError } from '../fetch/errors.ts';
import { fetchAll, fetchSource, type FetchOptions, type FetchResult } from '../fetch/fetch-source.ts';

interface FetchCliOptions {
  revision?: string;
  split?: string;
  mathRepo?: string;
  cacheDir?: string;
  offline?: boolean;
  update?: boolean;
  timeout?: number;
}

/** Exit code for every usage, input and network failure of `bigmath fetch`. */
export const FETCH_FAILED = 2;

/**
 * `bigmath fetch <source|all>`: downloads the official files into the cache and pins them in
 * `<cache>/sources.lock.json`. Failures print one line naming the source and file and exit 2.
 */
export function registerFetchCommands(program: Command): void {
  program
    .command('fetch')
    .description('download the official source files into the cache, verified and pinned in sources.lock.json')
    .argument('<source>', 'source name (see `bigmath sources`) or "all"')
    .option('--revision <rev>', 'branch, tag or commit of the Hub dataset (one source only; default: the adapter\'s pin)')
    .option('--split <name>', 'split for sources with several (OpenMathInstruct-2: train_1M, train_2M, train_5M, train)')
    .option('--math-repo <id>', 'Hub dataset holding MATH (hendrycks/competition_math was taken down)')
    .option('--cache-dir <dir>', 'cache folder (default: $BIGMATH_CACHE or ~/.cache/bigmath)')
    .option('--offline', 'use only the cache and lock file; fail on anything missing')
    .option('--update', 're-resolve branch revisions instead of reusing the commits pinned in the lock file')
    .option('--timeout <SECONDS>', 'give up on a request that gets no answer (or no data) for this long, retries included (default 90)', seconds)
    .addHelpText(
      'after',
      '\nEnvironment: HF_TOKEN (gated/private datasets), HF_ENDPOINT (Hub mirror), BIGMATH_CACHE (cache folder).\nExit codes: 0 ok, 2 usage, input or network error.',
    )
    // Commander's own usage errors (missing argument, unknown option) share exit code 2.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : FETCH_FAILED))
    .action(async (source: string, o: FetchCliOptions) => {
      const opts: FetchOptions = {
        ...(o.revision !== undefined ? { revision: o.revision } : {}),
        ...(o.split !== undefined ? { split: o.split } : {}),
        ...(o.mathRepo !== undefined ? { mathRepo: o.mathRepo } : {}),
        ...(o.cacheDir !== undefined ? { cacheDir: o.cacheDir } : {}),
        ...(o.timeout !== undefined ? { retry: { deadlineMs: o.timeout * 1000 } } : {}),
        offline: o.offline === true,
        update: o.update === true,
      };
      try {
        const results = source === 'all' ? await fetchAll(opts) : [await fetchSource(source, opts)];
        printSummary(results, resolveCacheDir(o.cacheDir));
      } catch (err) {
        const msg = err instanceof FetchError ? err.message : `unexpected error: ${(err as Error)?.stack ?? String(err)}`;
        process.stderr.write(`bigmath fetch: error: ${msg}\n`);
        process.exitCode = FETCH_FAILED;
      }
    });
}

function printSummary(results: FetchResult[], cacheDir: string): void {
  for (const r of results) {
    const bytes = r.files.reduce((a, f) => a + f.size, 0);
    const at = r.revision ? `@${r.revision}` : '';
    process.stdout.write(`${r.source}: ${r.files.length} file(s), ${bytes} bytes from ${r.repo}${at}\n`);
  }
  const inputs = cachedInputs(cacheDir);
  process.stdout.write(`cache: ${cacheDir} (${inputs.length} input file(s) ready for \`bigmath run --from-cache\`)\n`);
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`bigmath fetch: error: --timeout expects a positive number of seconds, got "${v}"\n`);
    process.exit(FETCH_FAILED);
  }
  return n;
}
