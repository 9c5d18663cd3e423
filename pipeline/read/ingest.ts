import { rename } from 'node:fs/promises';
import type { Config } from '../../schemas/config.ts';
import { BoilerplateCounter, derivesBoilerplate, withBoilerplate } from '../decontam/boilerplate.ts';
import type { RecordProcessor } from '../process/record-processor.ts';
import { crashPoint } from '../run/crash-point.ts';
import type { Progress } from '../run/progress.ts';
import { StagingWriter } from '../run/staging.ts';
import { dedupFactsPath, factsPath, stagedPath, type TaskStats } from '../run/task-marker.ts';
import type { ReadTask } from '../run/tasks.ts';
import { planChunks, type Chunk } from './chunks.ts';
import type { IdentifiedChunk } from './identify-chunk.ts';
import { IdentityFold } from './identity-fold.ts';

/**
 * First-pass results queued ahead: they are small (ids and fold keys), so a deeper queue only
 * keeps both workers busy while this thread folds.
 */
const IDENTIFY_AHEAD = 6;
/**
 * Chunks processed ahead of the writer per task: one per worker and one waiting. A chunk's
 * staging lines are tens of MB, so a deeper queue costs memory and buys nothing.
 */
const PROCESS_AHEAD = 3;

/** A read task after the first pass: its chunks, the fold's decisions per chunk and its accounting. */
export interface TaskPlan {
  task: ReadTask;
  chunks: Chunk[];
  decisions: Uint8Array[];
  rows: number[];
  stats: TaskStats;
}

/**
 * The first pass over every input, chunk by chunk on the worker threads: each chunk's rows are
 * decoded and adapted, their identities come back and are folded here in input order (which
 * rows fold into an earlier record, which ids must be renamed), and the benchmark n-grams are
 * counted for the derived boilerplate list. Returns the plans of the second pass and the config
 * with the boilerplate list filled in.
 */
export async function identifyInputs(tasks: readonly ReadTask[], processor: RecordProcessor, config: Config, progress: Progress): Promise<{ plans: TaskPlan[]; config: Config }> {
  const settings = derivesBoilerplate(config) ? config.decontamination : null;
  const counter = settings ? new BoilerplateCounter(null, settings.boilerplate_min_docs) : null; // merges the workers' counts
  const plans: TaskPlan[] = [];
  for (const task of tasks) plans.push({ task, chunks: await planChunks(task), decisions: [], rows: [], stats: emptyStats(task.source) });
  const all = plans.flatMap((plan) => plan.chunks.map((chunk) => ({ plan, chunk })));
  const pending: Promise<IdentifiedChunk>[] = [];
  let next = 0;
  const submit = () => {
    for (; next < all.length && pending.length < IDENTIFY_AHEAD; next++) {
      const p = processor.run({ kind: 'identify', chunk: all[next].chunk, boilerplate: settings });
      p.catch(() => {}); // awaited in order below; never unhandled if an earlier one fails
      pending.push(p);
    }
  };
  const fold = new IdentityFold();
  let rows = 0;
  for (const { plan, chunk } of all) {
    submit();
    const r = await pending.shift()!;
    plan.decisions.push(await fold.add(chunk, r, plan.stats));
    const n = r.rowsByFile.reduce((a, [, k]) => a + k, 0);
    plan.rows.push(n);
    if (r.boilerplate) counter!.merge(r.boilerplate);
    progress.tick(`reading ${plan.task.label}`, (rows += n));
  }
  return { plans, config: counter ? withBoilerplate(config, counter) : config };
}

function emptyStats(source: string): TaskStats {
  return { source, rows_by_file: {}, records: 0, malformed: 0, folded: 0, folded_into: {}, subsets: {} };
}

/** A read task whose chunks are all submitted; `finished` settles once its files are complete. */
export interface IngestedTask {
  rows: number;
  finished: Promise<TaskStats>;
}

/**
 * The second pass over one read task: its chunks go to the workers (decode, adapt, apply the
 * fold's decisions, per-record stages) and come back as staging, facts and dedup-facts bytes,
 * written here in input order. The files appear under their final names only when complete.
 *
 * Returns as soon as the last chunk is submitted, so the caller can start the next task while
 * the workers finish this one (no drain at task boundaries). The files are completed only after
 * `after` (the previous task's completion marker): tasks finish in order.
 */
export async function ingestTask(plan: TaskPlan, work: string, processor: RecordProcessor, config: Config, progress: Progress, readSoFar: number, after: Promise<unknown> = Promise.resolve()): Promise<IngestedTask> {
  const { task } = plan;
  const final = stagedPath(work, task.index);
  const facts = factsPath(work, task.index);
  const dedupFacts = dedupFactsPath(work, task.index);
  const writer = new StagingWriter(`${final}.tmp`, `${facts}.tmp`, `${dedupFacts}.tmp`);
  const inFlight: Promise<void>[] = [];
  let chain = Promise.resolve();
  let rows = 0;
  // Chunks are processed concurrently but written strictly in order (the promise chain).
  try {
    for (let i = 0; i < plan.chunks.length; i++) {
      const done = processor.run({ kind: 'process', chunk: plan.chunks[i], decisions: plan.decisions[i], config });
      done.catch(() => {}); // observed through the chain; never an unhandled rejection on abort
      const upTo = (rows += plan.rows[i]);
      chain = chain.then(async () => {
        const c = await done;
        await writer.writeChunk(c.staged, c.facts, c.dedup);
        if (i === 0) crashPoint(`read:${task.index}`); // some staged lines are on disk when the test kills the process
        progress.tick(`reading ${task.label}`, readSoFar + upTo);
      });
      inFlight.push(chain);
      if (inFlight.length >= PROCESS_AHEAD) await inFlight.shift();
    }
  } catch (e) {
    await abandon(e);
  }
  // chunks still in flight must not turn into unhandled rejections that hide an error
  async function abandon(e: unknown): Promise<never> {
    for (const p of inFlight) p.catch(() => {});
    chain.catch(() => {});
    await writer.close().catch(() => {});
    throw e;
  }
  const finished = (async () => {
    try {
      await chain;
      await after;
    } catch (e) {
      return abandon(e);
    }
    await writer.close();
    await rename(`${dedupFacts}.tmp`, dedupFacts);
    await rename(`${facts}.tmp`, facts);
    await rename(`${final}.tmp`, final);
    crashPoint(`read-done:${task.index}`); // staged file complete, marker not yet written
    return plan.stats;
  })();
  finished.catch(() => {}); // the caller awaits it; never unhandled if the run stops first
  return { rows, finished };
}
