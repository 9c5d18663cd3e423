import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../schemas/config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import { getAdapter } from '../../sources/registry.ts';
import { Accounting } from './accounting.ts';
import { canonicalJson } from '../canonical-json.ts';
import { computeGlobalDecisions } from './global-stages.ts';
import { checkBenchmarks } from '../process/record-context.ts';
import { identifyInputs, ingestTask } from '../read/ingest.ts';
import { resolveInput, type InputFile } from '../read/inputs.ts';
import { type Progress, silentProgress } from './progress.ts';
import { makeProcessor } from '../process/record-processor.ts';
import { writeFileAtomic } from './atomic.ts';
import { crashPoint, pausePoint } from './crash-point.ts';
import { loadGlobal, saveGlobal } from './global-store.ts';
import { acquireLock } from './lock.ts';
import { checkOutDir, removeShards } from './out-dir.ts';
import { decideResume, makePlan } from './run-plan.ts';
import { dedupFactsPath, factsPath, readMarker, stagedPath, writeMarker, type TaskStats } from './task-marker.ts';
import { StageTimer } from './stage-timer.ts';
import { readFactsAt } from './staging.ts';
import { readDedupFacts } from '../dedup/facts-file.ts';
import { planTasks } from './tasks.ts';
import { TOOL_VERSION } from '../version.ts';
import { writeOutputs } from '../write/write-outputs.ts';
import { UsageError } from '../errors.ts';
import { checkFilterNames } from '../process/filter-names.ts';
import { writeReportAndCard } from '../report/index.ts';
import { hashInBackground, type InputHashes } from './input-hashes.ts';

export interface RunOptions {
  progress?: Progress;
  /** Replace an out dir that holds a run of another config or other inputs. */
  force?: boolean;
  /** Called with a one-line note (e.g. "resuming: 3 of 5 read tasks done"). */
  log?: (line: string) => void;
  /** Build even when an input yields no rows (otherwise a usage error). */
  allowEmpty?: boolean;
}

/**
 * Builds the corpus as a sequence of tasks, each leaving a completion marker under `DIR/.work`:
 * one read task per input file (adapters, filters, benchmark overlap and dedup hashes, on worker
 * threads) writing a staging file and a small facts file; the dedup stage over the facts;
 * the writers, streaming the staging files into Parquet shards; the manifest last. A run killed
 * at any point resumes from its markers and produces the same bytes as an uninterrupted one.
 */
