import type { Command } from 'commander';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseConfig, type ConfigInput } from '../../schemas/config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import { ADAPTERS } from '../../sources/registry.ts';
import { terminalProgress } from '../run/progress.ts';
import { PROJECT_ROOT } from '../version.ts';
import { summaryTable } from './summary-table.ts';
import { stopOnSignal } from './interrupt.ts';
import { checkFilterNames } from '../process/filter-names.ts';
import { UsageError } from '../errors.ts';
import { collect, parsePair } from './option-values.ts';

/** The bundled sample: `data/sample/<source>/` for every registered source that has one. */
export function sampleInputs(): { source: string; path: string }[] {
  const root = join(PROJECT_ROOT, 'data', 'sample');
  return ADAPTERS.filter((a) => existsSync(join(root, a.name)) && readdirSync(join(root, a.name)).some((f) => /\.(jsonl|parquet|json)$/.test(f))).map((a) => ({
    source: a.name,
    // relative to the working directory, so file names in the outputs do not depend on where the clone lives
    path: relative(process.cwd(), join(root, a.name)) || '.',
  }));
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('build the corpus (with no --input: from the bundled sample in data/sample into out/)')
    .option('-i, --input <SOURCE=PATH>', 'input file, folder or glob for a source (repeatable)', collect, [])
    .option('-o, --out <DIR>', 'output folder')
    .option('-c, --config <FILE>', 'JSON config file (see README); command-line options override it')
    .option('--rows-per-shard <N>', 'rows per Parquet shard', (v) => positiveInt(v, '--rows-per-shard'))
    .option('--workers <N>', 'worker threads for the per-record stages (0 = main thread)', (v) => positiveInt(v, '--workers', true))
    .option('--disable <FILTERS>', 'comma-separated filters or reason codes that record but never reject')
    .option('--benchmark <NAME=PATH>', 'benchmark test set for decontamination (repeatable; default: bundled set)', collect, [])
    .option('--force', 'replace an out dir that holds a run of another config or other inputs')
    .option('--resume', 'resume the unfinished run in the out dir (also automatic when config and inputs match)')
    .option('--fetch', 'fetch every source into the cache first (see `bigmath fetch`), then build from it')
    .option('--from-cache', 'build from the sources fetched into the cache (pinned by sources.lock.json)')
    .option('--cache-dir <DIR>', 'fetch cache (default $BIGMATH_CACHE or ~/.cache/bigmath)')
    .option('--allow-empty', 'build even when an input yields no rows')
    .option('--no-dedup', 'skip deduplication')
    .option('--no-decontam', 'skip benchmark decontamination')
    .action(async (opts) => {
      const raw: ConfigInput & Record<string, unknown> = opts.config ? readConfigFile(opts.config) : {};
      const inputs = (opts.input as string[]).map((s) => parsePair(s, '--input', 'SOURCE=PATH')).map(([source, path]) => ({ source, path }));
      if (opts.fetch || opts.fromCache) {
        if (inputs.length) throw new UsageError('--fetch/--from-cache and --input exclude each other');
        inputs.push(...(await cacheInputs(Boolean(opts.fetch), opts.cacheDir)));
      }
      if (inputs.length) raw.inputs = inputs;
      if (!raw.inputs || (raw.inputs as unknown[]).length === 0) raw.inputs = sampleInputs();
      if (opts.out) raw.out = opts.out;
      if (opts.rowsPerShard) raw.rows_per_shard = opts.rowsPerShard;
      if (opts.workers !== undefined) raw.workers = opts.workers;
      const section = <T extends object>(k: string): T => ((raw as Record<string, unknown>)[k] ??= {}) as T;
      const fromFile = (raw as { filters?: { disable?: unknown } }).filters?.disable;
      if (Array.isArray(fromFile)) checkFilterNames(fromFile.map(String), `${opts.config}: filters.disable`);
      if (opts.disable) {
        const disable = String(opts.disable).split(',').map((s) => s.trim()).filter(Boolean);
        checkFilterNames(disable, '--disable');
        section<{ disable?: string[] }>('filters').disable = disable;
      }
      if ((opts.benchmark as string[]).length) {
        section<{ benchmarks?: unknown }>('decontamination').benchmarks = (opts.benchmark as string[]).map((s) => parsePair(s, '--benchmark', 'NAME=PATH')).map(([name, path]) => ({ name, path }));
      }
      if (opts.dedup === false) section<{ enabled?: boolean }>('dedup').enabled = false;
      if (opts.decontam === false) section<{ enabled?: boolean }>('decontamination').enabled = false;
      const config = parseConfig(raw);
      const { runPipeline } = await import('../run/run.ts'); // loaded on demand: `bigmath sources` stays instant
      if (opts.resume && !existsSync(join(config.out, '.work', 'plan.json'))) throw new UsageError(`--resume: ${config.out} holds no unfinished run`);
      const undo = stopOnSignal(config.out);
      const manifest = await runPipeline(config, { progress: terminalProgress(), force: !!opts.force, allowEmpty: !!opts.allowEmpty, log: (l) => process.stderr.write(`${l}\n`) }).finally(undo);
      process.stdout.write(summaryTable(manifest));
      process.stdout.write(`\n${wroteLine(config.out, manifest)}\n`);
      if (!manifest.accounting_ok) {
        process.stderr.write('error: accounting identity read = kept + rejected + folded does not hold; see manifest.json\n');
        process.exitCode = 1;
      }
    });
}

function readConfigFile(path: string): ConfigInput & Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function positiveInt(v: string, flag: string, allowZero = false): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new UsageError(`${flag} expects ${allowZero ? 'a non-negative' : 'a positive'} integer, got "${v}"`);
  return n;
}

/** Inputs from the fetch cache: one folder per source, so paths inside it stay distinct. */
async function cacheInputs(fetchFirst: boolean, cacheDirOpt: string | undefined): Promise<{ source: string; path: string }[]> {
  const { fetchAll, cachedInputs, resolveCacheDir, FetchError } = await import('../fetch/index.ts');
  const cacheDir = resolveCacheDir(cacheDirOpt);
  try {
    if (fetchFirst) await fetchAll({ cacheDir });
    const sources = [...new Set(cachedInputs(cacheDir).map((i) => i.source))];
    if (!sources.length) throw new UsageError(`no fetched sources in ${cacheDir}: run \`bigmath fetch all\` first`);
    return sources.map((source) => ({ source, path: join(cacheDir, source) }));
  } catch (e) {
    if (e instanceof FetchError) throw new UsageError(e.message);
    throw e;
  }
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** The last line of a run: every output, the report and the dataset card first. */
export function wroteLine(out: string, m: Manifest): string {
  const rows = (s: { rows: number }[]) => s.reduce((a, x) => a + x.rows, 0);
  const dir = out.endsWith('/') ? out : `${out}/`;
  return (
    `wrote ${dir}: report.html (open it in a browser), README.md (dataset card), ` +
    `corpus/ (${plural(rows(m.outputs.corpus), 'record')} in ${plural(m.outputs.corpus.length, 'shard')}), ` +
    `rejected/ (${plural(rows(m.outputs.rejected), 'record')} in ${plural(m.outputs.rejected.length, 'shard')}), manifest.json`
  );
}
