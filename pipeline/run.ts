import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../schemas/config.ts';
import type { Manifest } from '../schemas/manifest.ts';
import type { ProblemRecord } from '../schemas/record.ts';
import { getAdapter } from '../sources/registry.ts';
import { Accounting } from './accounting.ts';
import { computeGlobalDecisions, type GlobalDecisions } from './global-stages.ts';
import { resolveInput, type InputFile } from './inputs.ts';
import { sha256File } from './writers/parquet-shards.ts';
import { makeProcessor } from './record-processor.ts';
import { planTasks, type ReadTask } from './tasks.ts';
import { readTask } from './readers/read-task.ts';
import { StagingWriter, readStaged } from './staging.ts';
import { toRecord } from './to-record.ts';
import { writeOutputs } from './write-outputs.ts';
import { type Progress, silentProgress } from './progress.ts';
import { StageTimer } from './stage-timer.ts';
import { TOOL_VERSION } from './version.ts';
import { canonicalJson } from './canonical-json.ts';

const BATCH = 512;

export interface RunOptions {
  progress?: Progress;
}

/**
 * Builds the corpus: read tasks (adapters + per-record stages, on worker threads) write staging
 * files; the global stages (decontamination, dedup) read them back keeping only small facts;
 * the writers stream them a last time into Parquet shards, then the manifest is written.
 */
export async function runPipeline(config: Config, opts: RunOptions = {}): Promise<Manifest> {
  const progress = opts.progress ?? silentProgress;
  const timer = new StageTimer();
  const out = config.out;
  const work = join(out, '.work');

  const files: InputFile[] = [];
  for (const input of config.inputs) {
    getAdapter(input.source); // unknown source: usage error before any work
    files.push(...(await resolveInput(input.source, input.path)));
  }
  const tasks = planTasks(files);

  await mkdir(out, { recursive: true });
  for (const d of ['corpus', 'rejected', '.work']) await rm(join(out, d), { recursive: true, force: true });
  await mkdir(join(work, 'staged'), { recursive: true });

  const accounting = new Accounting();
  const folded = new Map<string, number>(); // id of kept row -> further rows folded into it
  const foldSeen = new Map<string, string>(); // source + fold key -> id
  const staged: string[] = [];
  const processor = makeProcessor(config);
  let records = 0;
  try {
    timer.start('read+filter');
    for (const task of tasks) {
      const path = join(work, 'staged', `task-${String(task.index).padStart(5, '0')}.jsonl`);
      staged.push(path);
      records += await ingestTask(task, path, config, processor, accounting, foldSeen, folded, progress);
    }
    timer.stop('read+filter', accounting.totalRead(), records);
  } finally {
    await processor.close();
  }
  progress.done();

  timer.start('decontamination+dedup');
  const decisions: GlobalDecisions = await computeGlobalDecisions(() => readStaged(staged), records, config, progress);
  timer.stop('decontamination+dedup', records, records);

  timer.start('write');
  const outputs = await writeOutputs(staged, decisions, folded, config, accounting, progress);
  timer.stop('write', records, outputs.corpus.reduce((a, s) => a + s.rows, 0));
  progress.done();

  const inputs: Manifest['inputs'] = [];
  for (const f of files) {
    inputs.push({ source: f.source, path: f.path, files: 1, bytes: f.size, sha256: await sha256File(f.path), rows: accounting.rowsOf(f.path) });
  }
  const manifest: Manifest = {
    tool: { name: 'bigmath', version: TOOL_VERSION, node: process.versions.node.split('.')[0] },
    config_hash: createHash('sha256').update(canonicalJson(configForHash(config))).digest('hex'),
    config: configForHash(config),
    inputs: collapseJsonFolders(inputs),
    counts: accounting.counts(),
    totals: accounting.totals(),
    accounting_ok: accounting.identityHolds(),
    outputs,
    dedup: decisions.summary,
  };
  await writeFile(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  await writeFile(join(out, 'stats.json'), JSON.stringify({ stages: timer.rows(), peak_rss_mb: timer.peakRssMb() }, null, 2) + '\n');
  await rm(work, { recursive: true, force: true });
  return manifest;
}

/** The config that determines outputs (the out dir and worker count do not). */
function configForHash(config: Config): Omit<Config, 'out' | 'workers'> {
  const { out: _out, workers: _workers, ...rest } = config;
  return rest;
}

async function ingestTask(
  task: ReadTask,
  path: string,
  config: Config,
  processor: ReturnType<typeof makeProcessor>,
  accounting: Accounting,
  foldSeen: Map<string, string>,
  folded: Map<string, number>,
  progress: Progress,
): Promise<number> {
  const adapter = getAdapter(task.source);
  const writer = new StagingWriter(path);
  const inFlight: Promise<void>[] = [];
  let chain = Promise.resolve();
  let batch: ProblemRecord[] = [];
  let records = 0;
  // Batches are processed concurrently but written strictly in order (the promise chain).
  const flush = () => {
    if (!batch.length) return;
    const done = processor.process(batch);
    batch = [];
    chain = chain.then(async () => {
      for (const r of await done) await writer.write({ r });
    });
    inFlight.push(chain);
  };
  for await (const raw of readTask(task)) {
    accounting.read(task.source, raw.file);
    const res = toRecord(adapter, raw);
    if (!res.ok) {
      flush();
      const m = res.malformed;
      chain = chain.then(() => writer.write({ m }));
      continue;
    }
    const rec = res.record;
    if (adapter.foldKey) {
      const key = `${rec.source}\u001f${adapter.foldKey(rec)}`;
      const first = foldSeen.get(key);
      if (first !== undefined) {
        folded.set(first, (folded.get(first) ?? 0) + 1);
        accounting.fold(task.source);
        continue;
      }
      foldSeen.set(key, rec.id);
    }
    accounting.subsetRead(rec.source, rec.subset);
    records++;
    batch.push(rec);
    if (batch.length >= BATCH) {
      flush();
      if (inFlight.length >= 4) await inFlight.shift();
    }
    progress.tick(task.label, accounting.totalRead());
  }
  flush();
  await chain;
  await writer.close();
  return records;
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