export async function runPipeline(config: Config, opts: RunOptions = {}): Promise<Manifest> {
  const progress = opts.progress ?? silentProgress;
  const log = opts.log ?? (() => {});
  const timer = new StageTimer();
  const out = config.out;
  const work = join(out, '.work');

  checkFilterNames(config.filters.disable, 'filters.disable');
  const files: InputFile[] = [];
  const perInput: { label: string; files: InputFile[] }[] = [];
  for (const input of config.inputs) {
    getAdapter(input.source); // an unknown source is a usage error before any work
    const found = await resolveInput(input.source, input.path);
    perInput.push({ label: `${input.source}=${input.path}`, files: found });
    files.push(...found);
  }
  const tasks = planTasks(files);
  try {
    checkBenchmarks(config); // an unreadable benchmark file stops the run before any work
  } catch (e) {
    throw new UsageError(`decontamination benchmarks: ${(e as Error).message}`);
  }
  // One pool for both passes over the inputs; closed when the read stage ends (or the run fails).
  const processor = makeProcessor(config, files.reduce((a, f) => a + f.size, 0));
  let closed = false;
  const closeProcessor = async () => {
    if (!closed) await processor.close();
    closed = true;
  };
  let identified: Awaited<ReturnType<typeof identifyInputs>>;
  let plan: Awaited<ReturnType<typeof makePlan>>;
  let configHash: string;
  let release: () => void;
  try {
    // the first pass: identities and folds in input order, boilerplate n-grams from the inputs
    timer.start('identify+boilerplate');
    progress.stage(`reading ${files.length} input file${files.length === 1 ? '' : 's'} (first pass: record ids, folds, boilerplate n-grams)`);
    identified = await identifyInputs(tasks, processor, config, progress);
    config = identified.config;
    const totalRows = identified.plans.reduce((a, p) => a + p.rows.reduce((x, y) => x + y, 0), 0);
    timer.stop('identify+boilerplate', totalRows, identified.plans.reduce((a, p) => a + p.stats.records, 0));
    progress.done();
    configHash = createHash('sha256').update(canonicalJson(configForHash(config))).digest('hex');
    plan = await makePlan(configHash, files, tasks);

    for (const f of checkOutDir(out, opts.force ?? false)) log(`left alone: ${join(out, f)} (not written by bigmath)`);
    try {
      await mkdir(out, { recursive: true });
    } catch (e) {
      throw new UsageError(`cannot create out dir ${out}: ${(e as Error).message}`);
    }
    release = acquireLock(out);
  } catch (e) {
    await closeProcessor();
    throw e;
  }
  let hashes: InputHashes | null = null;
  try {
    const decision = decideResume(out, plan, opts.force ?? false);
    // a finished manifest must never sit beside outputs of another, unfinished run
    await rm(join(out, 'manifest.json'), { force: true });
    if (decision.kind === 'fresh') {
      await removeShards(out);
      await rm(work, { recursive: true, force: true });
      await mkdir(join(work, 'staged'), { recursive: true });
      await writeFileAtomic(join(work, 'plan.json'), JSON.stringify(plan));
    }

    const accounting = new Accounting();
    const folded = new Map<string, number>();
    const addStats = (s: TaskStats) => {
      accounting.addTask(s);
      for (const [id, n] of Object.entries(s.folded_into)) folded.set(id, (folded.get(id) ?? 0) + n);
    };
    let records = 0;
    let resumed = 0;
    timer.start('read+filter+decontam');
    progress.stage(`reading, filtering and checking ${files.length} input file${files.length === 1 ? '' : 's'} (${tasks.length} read task${tasks.length === 1 ? '' : 's'})`);
    try {
      // Reading task k+1 overlaps the workers finishing task k; at most two tasks are unfinished.
      const done: Promise<TaskStats>[] = [];
      let readSoFar = 0;
      for (const task of tasks) {
        const marker = decision.kind === 'resume' ? await readMarker(work, task.index) : null;
        if (marker) {
          done.push(Promise.resolve(marker.stats));
          resumed++;
          continue;
        }
        if (done.length >= 2) await done[done.length - 2];
        const ingested = await ingestTask(identified.plans[task.index], work, processor, config, progress, readSoFar, done.at(-1));
        readSoFar += ingested.rows;
        const marked = ingested.finished.then(async (stats) => {
          await writeMarker(work, task.index, task.label, stats);
          return stats;
        });
        marked.catch(() => {}); // awaited below in task order
        done.push(marked);
      }
      for (const d of done) {
        const stats = await d;
        addStats(stats);
        records += stats.records;
      }
    } finally {
      await closeProcessor(); // the workers' memory is free for dedup and the write
    }
    timer.stop('read+filter+decontam', accounting.totalRead(), records);
    progress.done();
    if (resumed) log(`resumed: ${resumed} of ${tasks.length} read tasks were already done`);
    // an input without rows is almost always a wrong path or an empty download, not an empty corpus
    const empty = perInput.filter((i) => i.files.every((f) => accounting.rowsOf(f.path) === 0));
    if (empty.length && !opts.allowEmpty) {
      throw new UsageError(`no rows read from ${empty.map((i) => `--input ${i.label}`).join(', ')}; nothing was written (add --allow-empty to build anyway)`);
    }
    crashPoint('after-read');
    await pausePoint('after-read');

    const staged = tasks.map((t) => stagedPath(work, t.index));
    const facts = tasks.map((t) => factsPath(work, t.index));
    const dedupFacts = tasks.map((t) => dedupFactsPath(work, t.index));
    timer.start('dedup');
    // The manifest's input hashes, on a worker thread while dedup leaves a core idle (started with
    // the run, they would compete with the read stage, which keeps both cores busy).
    hashes = hashInBackground(files.map((f) => f.path));
    progress.stage(`dedup and answer conflicts over ${records.toLocaleString('en-US')} records`);
    let decisions = decision.kind === 'resume' ? loadGlobal(work, records) : null;
    if (decisions) log('resumed: global stages were already done');
    else {
      decisions = await computeGlobalDecisions((wanted) => readFactsAt(facts, wanted), (wanted) => readDedupFacts(dedupFacts, wanted), records, config, progress);
      crashPoint('before-global-saved');
      await saveGlobal(work, records, decisions);
    }
    timer.stop('dedup', records, records);
    progress.done();

    timer.start('write');
    progress.stage('writing corpus and rejected shards');
    await removeShards(out);
    const outputs = await writeOutputs(staged, decisions, folded, config, accounting, progress);
    timer.stop('write', records, outputs.corpus.reduce((a, s) => a + s.rows, 0));
    progress.done();
    crashPoint('before-manifest');

    timer.start('report+card');
    const sha256 = await hashes.all();
    const inputs: Manifest['inputs'] = files.map((f, i) => ({ source: f.source, path: f.relativePath, files: 1, bytes: f.size, sha256: sha256[i], rows: accounting.rowsOf(f.path) }));
    const manifest: Manifest = {
      tool: { name: 'bigmath', version: TOOL_VERSION, node: process.versions.node.split('.')[0] },
      config_hash: configHash,
      config: configForHash(config),
      inputs: collapseJsonFolders(inputs),
      counts: accounting.counts(),
      totals: accounting.totals(),
      accounting_ok: accounting.identityHolds(),
      outputs,
      dedup: decisions.summary ?? null,
    };
    // the manifest marks the run complete, so it is written last and atomically
    await writeFileAtomic(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    // derived views of the finished run, read back from its shards and manifest
    progress.stage('writing report.html and the dataset card README.md');
    await writeReportAndCard(out);
    await rm(work, { recursive: true, force: true });
    timer.stop('report+card', records, records);
    // after the manifest: stats.json times the whole run, the views above included
    await writeFile(join(out, 'stats.json'), JSON.stringify({ stages: timer.rows(), peak_rss_mb: timer.peakRssMb(), dedup: decisions.stats ?? null }, null, 2) + '\n');
    return manifest;
  } finally {
    release();
    await closeProcessor();
    await hashes?.stop();
  }
}

/**
 * The config that determines outputs. The out dir and threading do not; nor do the input paths,
 * which depend on where the inputs lie: the manifest lists every input by its path inside its
 * --input root with its sha256 instead.
 */
export function configForHash(config: Config): Omit<Config, 'out' | 'workers' | 'worker_min_input_mb' | 'inputs'> {
  const { out: _out, workers: _workers, worker_min_input_mb: _min, inputs: _inputs, ...rest } = config;
  return rest;
}

/** MATH.tar folders have thousands of files: the manifest lists one entry per folder. */
function collapseJsonFolders(inputs: Manifest['inputs']): Manifest['inputs'] {
  const out: Manifest['inputs'] = [];
  for (const i of inputs) {
    const folder = i.path.endsWith('.json') ? i.path.slice(0, i.path.lastIndexOf('/') + 1) : null;
    const prev = out.at(-1);
    if (folder && prev && prev.path === folder && prev.source === i.source) {
      prev.files++;
      prev.bytes += i.bytes;
      prev.rows += i.rows;
      prev.sha256 = createHash('sha256').update(prev.sha256 + i.sha256).digest('hex');
    } else {
      out.push(folder ? { ...i, path: folder } : { ...i });
    }
  }
  return out;
}
